import { describe, expect, it } from 'vitest';
import { conversationFiltersSql } from './conversation-filters';

const ctx = { now: new Date('2026-05-02T12:00:00Z'), userId: '11111111-1111-4111-8111-111111111111' };

describe('conversationFiltersSql', () => {
  it('is TRUE without filters', () => {
    expect(conversationFiltersSql({}, ctx, 3)).toEqual({ sql: 'TRUE', params: [] });
  });

  it('numbers its placeholders from the given one and ANDs the conditions', () => {
    const f = conversationFiltersSql(
      { status: 'open', window: 'open', unread: 'true', assignee: 'me', team: 'none' },
      ctx,
      5,
    );
    expect(f.sql).toBe(
      'c.status = $5 AND c.last_inbound_at > $6::timestamptz AND c.unread_count > 0 AND c.assignee_user_id = $7::uuid AND c.team_id IS NULL',
    );
    expect(f.params).toEqual(['open', '2026-05-01T12:00:00.000Z', ctx.userId]);
  });

  it('counts a conversation the customer never wrote in as closed', () => {
    const f = conversationFiltersSql({ window: 'closed', assignee: 'none' }, ctx, 1);
    expect(f.sql).toBe(
      '(c.last_inbound_at IS NULL OR c.last_inbound_at <= $1::timestamptz) AND c.assignee_user_id IS NULL',
    );
  });
});
