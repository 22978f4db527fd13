import type { MessageStatus } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import { toPgJson, toPgSafeText } from '../../../platform/db/pg-safe';
import type { InboxChange } from '../inbox.ports';
import { furthestStatus, statusRankSql } from './message-status';

/** A message as Meta names it: the number it went through and its wamid. */
export interface MessageKey {
  channelId: string;
  externalId: string;
}

/** One status Meta reported for one message. */
export interface StatusReport extends MessageKey {
  status: MessageStatus;
  occurredAt: Date;
  error: unknown;
}

/** What a message's reports add up to: the furthest status, and when it was first delivered and read. */
interface StatusSummary extends MessageKey {
  status: MessageStatus;
  error: unknown;
  deliveredAt: Date | null;
  readAt: Date | null;
}

const keyOf = (k: MessageKey) => `${k.channelId}|${k.externalId}`;

const earliest = (dates: Date[]) =>
  dates.length === 0 ? null : new Date(Math.min(...dates.map((d) => new Date(d).getTime())));

function summarise(reports: StatusReport[]): StatusSummary[] {
  const byMessage = new Map<string, StatusReport[]>();
  for (const r of reports) {
    const list = byMessage.get(keyOf(r));
    if (list) list.push(r);
    else byMessage.set(keyOf(r), [r]);
  }
  return [...byMessage.values()].map((list) => {
    const status = furthestStatus(list.map((r) => r.status))!;
    const furthest = list.find((r) => r.status === status)!;
    return {
      channelId: furthest.channelId,
      externalId: furthest.externalId,
      status,
      error: furthest.error,
      // A read message was delivered, at the latest when it was read.
      deliveredAt: earliest(
        list.filter((r) => r.status === 'delivered' || r.status === 'read').map((r) => r.occurredAt),
      ),
      readAt: earliest(list.filter((r) => r.status === 'read').map((r) => r.occurredAt)),
    };
  });
}

const ADVANCES = `COALESCE(${statusRankSql('m.status')}, -1) < ${statusRankSql('v.s')}`;
const EARLIER = (column: string, value: string) =>
  `(${value} < ${column} OR (${column} IS NULL AND ${value} IS NOT NULL))`;

/**
 * Moves the reported messages forward: statuses only advance (a late `sent` never downgrades
 * `read`), and `delivered_at`/`read_at` keep the earliest time Meta gave. Returns the messages it
 * found and changed; a report for a wamid no visible message has yet is not among them.
 */
export async function moveToStatuses(
  query: Query,
  reports: StatusReport[],
): Promise<{ changes: InboxChange[]; moved: MessageKey[] }> {
  const summaries = summarise(reports);
  if (summaries.length === 0) return { changes: [], moved: [] };
  const updated = await query<{
    id: string;
    conversation_id: string;
    workspace_id: string;
    channel_id: string;
    external_id: string;
  }>(
    `UPDATE messages m
        SET status = CASE WHEN ${ADVANCES} THEN v.s ELSE m.status END,
            error = CASE WHEN ${ADVANCES} THEN COALESCE(v.e, m.error) ELSE m.error END,
            delivered_at = LEAST(m.delivered_at, v.d), read_at = LEAST(m.read_at, v.r)
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::timestamptz[])
         AS v(ch, ex, s, e, d, r)
      WHERE m.channel_id = v.ch AND m.external_id = v.ex
        AND (${ADVANCES} OR ${EARLIER('m.delivered_at', 'v.d')} OR ${EARLIER('m.read_at', 'v.r')})
      RETURNING m.id, m.conversation_id, m.workspace_id, m.channel_id, m.external_id`,
    [
      summaries.map((s) => s.channelId),
      summaries.map((s) => toPgSafeText(s.externalId)),
      summaries.map((s) => s.status),
      summaries.map((s) => (s.error ? toPgJson(s.error) : null)),
      summaries.map((s) => s.deliveredAt),
      summaries.map((s) => s.readAt),
    ],
  );
  return {
    changes: updated.map((r) => ({
      kind: 'message.updated' as const,
      workspaceId: r.workspace_id,
      conversationId: r.conversation_id,
      messageId: r.id,
    })),
    moved: updated.map((r) => ({ channelId: r.channel_id, externalId: r.external_id })),
  };
}

/**
 * A webhook's status reports: each message moves forward, and the reports whose wamid no message
 * has yet, as far as this transaction sees (a send storing it concurrently, a message sent outside
 * Charla), or that changed nothing, are kept in message_status_events. The caller settles those
 * after commit with `applyStoredStatuses`, as the sender does after its own.
 */
export async function applyStatusReports(
  query: Query,
  reports: StatusReport[],
): Promise<{ changes: InboxChange[]; unsettled: MessageKey[] }> {
  const { changes, moved } = await moveToStatuses(query, reports);
  const done = new Set(moved.map(keyOf));
  const kept = reports.filter((r) => !done.has(keyOf(r)));
  if (kept.length > 0)
    await query(
      `INSERT INTO message_status_events (channel_id, external_id, status, occurred_at, errors)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[])
       ON CONFLICT DO NOTHING`,
      [
        kept.map((r) => r.channelId),
        kept.map((r) => toPgSafeText(r.externalId)),
        kept.map((r) => r.status),
        kept.map((r) => r.occurredAt),
        kept.map((r) => (r.error ? toPgJson(r.error) : null)),
      ],
    );
  const unsettled = new Map(
    kept.map((r) => [keyOf(r), { channelId: r.channelId, externalId: r.externalId }]),
  );
  return { changes, unsettled: [...unsettled.values()] };
}
