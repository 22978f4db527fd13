import type { ConversationEvent } from '@charla/contracts';
import { automatedByLabel } from '../../automation/automated-by-label';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** One sentence for a change to the conversation: "Ana assigned this to Pablo". */
export function describeEvent(event: ConversationEvent, t: Translate): string {
  const actor = event.actor?.name ?? (event.automatedBy ? automatedByLabel(event.automatedBy, t) : 'Charla');
  const to = event.toName ?? event.to ?? '';
  const from = event.fromName ?? event.from ?? '';
  switch (event.kind) {
    case 'assignee':
      // A member who lost access: their conversations went back to the queue (server's note).
      if (!event.to && isAccessNote(event.note)) return t(`access.event.${event.note}`, { actor, from });
      if (!event.to) return t('assignment.event.unassigned', { actor, from });
      if (event.actor && event.actor.id === event.to) return t('assignment.event.tookIt', { actor });
      return t('assignment.event.assigned', { actor, to });
    case 'team':
      if (!event.to) return t('assignment.event.teamRemoved', { actor, from });
      return t('assignment.event.teamSet', { actor, to });
    case 'priority':
      if (!event.to || event.to === 'none') return t('assignment.event.priorityRemoved', { actor });
      return t('assignment.event.prioritySet', { actor, to: t(`assignment.priority.${event.to}`) });
    case 'label':
      return event.to
        ? t('labels.event.added', { actor, name: event.to })
        : t('labels.event.removed', { actor, name: event.from ?? '' });
    case 'reopened':
      return t('assignment.event.customerReopened', { actor });
    case 'merged':
      return t('merge.event', { actor, from: event.from ?? '' });
    case 'consent':
      // The customer's own choice (a keyword, or WhatsApp's "stop promotions"): who did it is them.
      return t(
        `optOut.event.${event.to === 'opted_out' ? 'out' : 'in'}.${event.note === 'whatsapp' ? 'whatsapp' : 'keyword'}`,
      );
    case 'automation':
      return describeAutomation(event, actor, t);
    case 'status':
      if (event.to === 'open' && !event.actor && !event.automatedBy) {
        return event.from === 'snoozed'
          ? t('assignment.event.snoozeEnded', { actor })
          : t('assignment.event.customerReopened', { actor });
      }
      if (event.to === 'open') return t('assignment.event.reopened', { actor });
      if (event.to === 'resolved') return t('assignment.event.resolved', { actor });
      if (event.to === 'pending') return t('assignment.event.pending', { actor });
      if (event.to === 'snoozed') return t('assignment.event.snoozed', { actor });
      return t('assignment.event.status', { actor, to });
  }
}

/** What a rule did that changed no state: "Rule «Out of office» replied", or why it did not. */
function describeAutomation(event: ConversationEvent, actor: string, t: Translate): string {
  switch (event.to) {
    case 'replied':
      return t(event.note === 'template' ? 'automation.event.repliedTemplate' : 'automation.event.replied', {
        actor,
      });
    case 'note':
    case 'bot_started':
    case 'handed_off':
    case 'bot_timed_out':
      return t(`automation.event.${event.to}`, { actor });
    case 'bot_stopped':
      return t('automation.event.bot_stopped', {
        actor: event.actor?.name ?? 'Charla',
        name: event.automatedBy?.name ?? '',
      });
    case 'enrolled':
      return t('sequences.enrolledEvent', { actor, name: event.note ?? '' });
    case 'tagged':
    case 'untagged':
      return t(`automation.event.${event.to}`, { actor, tag: event.note ?? '' });
    case 'attribute':
      return t('automation.event.attribute', { actor, change: event.note ?? '' });
    case 'http_called':
      return t('automation.event.http_called', { actor, call: event.note ?? '' });
    default: {
      const reason = (event.note ?? '').split(':')[0] ?? '';
      const known = [
        'already_replied',
        'rate_limited',
        'window_closed',
        'empty_message',
        'not_sendable',
        'template_failed',
        'label_missing',
        'member_missing',
        'team_missing',
        'no_previous_assignee',
        'nobody_online',
        'bot_running',
        'flow_unpublished',
        'file_missing',
        'file_other_number',
      ];
      return t('automation.event.skipped', {
        actor,
        reason: t(`automation.skip.${known.includes(reason) ? reason : 'other'}`),
      });
    }
  }
}

const isAccessNote = (note: string | null): note is 'member_removed' | 'member_deactivated' =>
  note === 'member_removed' || note === 'member_deactivated';

/** The note a person wrote with the change, if any (Charla's own reason codes are in the sentence). */
export function shownNote(event: ConversationEvent): string | null {
  if (event.kind === 'consent') return null; // its note is the source (customer_keyword, whatsapp), already said
  if (event.kind === 'automation') return null; // its note is the detail, already in the sentence
  return event.kind === 'assignee' && isAccessNote(event.note) ? null : event.note;
}

/** Every event of the loaded pages once, oldest first. */
export function mergeEvents(pages: { events: ConversationEvent[] }[]): ConversationEvent[] {
  const byId = new Map<string, ConversationEvent>();
  for (const page of pages) for (const event of page.events ?? []) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => a.at.localeCompare(b.at));
}

export type TimelineItem<M> =
  | { kind: 'message'; message: M; at: string }
  | { kind: 'event'; event: ConversationEvent; at: string };

/** Messages (already in order) with the events slotted in by time; an event ties before a later message. */
export function timeline<M extends { createdAt: string }>(
  messages: M[],
  events: ConversationEvent[],
): TimelineItem<M>[] {
  const items: TimelineItem<M>[] = [];
  let next = 0;
  for (const message of messages) {
    const at = new Date(message.createdAt).getTime();
    while (next < events.length && new Date(events[next]?.at ?? 0).getTime() < at) {
      const event = events[next++] as ConversationEvent;
      items.push({ kind: 'event', event, at: event.at });
    }
    items.push({ kind: 'message', message, at: message.createdAt });
  }
  for (const event of events.slice(next)) items.push({ kind: 'event', event, at: event.at });
  return items;
}
