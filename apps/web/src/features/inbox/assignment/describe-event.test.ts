import type { ConversationEvent } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import { describeEvent, mergeEvents, shownNote, timeline } from './describe-event';

const t = (key: string, options?: Record<string, unknown>) => `${key} ${JSON.stringify(options ?? {})}`;

function event(partial: Partial<ConversationEvent>): ConversationEvent {
  return {
    id: 'e1',
    kind: 'status',
    actor: { id: 'u1', name: 'Ana' },
    from: null,
    to: null,
    fromName: null,
    toName: null,
    note: null,
    at: '2026-01-01T10:00:00.000Z',
    ...partial,
  };
}

describe('describeEvent', () => {
  it('names who assigned to whom', () => {
    expect(describeEvent(event({ kind: 'assignee', to: 'u2', toName: 'Pablo' }), t)).toBe(
      'assignment.event.assigned {"actor":"Ana","to":"Pablo"}',
    );
  });

  it('says Charla reopened it when a snooze ended', () => {
    expect(describeEvent(event({ actor: null, from: 'snoozed', to: 'open' }), t)).toBe(
      'assignment.event.snoozeEnded {"actor":"Charla"}',
    );
  });

  it('a member who lost access: their conversation is back in the queue, said in words, not as a code', () => {
    const removed = event({ kind: 'assignee', from: 'u2', fromName: 'Pablo', note: 'member_removed' });
    expect(describeEvent(removed, t)).toBe('access.event.member_removed {"actor":"Ana","from":"Pablo"}');
    expect(shownNote(removed)).toBeNull();
    const deactivated = { ...removed, note: 'member_deactivated' };
    expect(describeEvent(deactivated, t)).toContain('access.event.member_deactivated');
    expect(shownNote(event({ kind: 'assignee', to: 'u2', note: 'Vacaciones' }))).toBe('Vacaciones');
  });

  it("a customer's STOP or START is said in words, without its source code beside it", () => {
    const stop = event({
      kind: 'consent',
      actor: null,
      from: 'unknown',
      to: 'opted_out',
      note: 'customer_keyword',
    });
    expect(describeEvent(stop, t)).toContain('optOut.event.out.keyword');
    expect(shownNote(stop)).toBeNull();
  });

  it('unassigning names who had it', () => {
    expect(describeEvent(event({ kind: 'assignee', from: 'u2', fromName: 'Pablo' }), t)).toContain(
      'unassigned',
    );
  });
});

describe('timeline', () => {
  it('slots events between messages by time', () => {
    const messages = [
      { id: 'm1', createdAt: '2026-01-01T09:00:00.000Z' },
      { id: 'm2', createdAt: '2026-01-01T11:00:00.000Z' },
    ];
    const events = mergeEvents([
      { events: [event({ id: 'late', at: '2026-01-01T12:00:00.000Z' }), event({})] },
    ]);
    expect(
      timeline(messages, events).map((item) => (item.kind === 'message' ? item.message.id : item.event.id)),
    ).toEqual(['m1', 'e1', 'm2', 'late']);
  });
});
