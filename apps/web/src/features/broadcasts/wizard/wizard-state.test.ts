import type { AudiencePreview, Broadcast, Template } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import {
  blockedReason,
  firstBlockedStep,
  initialWizard,
  type WizardContext,
  type WizardState,
  wizardFromBroadcast,
} from './wizard-state';

const template = {
  id: 't1',
  name: 'promo',
  header: null,
  body: 'Hola {{1}}',
  bodyExamples: { 1: 'Ana' },
  buttons: [],
} as unknown as Template;
const preview: AudiencePreview = {
  total: 3,
  eligible: 2,
  optedOut: 1,
  invalid: 0,
  duplicates: 0,
  unknownConsent: 0,
  optedInOnly: false,
  sample: [],
};
const ctx: WizardContext = {
  template,
  definitions: [],
  preview,
  timeZone: 'Europe/Madrid',
  now: new Date('2026-12-01T08:00:00Z'),
};
const ready: WizardState = {
  ...initialWizard,
  name: 'Black Friday',
  channelId: 'c1',
  templateId: 't1',
  audience: { ...initialWizard.audience, tags: ['vip'] },
  variables: {
    header: null,
    headerMediaId: null,
    body: { 1: { source: 'text', value: 'Ana' } },
    buttons: {},
  },
};

describe('new broadcast wizard', () => {
  it('stops at the first step with something missing, and says what', () => {
    expect(blockedReason('template', { ...ready, name: ' ' }, ctx)).toBe('name');
    expect(blockedReason('audience', { ...ready, audience: initialWizard.audience }, ctx)).toBe(
      'audienceEmpty',
    );
    expect(blockedReason('audience', ready, { ...ctx, preview: { ...preview, eligible: 0 } })).toBe(
      'noRecipients',
    );
    expect(blockedReason('variables', { ...ready, variables: { ...ready.variables!, body: {} } }, ctx)).toBe(
      'variables',
    );
    expect(firstBlockedStep({ ...ready, variables: null }, ctx)).toBe(2);
    expect(firstBlockedStep(ready, ctx)).toBe(5);
  });

  it('refuses a schedule in the past of the workspace zone', () => {
    const later = { ...ready, when: 'later' as const };
    // 08:30 in Madrid is 07:30 UTC, before "now" (08:00 UTC).
    expect(blockedReason('schedule', { ...later, date: '2026-12-01', time: '08:30' }, ctx)).toBe(
      'scheduleInPast',
    );
    expect(blockedReason('schedule', { ...later, date: '2026-12-01', time: '09:30' }, ctx)).toBeNull();
    expect(blockedReason('schedule', { ...later, date: '', time: '' }, ctx)).toBe('scheduleMissing');
  });
});

describe('editing a saved broadcast', () => {
  it('puts its audience, variables and schedule back into the steps, in the workspace zone', () => {
    const saved = {
      name: 'Black Friday',
      channelId: 'c1',
      templateId: 't1',
      status: 'scheduled',
      scheduledAt: '2026-12-01T08:30:00.000Z',
      audience: {
        kind: 'filters',
        filters: { tags: ['vip'], attributes: [{ key: 'orders', op: 'gte', value: 3 }] },
      },
      variables: ready.variables,
    } as unknown as Broadcast;
    const state = wizardFromBroadcast(saved, 'Europe/Madrid');
    expect(state.audience.tags).toEqual(['vip']);
    expect(state.audience.conditions).toEqual([{ key: 'orders', op: 'gte', raw: '3' }]);
    expect([state.when, state.date, state.time]).toEqual(['later', '2026-12-01', '09:30']);
    expect(
      firstBlockedStep(state, {
        ...ctx,
        definitions: [{ id: 'd', key: 'orders', label: 'Pedidos', type: 'number', options: null }],
      }),
    ).toBe(5);
  });
});
