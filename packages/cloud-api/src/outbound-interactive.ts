import { z } from 'zod';
import { InteractiveDocumentSchema, InteractiveMediaSchema } from './outbound-content';

/** §2.8 limits of reply-button, list and CTA-URL messages. */
export const INTERACTIVE_LIMITS = {
  header: 60,
  footer: 60,
  buttonBody: 1024,
  listBody: 4096,
  ctaBody: 1024,
  buttons: 3,
  buttonTitle: 20,
  buttonId: 256,
  listButton: 20,
  sections: 10,
  sectionTitle: 24,
  rowsTotal: 10,
  rowId: 200,
  rowTitle: 24,
  rowDescription: 72,
  ctaDisplayText: 20,
} as const;

const L = INTERACTIVE_LIMITS;

/** Subtypes Meta knows that Charla does not build (yet); a validator can tell them from typos. */
export const OTHER_INTERACTIVE_TYPES = [
  'flow',
  'product',
  'product_list',
  'catalog_message',
  'location_request_message',
  'address_message',
  'call_permission_request',
  'voice_call',
  'request_contact_info',
] as const;

const TextHeaderSchema = z.strictObject({ type: z.literal('text'), text: z.string().min(1).max(L.header) });
/** Reply buttons and CTA URL take a text, image, video or document header. */
const MediaCapableHeaderSchema = z.discriminatedUnion('type', [
  TextHeaderSchema,
  z.strictObject({ type: z.literal('image'), image: InteractiveMediaSchema }),
  z.strictObject({ type: z.literal('video'), video: InteractiveMediaSchema }),
  z.strictObject({ type: z.literal('document'), document: InteractiveDocumentSchema }),
]);

const bodyOf = (max: number) => z.strictObject({ text: z.string().min(1).max(max) });
const FooterSchema = z.strictObject({ text: z.string().min(1).max(L.footer) });

/** Adds one issue per value seen before, at that item's path, so the error names the duplicate. */
function requireUnique<T>(
  items: readonly T[],
  ctx: z.RefinementCtx,
  pick: (item: T) => string,
  path: (index: number) => (string | number)[],
  what: string,
) {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const value = pick(item);
    if (seen.has(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be unique: another ${what} is "${value}"`,
        path: path(index),
      });
    }
    seen.add(value);
  });
}

const ReplyButtonSchema = z.strictObject({
  type: z.literal('reply'),
  reply: z.strictObject({
    id: z.string().min(1).max(L.buttonId),
    title: z.string().min(1).max(L.buttonTitle),
  }),
});

export const InteractiveButtonSchema = z.strictObject({
  type: z.literal('button'),
  header: MediaCapableHeaderSchema.optional(),
  body: bodyOf(L.buttonBody),
  footer: FooterSchema.optional(),
  action: z
    .strictObject({ buttons: z.array(ReplyButtonSchema).min(1).max(L.buttons) })
    .superRefine((action, ctx) => {
      const at = (field: string) => (i: number) => ['buttons', i, 'reply', field];
      requireUnique(action.buttons, ctx, (b) => b.reply.id, at('id'), 'button id');
      requireUnique(action.buttons, ctx, (b) => b.reply.title, at('title'), 'button title');
    }),
});

const ListRowSchema = z.strictObject({
  id: z.string().min(1).max(L.rowId),
  title: z.string().min(1).max(L.rowTitle),
  description: z.string().min(1).max(L.rowDescription).optional(),
});

export const InteractiveListSchema = z.strictObject({
  type: z.literal('list'),
  header: TextHeaderSchema.optional(),
  body: bodyOf(L.listBody),
  footer: FooterSchema.optional(),
  action: z
    .strictObject({
      button: z.string().min(1).max(L.listButton),
      sections: z
        .array(
          z.strictObject({
            title: z.string().min(1).max(L.sectionTitle),
            rows: z.array(ListRowSchema).min(1).max(L.rowsTotal),
          }),
        )
        .min(1)
        .max(L.sections),
    })
    .superRefine((action, ctx) => {
      const rows = action.sections.flatMap((section, s) => section.rows.map((row, r) => ({ row, s, r })));
      if (rows.length > L.rowsTotal) {
        ctx.addIssue({
          code: 'custom',
          message: `must hold at most ${L.rowsTotal} rows in total across all sections (found ${rows.length})`,
          path: ['sections'],
        });
      }
      requireUnique(
        rows,
        ctx,
        (x) => x.row.id,
        (i) => ['sections', rows[i]?.s ?? 0, 'rows', rows[i]?.r ?? 0, 'id'],
        'row id',
      );
    }),
});

export const InteractiveCtaUrlSchema = z.strictObject({
  type: z.literal('cta_url'),
  header: MediaCapableHeaderSchema.optional(),
  body: bodyOf(L.ctaBody),
  footer: FooterSchema.optional(),
  action: z.strictObject({
    name: z.literal('cta_url'),
    parameters: z.strictObject({
      display_text: z.string().min(1).max(L.ctaDisplayText),
      url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    }),
  }),
});

export const OutboundInteractiveSchema = z.discriminatedUnion('type', [
  InteractiveButtonSchema,
  InteractiveListSchema,
  InteractiveCtaUrlSchema,
]);
export type OutboundInteractive = z.infer<typeof OutboundInteractiveSchema>;
