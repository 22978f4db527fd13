import type { Query } from '../../platform/db/database';
import type { TemplateChange, TemplateEvent, TemplatesDeps } from './templates.ports';

/**
 * Applies Meta's template webhooks (status, quality, category) inside the ingest transaction.
 * A template is found by Meta's id, or by name and language when the webhook beat the answer
 * of the create call; every workspace with a number of that WABA sees the change.
 */
export async function applyTemplateEvents(
  query: Query,
  events: TemplateEvent[],
  now: Date,
): Promise<TemplateChange[]> {
  const changes: TemplateChange[] = [];
  for (const e of events) {
    const [set, values] =
      e.kind === 'status'
        ? [
            `status = $6, rejection_reason = $7, rejection_detail = $8`,
            [e.status, e.rejection?.reason ?? null, e.rejection?.detail ?? null],
          ]
        : e.kind === 'quality'
          ? ['quality = $6', [e.quality]]
          : ['category = $6', [e.category]];
    const rows = await query<{ id: string; workspace_id: string }>(
      `UPDATE templates SET ${set}, external_id = COALESCE(external_id, $2), updated_at = $5
        WHERE waba_id = $1 AND (external_id = $2 OR (external_id IS NULL AND name = $3 AND language = $4))
        RETURNING id, workspace_id`,
      [e.wabaId, e.externalId, e.name, e.language, now, ...values],
    );
    for (const r of rows) changes.push({ workspaceId: r.workspace_id, templateId: r.id });
  }
  return changes;
}

/**
 * The ingest worker's handle on template webhooks: applied inside its transaction, announced to
 * the browsers after it commits (a rolled-back batch at worst makes a page refetch for nothing).
 */
export function createTemplateWebhookSink(deps: Pick<TemplatesDeps, 'clock' | 'notify'>) {
  let pending: TemplateChange[] = [];
  return {
    async apply(query: Query, events: TemplateEvent[]): Promise<void> {
      pending.push(...(await applyTemplateEvents(query, events, deps.clock.now())));
    },
    async flush(): Promise<void> {
      const changes = pending;
      pending = [];
      if (changes.length > 0) await deps.notify(changes);
    },
  };
}
