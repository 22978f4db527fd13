import type { RuleCondition, RuleTrigger } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import { conditionsHold, type EngineRule, type EventFacts, firingOrder, triggerMatches } from './evaluate';

const facts = (over: Partial<EventFacts> = {}): EventFacts => ({
  kind: 'message',
  channelId: 'ch-1',
  message: { type: 'text', text: 'Hola', reply: null },
  broadcastId: null,
  opened: null,
  assigned: false,
  teamId: null,
  contact: { tags: [], attributes: {}, optInState: 'unknown' },
  agentsOnline: true,
  isOpen: () => true,
  ...over,
});

let position = 0;
const rule = (
  name: string,
  trigger: RuleTrigger,
  conditions: RuleCondition[] = [],
  over: Partial<EngineRule> = {},
): EngineRule => ({
  id: name,
  workspaceId: 'ws',
  name,
  position: position++,
  channelIds: [],
  trigger,
  conditions,
  actions: [{ type: 'stop' }],
  cooldownMinutes: 0,
  ...over,
});
const any: RuleTrigger = { type: 'message_received', firstOnly: false };
const keywords = (mode: 'exact' | 'contains' | 'fuzzy', ...words: string[]): RuleCondition => ({
  type: 'keywords',
  keywords: words,
  mode,
  threshold: 0.8,
});

describe('triggers', () => {
  it('tells a first message, a reopening, a tapped button and a timer apart', () => {
    const first: RuleTrigger = { type: 'message_received', firstOnly: true };
    expect(triggerMatches(first, facts({ opened: 'new' }))).toBe(true);
    expect(triggerMatches(first, facts({ opened: 'reopened' }))).toBe(false);
    expect(
      triggerMatches({ type: 'conversation_opened', reopenedOnly: true }, facts({ opened: 'reopened' })),
    ).toBe(true);
    expect(triggerMatches({ type: 'conversation_opened', reopenedOnly: false }, facts())).toBe(false);
    const tapped = facts({
      message: { type: 'reply', text: null, reply: { id: 'hours', title: 'Horario' } },
    });
    expect(triggerMatches({ type: 'button_reply', payload: 'hours' }, tapped)).toBe(true);
    expect(triggerMatches({ type: 'button_reply', payload: 'prices' }, tapped)).toBe(false);
    expect(triggerMatches({ type: 'button_reply', payload: '' }, tapped)).toBe(true);
    expect(triggerMatches({ type: 'button_reply', payload: '' }, facts())).toBe(false);
    expect(triggerMatches({ type: 'no_reply', minutes: 5, businessTime: true }, facts())).toBe(false);
    const replied = facts({ broadcastId: 'b-1' });
    expect(triggerMatches({ type: 'broadcast_reply', broadcastId: null }, replied)).toBe(true);
    expect(triggerMatches({ type: 'broadcast_reply', broadcastId: 'b-1' }, replied)).toBe(true);
    expect(triggerMatches({ type: 'broadcast_reply', broadcastId: 'b-2' }, replied)).toBe(false);
    expect(triggerMatches({ type: 'broadcast_reply', broadcastId: null }, facts())).toBe(false);
    expect(
      triggerMatches({ type: 'no_reply', minutes: 5, businessTime: true }, facts({ kind: 'no_reply' })),
    ).toBe(true);
  });

  it('hears what a member changed: the tag, label, attribute value or status asked for, and only that', () => {
    const change = (c: EventFacts['change']) => facts({ kind: 'state_change', message: null, change: c });
    const tagged = change({ type: 'tag_added', tags: ['VIP', 'mayorista'] });
    expect(triggerMatches({ type: 'tag_added', tag: 'vip' }, tagged)).toBe(true);
    expect(triggerMatches({ type: 'tag_added', tag: '' }, tagged)).toBe(true);
    expect(triggerMatches({ type: 'tag_added', tag: 'moroso' }, tagged)).toBe(false);
    expect(triggerMatches({ type: 'message_received', firstOnly: false }, tagged)).toBe(false);
    const labelled = change({ type: 'label_added', labelId: 'l-1' });
    expect(triggerMatches({ type: 'label_added', labelId: null }, labelled)).toBe(true);
    expect(triggerMatches({ type: 'label_added', labelId: 'l-2' }, labelled)).toBe(false);
    expect(triggerMatches({ type: 'tag_added', tag: '' }, labelled)).toBe(false);
    const attribute = change({ type: 'attribute_changed', attributes: { plan: 'Oro', city: null } });
    expect(triggerMatches({ type: 'attribute_changed', key: 'plan', value: 'oro' }, attribute)).toBe(true);
    expect(triggerMatches({ type: 'attribute_changed', key: 'plan', value: 'plata' }, attribute)).toBe(false);
    expect(triggerMatches({ type: 'attribute_changed', key: 'city' }, attribute)).toBe(true);
    expect(triggerMatches({ type: 'attribute_changed', key: '' }, attribute)).toBe(true);
    expect(triggerMatches({ type: 'attribute_changed', key: 'email' }, attribute)).toBe(false);
    const resolved = change({ type: 'status_changed', from: 'open', to: 'resolved' });
    expect(triggerMatches({ type: 'status_changed', to: 'resolved' }, resolved)).toBe(true);
    expect(triggerMatches({ type: 'status_changed', to: null }, resolved)).toBe(true);
    expect(triggerMatches({ type: 'status_changed', to: 'open' }, resolved)).toBe(false);
    const schedule: RuleTrigger = { type: 'schedule', weekdays: [0], time: '09:00', timeZone: null };
    expect(triggerMatches(schedule, facts({ kind: 'schedule', message: null }))).toBe(true);
    expect(triggerMatches(schedule, resolved)).toBe(false);
  });
});

