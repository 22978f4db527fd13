-- The key every form of one phone line shares, from its WhatsApp id digits: Mexico without the
-- old mobile 1 (521 -> 52), Argentina without the mobile 9 (549 -> 54), Brazilian mobiles with
-- the ninth digit (55 AA XXXX-XXXX -> 55 AA 9XXXX-XXXX; landlines, first digit 2-5, unchanged).
-- Same rule as phoneMatchKey in contacts/phone-numbers.ts (a test checks they agree).
CREATE FUNCTION phone_match_key(digits text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
  AS $$ SELECT CASE
    WHEN digits ~ '^521[0-9]{10}$' THEN '52' || substr(digits, 4)
    WHEN digits ~ '^549[0-9]{10}$' THEN '54' || substr(digits, 4)
    WHEN digits ~ '^55[0-9]{2}[016789][0-9]{7}$' THEN substr(digits, 1, 4) || '9' || substr(digits, 5)
    ELSE digits
  END $$;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "phone_key" text GENERATED ALWAYS AS (phone_match_key(wa_id)) STORED;--> statement-breakpoint
CREATE INDEX "contacts_workspace_phone_key_idx" ON "contacts" USING btree ("workspace_id","phone_key");
