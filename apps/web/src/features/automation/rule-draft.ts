import type { AutomationRule, RuleAction, RuleCondition, RuleTrigger } from '@charla/contracts';

/** A rule being edited: every field filled (the contract's output shape). */
export interface RuleDraft {
  name: string;
  enabled: boolean;
  channelIds: string[];
  trigger: RuleTrigger;
  conditions: RuleCondition[];
  actions: RuleAction[];
  cooldownMinutes: number;
}

export const TRIGGER_TYPES: RuleTrigger['type'][] = [
  'message_received',
  'conversation_opened',
  'button_reply',
  'broadcast_reply',
  'no_reply',
  'window_closing',
  'tag_added',
  'label_added',
  'attribute_changed',
  'status_changed',
  'schedule',
];
export const CONDITION_TYPES: RuleCondition['type'][] = [
  'keywords',
  'business_hours',
  'assigned',
  'contact_tag',
  'contact_attribute',
  'agents_online',
  'marketing_opt_in',
];
export const ACTION_TYPES: RuleAction['type'][] = [
  'send_message',
  'assign',
  'label',
  'tag',
  'set_attribute',
  'status',
  'note',
  'start_flow',
  'enroll_sequence',
  'http_request',
  'stop',
];

export function newTrigger(type: RuleTrigger['type']): RuleTrigger {
  switch (type) {
    case 'message_received':
      return { type, firstOnly: false };
    case 'conversation_opened':
      return { type, reopenedOnly: false };
    case 'button_reply':
      return { type, payload: '' };
    case 'broadcast_reply':
      return { type, broadcastId: null };
    case 'no_reply':
      return { type, minutes: 5, businessTime: true };
    case 'window_closing':
      return { type, minutes: 60 };
    case 'tag_added':
      return { type, tag: '' };
    case 'label_added':
      return { type, labelId: null };
    case 'attribute_changed':
      return { type, key: '' };
    case 'status_changed':
      return { type, to: 'resolved' };
    case 'schedule':
      return { type, weekdays: [0, 1, 2, 3, 4], time: '09:00', timeZone: null };
  }
}

export function newCondition(type: RuleCondition['type']): RuleCondition {
  switch (type) {
    case 'keywords':
      return { type, keywords: [], mode: 'contains', threshold: 0.8 };
    case 'business_hours':
      return { type, open: false, teamId: null };
    case 'assigned':
      return { type, assigned: false };
    case 'contact_tag':
      return { type, tag: '', has: true };
    case 'contact_attribute':
      return { type, key: '', equals: '' };
    case 'agents_online':
      return { type, online: false };
    case 'marketing_opt_in':
      return { type, optedIn: true };
  }
}

export function newAction(type: RuleAction['type']): RuleAction {
  switch (type) {
    case 'send_message':
      return { type, message: { type: 'text', text: '' } };
    case 'http_request':
      return { type, method: 'POST', url: 'https://', headers: [], body: '', timeoutSeconds: 10 };
    case 'assign':
      return { type, to: 'round_robin', userId: null, teamId: null };
    case 'label':
      return { type, labelId: '', add: true };
    case 'tag':
      return { type, tag: '', add: true };
    case 'set_attribute':
      return { type, key: '', value: '' };
    case 'status':
      return { type, status: 'pending', snoozeMinutes: null };
    case 'note':
      return { type, text: '' };
    case 'start_flow':
      return { type, flowId: '' };
    case 'enroll_sequence':
      return { type, sequenceId: '' };
    case 'stop':
      return { type };
  }
}

export const emptyDraft = (): RuleDraft => ({
  name: '',
  enabled: true,
  channelIds: [],
  trigger: newTrigger('message_received'),
  conditions: [],
  actions: [newAction('send_message')],
  cooldownMinutes: 0,
});

export const draftOf = (rule: AutomationRule): RuleDraft => ({
  name: rule.name,
  enabled: rule.enabled,
  channelIds: rule.channelIds,
  trigger: rule.trigger,
  conditions: rule.conditions,
  actions: rule.actions,
  cooldownMinutes: rule.cooldownMinutes,
});

/** Keywords as typed ("envío, envíos, 🚚") to the list the rule keeps. */
export const splitKeywords = (text: string) =>
  text
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
