import type { RemoteTemplate, TemplateAccount, TemplateChange, TemplatesDeps } from './templates.ports';
import { draftValues } from './templates.repository';

/**
 * Reconciles the account's templates with Meta's list: repairs a status, quality, category or
 * rejection a missed webhook left stale, adds templates made in WhatsApp Manager, and marks
 * `deleted` what Meta no longer has. Drafts are Charla's own and stay as they are.
 */
export async function syncTemplates(deps: TemplatesDeps, account: TemplateAccount): Promise<number> {
  const remote = await deps.gateway.list(account);
  const now = deps.clock.now();
  const changes: TemplateChange[] = [];
  await deps.db.transaction(async (query) => {
    for (const t of remote) {
      const rows = await query<{ id: string }>(
        `UPDATE templates SET status = $5, quality = $6, category = $7, rejection_reason = $8, rejection_detail = $9,
                external_id = $4, updated_at = $10
          WHERE workspace_id = $1 AND waba_id = $2 AND (external_id = $4 OR (external_id IS NULL AND name = $3 AND language = $11))
            AND (status, quality, category, COALESCE(rejection_reason, ''), COALESCE(external_id, ''))
                IS DISTINCT FROM ($5, $6, $7, COALESCE($8::text, ''), $4)
          RETURNING id`,
        [...keyOf(account, t), ...verdictOf(t), now, t.language],
      );
      changes.push(...rows.map((r) => ({ workspaceId: account.workspaceId, templateId: r.id })));
      if (rows.length === 0 && t.draft) {
        const added = await query<{ id: string }>(
          `INSERT INTO templates (workspace_id, waba_id, name, language, category, parameter_format, header, body,
                                  body_examples, footer, buttons, external_id, status, quality, rejection_reason,
                                  rejection_detail, submitted_at, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::jsonb, $10, $11::jsonb, $12, $13, $14, $15, $16, $17, $17, $17)
           ON CONFLICT DO NOTHING RETURNING id`,
          [
            account.workspaceId,
            account.wabaId,
            ...draftValues(t.draft),
            t.externalId,
            ...verdictOf(t).slice(0, 1),
            t.quality,
            t.rejection?.reason ?? null,
            t.rejection?.detail ?? null,
            now,
          ],
        );
        changes.push(...added.map((r) => ({ workspaceId: account.workspaceId, templateId: r.id })));
      }
    }
    const gone = await query<{ id: string }>(
      `UPDATE templates SET status = 'deleted', updated_at = $4
        WHERE workspace_id = $1 AND waba_id = $2 AND external_id IS NOT NULL AND status <> 'deleted'
          AND NOT (external_id = ANY($3::text[])) RETURNING id`,
      [account.workspaceId, account.wabaId, remote.map((t) => t.externalId), now],
    );
    changes.push(...gone.map((r) => ({ workspaceId: account.workspaceId, templateId: r.id })));
  });
  await deps.notify(changes);
  return changes.length;
}

const keyOf = (account: TemplateAccount, t: RemoteTemplate) => [
  account.workspaceId,
  account.wabaId,
  t.name,
  t.externalId,
];
const verdictOf = (t: RemoteTemplate) => [
  t.status,
  t.quality,
  t.category,
  t.rejection?.reason ?? null,
  t.rejection?.detail ?? null,
];

/** Every account of every workspace; one failing account does not stop the others. */
export async function syncAllTemplates(
  deps: TemplatesDeps,
  log: (err: unknown, account: TemplateAccount) => void,
): Promise<void> {
  for (const account of await deps.allAccounts()) {
    await syncTemplates(deps, account).catch((err) => log(err, account));
  }
}