describe('conditions', () => {
  it('all must hold: hours, assignment, tags without case, attributes, opt-in and agents online', () => {
    const f = facts({
      assigned: true,
      contact: { tags: ['VIP'], attributes: { ciudad: 'Cádiz', pedidos: 3 }, optInState: 'opted_out' },
      agentsOnline: false,
      isOpen: (team) => team === 'night-team',
    });
    const holds = (c: RuleCondition) => conditionsHold([c], f).holds;
    expect(holds({ type: 'business_hours', open: false, teamId: null })).toBe(true);
    expect(holds({ type: 'business_hours', open: true, teamId: 'night-team' })).toBe(true);
    expect(holds({ type: 'assigned', assigned: true })).toBe(true);
    expect(holds({ type: 'contact_tag', tag: 'vip', has: true })).toBe(true);
    expect(holds({ type: 'contact_tag', tag: 'vip', has: false })).toBe(false);
    expect(holds({ type: 'contact_attribute', key: 'ciudad', equals: 'cádiz' })).toBe(true);
    expect(holds({ type: 'contact_attribute', key: 'pedidos', equals: '' })).toBe(true);
    expect(holds({ type: 'contact_attribute', key: 'email', equals: '' })).toBe(false);
    expect(holds({ type: 'marketing_opt_in', optedIn: false })).toBe(true);
    expect(holds({ type: 'agents_online', online: true })).toBe(false);
    expect(
      conditionsHold(
        [
          { type: 'assigned', assigned: true },
          { type: 'agents_online', online: true },
        ],
        f,
      ).holds,
    ).toBe(false);
  });

  it('keywords read a tapped button’s title when there is no text', () => {
    const tapped = facts({
      message: { type: 'reply', text: null, reply: { id: 'x', title: 'Ver precios' } },
    });
    expect(conditionsHold([keywords('contains', 'precios')], tapped).keyword).toMatchObject({
      mode: 'contains',
    });
  });
});

describe('firing order', () => {
  it('keeps the owner’s order, with keyword rules in their places best match first', () => {
    const welcome = rule('welcome', any);
    const fuzzy = rule('fuzzy', any, [keywords('fuzzy', 'envio')]);
    const other = rule('other-number', any, [], { channelIds: ['ch-2'] });
    const contains = rule('contains', any, [keywords('contains', 'envíos')]);
    const exact = rule('exact', any, [keywords('exact', 'hacéis envíos')]);
    const last = rule('catch-all', any);
    const order = (text: string) =>
      firingOrder(
        [last, exact, contains, other, fuzzy, welcome],
        facts({ message: { type: 'text', text, reply: null } }),
      ).map((x) => x.rule.name);
    expect(order('¿Hacéis ENVÍOS?')).toEqual(['welcome', 'exact', 'contains', 'fuzzy', 'catch-all']);
    expect(order('los envíos a Cádiz')).toEqual(['welcome', 'contains', 'fuzzy', 'catch-all']);
    expect(order('el enbio')).toEqual(['welcome', 'fuzzy', 'catch-all']);
    expect(order('nada que ver')).toEqual(['welcome', 'catch-all']);
  });
});
