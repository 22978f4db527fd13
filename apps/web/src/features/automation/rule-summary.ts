import type { AutomationRule, RuleAction, RuleCondition, RuleTrigger } from '@charla/contracts';

type Translate = (key: string, options?: Record<string, unknown>) => string;
export interface Names {
  member(id: string | null): string;
  team(id: string | null): string;
  label(id: string): string;
  flow(id: string): string;
  sequence(id: string): string;
}

/** "When a customer writes for the first time", in a sentence. */
export function describeTrigger(trigger: RuleTrigger, t: Translate, names?: Names): string {
  switch (trigger.type) {
    case 'message_received':
      return t(trigger.firstOnly ? 'rules.summary.firstMessage' : 'rules.summary.anyMessage');
    case 'conversation_opened':
      return t(trigger.reopenedOnly ? 'rules.summary.reopened' : 'rules.summary.opened');
    case 'button_reply':
      return trigger.payload
        ? t('rules.summary.button', { payload: trigger.payload })
        : t('rules.summary.anyButton');
    case 'broadcast_reply':
      return t(trigger.broadcastId ? 'rules.summary.broadcastReply' : 'rules.summary.anyBroadcastReply');
    case 'no_reply':
      return t(trigger.businessTime ? 'rules.summary.noReplyBusiness' : 'rules.summary.noReply', {
        count: trigger.minutes,
      });
    case 'window_closing':
      return t('rules.summary.windowClosing', { count: trigger.minutes });
    case 'tag_added':
      return trigger.tag ? t('rules.summary.tagAdded', { tag: trigger.tag }) : t('rules.summary.anyTagAdded');
    case 'label_added':
      return trigger.labelId && names
        ? t('rules.summary.labelAdded', { name: names.label(trigger.labelId) })
        : t('rules.summary.anyLabelAdded');
    case 'attribute_changed':
      if (!trigger.key) return t('rules.summary.anyAttributeChanged');
      return trigger.value
        ? t('rules.summary.attributeChangedTo', { key: trigger.key, value: trigger.value })
        : t('rules.summary.attributeChanged', { key: trigger.key });
    case 'status_changed':
      return trigger.to
        ? t('rules.summary.statusChangedTo', { status: t(`rules.status.${trigger.to}`) })
        : t('rules.summary.statusChanged');
    case 'schedule':
      return t('rules.summary.schedule', {
        days: trigger.weekdays.map((d) => t(`businessHours.days.${d}`)).join(', '),
        time: trigger.time,
      });
  }
}

export function describeCondition(c: RuleCondition, t: Translate, names: Names): string {
  switch (c.type) {
    case 'keywords':
      return t(`rules.summary.keywords.${c.mode}`, { keywords: c.keywords.map((k) => `«${k}»`).join(', ') });
    case 'business_hours':
      return t(c.open ? 'rules.summary.open' : 'rules.summary.closed', {
        team: c.teamId ? names.team(c.teamId) : '',
        context: c.teamId ? 'team' : undefined,
      });
    case 'assigned':
      return t(c.assigned ? 'rules.summary.assigned' : 'rules.summary.unassigned');
    case 'contact_tag':
      return t(c.has ? 'rules.summary.hasTag' : 'rules.summary.lacksTag', { tag: c.tag });
    case 'contact_attribute':
      return c.equals
        ? t('rules.summary.attributeIs', { key: c.key, value: c.equals })
        : t('rules.summary.attributeSet', { key: c.key });
    case 'agents_online':
      return t(c.online ? 'rules.summary.agentsOnline' : 'rules.summary.nobodyOnline');
    case 'marketing_opt_in':
      return t(c.optedIn ? 'rules.summary.optedIn' : 'rules.summary.optedOut');
  }
}

export function describeAction(a: RuleAction, t: Translate, names: Names): string {
  switch (a.type) {
    case 'send_message':
      return a.message.type === 'text'
        ? t('rules.summary.sendText', { text: clip(a.message.text) })
        : a.message.type === 'interactive'
          ? t('rules.summary.sendButtons', { text: clip(a.message.interactive.body) })
          : a.message.type === 'media'
            ? t('rules.summary.sendFile')
            : t('rules.summary.sendLocation');
    case 'assign':
      if (a.to === 'agent') return t('rules.summary.assignAgent', { name: names.member(a.userId) });
      if (a.to === 'team') return t('rules.summary.assignTeam', { name: names.team(a.teamId) });
      if (a.to === 'last_assignee') return t('rules.summary.assignLast');
      return a.teamId
        ? t('rules.summary.roundRobinTeam', { name: names.team(a.teamId) })
        : t('rules.summary.roundRobin');
    case 'label':
      return t(a.add ? 'rules.summary.addLabel' : 'rules.summary.removeLabel', {
        name: names.label(a.labelId),
      });
    case 'tag':
      return t(a.add ? 'rules.summary.addTag' : 'rules.summary.removeTag', { tag: a.tag });
    case 'set_attribute':
      return t('rules.summary.setAttribute', { key: a.key, value: a.value });
    case 'status':
      return t(`rules.summary.status.${a.status}`);
    case 'note':
      return t('rules.summary.note', { text: clip(a.text) });
    case 'start_flow':
      return t('rules.summary.startFlow', { name: names.flow(a.flowId) });
    case 'enroll_sequence':
      return t('sequences.ruleSummary', { name: names.sequence(a.sequenceId) });
    case 'http_request':
      return t('rules.summary.httpRequest', { method: a.method, url: clip(a.url) });
    case 'stop':
      return t('rules.summary.stop');
  }
}

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

/** The whole rule in one line: "When …, if … and …: reply «…», assign …". */
export function describeRule(
  rule: Pick<AutomationRule, 'trigger' | 'conditions' | 'actions'>,
  t: Translate,
  names: Names,
) {
  return {
    when: describeTrigger(rule.trigger, t, names),
    conditions: rule.conditions.map((c) => describeCondition(c, t, names)),
    actions: rule.actions.map((a) => describeAction(a, t, names)),
  };
}
