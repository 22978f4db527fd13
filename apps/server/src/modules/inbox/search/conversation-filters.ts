import type { ConversationFilters } from '@charla/contracts';
import { WINDOW_MS } from '../conversations/conversation-window';

/**
 * The SQL condition (over conversations aliased `c`) for the inbox filters, ANDed together;
 * `firstParam` is the placeholder number the first value takes. A new filter is one more branch
 * here plus one field in `ConversationFiltersSchema`.
 */
export function conversationFiltersSql(
  filters: ConversationFilters,
  ctx: { now: Date; userId: string },
  firstParam: number,
): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  if (filters.status) conditions.push(`c.status = ${param(filters.status)}`);
  if (filters.channel) conditions.push(`c.channel_id = ${param(filters.channel)}::uuid`);
  if (filters.window) {
    // Open while the customer's last message is less than 24 hours old (conversation-window.ts).
    const since = param(new Date(ctx.now.getTime() - WINDOW_MS).toISOString());
    conditions.push(
      filters.window === 'open'
        ? `c.last_inbound_at > ${since}::timestamptz`
        : `(c.last_inbound_at IS NULL OR c.last_inbound_at <= ${since}::timestamptz)`,
    );
  }
  if (filters.unread === 'true') conditions.push('c.unread_count > 0');
  if (filters.unread === 'false') conditions.push('c.unread_count = 0');
  // A chat "from an ad": any of its messages carries the click-to-WhatsApp referral.
  const fromAd =
    'EXISTS (SELECT 1 FROM messages r WHERE r.conversation_id = c.id AND r.referral IS NOT NULL)';
  if (filters.fromAd === 'true') conditions.push(fromAd);
  if (filters.fromAd === 'false') conditions.push(`NOT ${fromAd}`);
  if (filters.assignee === 'none') conditions.push('c.assignee_user_id IS NULL');
  else if (filters.assignee) {
    const who = filters.assignee === 'me' ? ctx.userId : filters.assignee;
    conditions.push(`c.assignee_user_id = ${param(who)}::uuid`);
  }
  if (filters.team === 'none') conditions.push('c.team_id IS NULL');
  else if (filters.team) conditions.push(`c.team_id = ${param(filters.team)}::uuid`);
  if (filters.label)
    conditions.push(
      `EXISTS (SELECT 1 FROM conversation_labels fl WHERE fl.conversation_id = c.id AND fl.label_id = ${param(filters.label)}::uuid)`,
    );
  return { sql: conditions.length === 0 ? 'TRUE' : conditions.join(' AND '), params };
}
