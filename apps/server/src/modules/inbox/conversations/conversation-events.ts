import type { ConversationEvent } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import type { InboxDeps } from '../inbox.deps';

export interface NewConversationEvent {
  workspaceId: string;
  conversationId: string;
  actorUserId: string | null;
  kind: ConversationEvent['kind'];
  from: string | null;
  to: string | null;
  note: string | null;
  at: Date;
  /** Done by automation or an API key: `{kind: 'rule' | 'flow' | 'sequence' | 'api', id, name}`. */
  automatedBy?: AutomatedBy | null;
}

export interface AutomatedBy {
  kind: 'rule' | 'flow' | 'sequence' | 'api';
  id: string;
  name: string;
}

type EventsListener = (query: Query, events: NewConversationEvent[]) => Promise<unknown>;
const listeners = new Set<EventsListener>();

/**
 * Another module hears the history lines in the transaction that writes them (webhooks out queue
 * their deliveries there, so a change is kept if and only if its events are). Registered once per
 * process; registering the same function again changes nothing.
 */
export function onConversationEvents(listener: EventsListener): void {
  listeners.add(listener);
}

/**
 * Tells the listeners of history lines a statement wrote itself (a snooze ending, a member's
 * conversations back to the queue, written in one INSERT … SELECT); in that transaction.
 */
export async function announceConversationEvents(
  query: Query,
  events: NewConversationEvent[],
): Promise<void> {
  if (events.length === 0) return;
  for (const listener of listeners) await listener(query, events);
}

/** Appends history lines; called inside the transaction that made the change. */
export async function recordConversationEvents(query: Query, events: NewConversationEvent[]): Promise<void> {
  if (events.length === 0) return;
  await announceConversationEvents(query, events);
  await query(
    `INSERT INTO conversation_events
       (workspace_id, conversation_id, actor_user_id, kind, from_value, to_value, note, occurred_at, automated_by)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::timestamptz[], $9::jsonb[])`,
    [
      events.map((e) => e.workspaceId),
      events.map((e) => e.conversationId),
      events.map((e) => e.actorUserId),
      events.map((e) => e.kind),
      events.map((e) => e.from),
      events.map((e) => e.to),
      events.map((e) => e.note),
      events.map((e) => e.at.toISOString()),
      events.map((e) => (e.automatedBy ? JSON.stringify(e.automatedBy) : null)),
    ],
  );
}

interface EventRow {
  id: string;
  kind: ConversationEvent['kind'];
  actor_id: string | null;
  actor_name: string | null;
  from_value: string | null;
  to_value: string | null;
  from_name: string | null;
  to_name: string | null;
  note: string | null;
  automated_by: AutomatedBy | null;
  occurred_at: Date;
}

/** A thread's history lines between two times (either end open), oldest first, names resolved. */
export async function listConversationEvents(
  deps: Pick<InboxDeps, 'db'>,
  workspaceId: string,
  conversationId: string,
  range: { from: Date | null; before: Date | null },
): Promise<ConversationEvent[]> {
  const nameOf = (col: string) => `CASE e.kind
      WHEN 'assignee' THEN (SELECT name FROM users WHERE id::text = ${col})
      WHEN 'team' THEN (SELECT name FROM teams WHERE id::text = ${col}) END`;
  const rows = await deps.db.query<EventRow & Record<string, unknown>>(
    `SELECT e.id, e.kind, e.actor_user_id AS actor_id, u.name AS actor_name, e.from_value, e.to_value,
            ${nameOf('e.from_value')} AS from_name, ${nameOf('e.to_value')} AS to_name, e.note, e.automated_by, e.occurred_at
       FROM conversation_events e LEFT JOIN users u ON u.id = e.actor_user_id
      WHERE e.workspace_id = $1 AND e.conversation_id = $2
        AND ($3::timestamptz IS NULL OR e.occurred_at >= $3)
        AND ($4::timestamptz IS NULL OR e.occurred_at < $4)
      ORDER BY e.occurred_at, e.seq LIMIT 500`,
    [workspaceId, conversationId, range.from?.toISOString() ?? null, range.before?.toISOString() ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
    from: r.from_value,
    to: r.to_value,
    fromName: r.from_name,
    toName: r.to_name,
    note: r.note,
    automatedBy: r.automated_by ?? null,
    at: new Date(r.occurred_at).toISOString(),
  }));
}
