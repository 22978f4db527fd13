import type { IncomingPayload } from '@charla/contracts';
import { notFound } from '../../platform/errors';
import type { IntegrationsActor, IntegrationsDeps } from './integrations.deps';
import { assertManager } from './triggers';

/** The last payloads a trigger received, newest first, with what Charla did with each. */
export async function listPayloads(
  deps: IntegrationsDeps,
  actor: IntegrationsActor,
  triggerId: string,
): Promise<IncomingPayload[]> {
  assertManager(actor);
  const [trigger] = await deps.db.query(
    'SELECT 1 FROM incoming_triggers WHERE workspace_id = $1 AND id = $2',
    [actor.workspaceId, triggerId],
  );
  if (!trigger) throw notFound('trigger');
  const rows = await deps.db.query<{
    id: number | string;
    received_at: Date;
    body: unknown;
    outcome: IncomingPayload['outcome'];
    detail: string | null;
    message_id: string | null;
    contact_id: string | null;
  }>(
    `SELECT id, received_at, body, outcome, detail, message_id, contact_id FROM incoming_payloads
      WHERE workspace_id = $1 AND trigger_id = $2 ORDER BY id DESC`,
    [actor.workspaceId, triggerId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    receivedAt: new Date(r.received_at).toISOString(),
    body: r.body,
    outcome: r.outcome,
    detail: r.detail,
    messageId: r.message_id,
    contactId: r.contact_id,
  }));
}
