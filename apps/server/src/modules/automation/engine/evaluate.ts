import type { RuleAction, RuleCondition, RuleTrigger } from '@charla/contracts';
import { compareMatches, type KeywordMatch, matchKeywords } from '@charla/contracts';
import type { StateChange } from './enqueue-state-changes';

/** A rule as the engine runs it (validated when saved). */
export interface EngineRule {
  id: string;
  workspaceId: string;
  name: string;
  position: number;
  channelIds: string[];
  trigger: RuleTrigger;
  conditions: RuleCondition[];
  actions: RuleAction[];
  cooldownMinutes: number;
}

/** What happened, and the state of the conversation and the contact when the engine looked. */
export interface EventFacts {
  /**
   * `message`: a customer's message; `state_change`: what a member changed (`change`);
   * `schedule`: a schedule's run in this conversation; the others: a rule's timer that came due.
   */
  kind: 'message' | 'no_reply' | 'window_closing' | 'state_change' | 'schedule';
  /** state_change: what changed. */
  change?: StateChange | null;
  channelId: string;
  /** The customer's message the event is about (the one that started a timer, for timers). */
  message: {
    type: string;
    text: string | null;
    /** A tapped reply button or list row: its id and title. */
    reply: { id: string | null; title: string } | null;
  } | null;
  /** The broadcast this message is the customer's first reply to (within 72 h of its send), if any. */
  broadcastId: string | null;
  /** The message opened its conversation: a new one, or one resolved or snoozed before. */
  opened: 'new' | 'reopened' | null;
  assigned: boolean;
  teamId: string | null;
  contact: { tags: string[]; attributes: Record<string, unknown>; optInState: string };
  agentsOnline: boolean;
  /** Open by the business hours of that team (or the workspace's when null); true with no hours set. */
  isOpen(teamId: string | null): boolean;
}

/** Whether the trigger is this event (timers name their rule; this checks only the kind). */
export function triggerMatches(trigger: RuleTrigger, facts: EventFacts): boolean {
  switch (trigger.type) {
    case 'message_received':
      return facts.kind === 'message' && (!trigger.firstOnly || facts.opened === 'new');
    case 'conversation_opened':
      return (
        facts.kind === 'message' &&
        facts.opened !== null &&
        (!trigger.reopenedOnly || facts.opened === 'reopened')
      );
    case 'button_reply':
      return (
        facts.kind === 'message' &&
        facts.message?.reply !== null &&
        facts.message?.reply !== undefined &&
        (trigger.payload === '' || facts.message.reply.id === trigger.payload)
      );
    case 'broadcast_reply':
      return (
        facts.kind === 'message' &&
        facts.broadcastId !== null &&
        (trigger.broadcastId === null || trigger.broadcastId === facts.broadcastId)
      );
    case 'no_reply':
    case 'window_closing':
    case 'schedule':
      return facts.kind === trigger.type;
    case 'tag_added': {
      const change = facts.change;
      if (change?.type !== 'tag_added') return false;
      return trigger.tag === '' || change.tags.some((t) => t.toLowerCase() === trigger.tag.toLowerCase());
    }
    case 'label_added':
      return (
        facts.change?.type === 'label_added' &&
        (trigger.labelId === null || trigger.labelId === facts.change.labelId)
      );
    case 'attribute_changed': {
      const change = facts.change;
      if (change?.type !== 'attribute_changed') return false;
      return Object.entries(change.attributes).some(
        ([key, value]) =>
          (trigger.key === '' || key === trigger.key) &&
          (trigger.value === undefined || textOf(value).toLowerCase() === trigger.value.toLowerCase()),
      );
    }
    case 'status_changed':
      return (
        facts.change?.type === 'status_changed' && (trigger.to === null || facts.change.to === trigger.to)
      );
  }
}

const textOf = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** The words a keyword condition reads: the text or caption, or the title of the tapped button. */
const wordsOf = (facts: EventFacts) => facts.message?.text ?? facts.message?.reply?.title ?? '';

/**
 * Whether every condition holds; with the keyword match when the rule has keyword conditions
 * (the weakest of them, since all must hold), else null.
 */
export function conditionsHold(
  conditions: RuleCondition[],
  facts: EventFacts,
): { holds: boolean; keyword: KeywordMatch | null } {
  let keyword: KeywordMatch | null = null;
  for (const c of conditions) {
    switch (c.type) {
      case 'keywords': {
        const match = matchKeywords(wordsOf(facts), c);
        if (!match) return { holds: false, keyword: null };
        if (!keyword || compareMatches(match, keyword) > 0) keyword = match;
        break;
      }
      case 'business_hours':
        if (facts.isOpen(c.teamId ?? facts.teamId) !== c.open) return { holds: false, keyword: null };
        break;
      case 'assigned':
        if (facts.assigned !== c.assigned) return { holds: false, keyword: null };
        break;
      case 'contact_tag': {
        const has = facts.contact.tags.some((t) => t.toLowerCase() === c.tag.toLowerCase());
        if (has !== c.has) return { holds: false, keyword: null };
        break;
      }
      case 'contact_attribute': {
        const value = facts.contact.attributes[c.key];
        const text = value === null || value === undefined ? '' : String(value);
        const ok = c.equals === '' ? text !== '' : text.toLowerCase() === c.equals.toLowerCase();
        if (!ok) return { holds: false, keyword: null };
        break;
      }
      case 'agents_online':
        if (facts.agentsOnline !== c.online) return { holds: false, keyword: null };
        break;
      case 'marketing_opt_in':
        if ((facts.contact.optInState !== 'opted_out') !== c.optedIn) return { holds: false, keyword: null };
        break;
    }
  }
  return { holds: true, keyword };
}

/**
 * The rules this event fires, in the order they run: the owner's order, except that the rules
 * matched by keywords take the keyword rules' places best match first (exact > contains > fuzzy,
 * then the closer match, then the owner's order). So "¿hacéis envíos?" is answered by the
 * "envíos" rule (contains) before a broader fuzzy "envio" one, wherever each sits.
 */
export function firingOrder(
  rules: EngineRule[],
  facts: EventFacts,
): { rule: EngineRule; keyword: KeywordMatch | null }[] {
  const fired = rules
    .filter(
      (r) =>
        (r.channelIds.length === 0 || r.channelIds.includes(facts.channelId)) &&
        triggerMatches(r.trigger, facts),
    )
    .sort((a, b) => a.position - b.position)
    .map((rule) => ({ rule, ...conditionsHold(rule.conditions, facts) }))
    .filter((x) => x.holds);
  const slots = fired.map((x, i) => (x.keyword ? i : -1)).filter((i) => i >= 0);
  const byMatch = slots.map((i) => fired[i]!).sort((a, b) => compareMatches(a.keyword!, b.keyword!));
  const ordered = [...fired];
  slots.forEach((slot, k) => {
    ordered[slot] = byMatch[k]!;
  });
  return ordered.map(({ rule, keyword }) => ({ rule, keyword }));
}
