import type { WebhookDelivery } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import {
  attemptsMade,
  deliveriesPollMs,
  prettyJson,
  previousSecretUntil,
  webhookState,
} from './webhook-view';

const now = new Date('2026-12-07T10:00:00.000Z');
const delivery = (partial: Partial<WebhookDelivery>): WebhookDelivery => ({
  id: '1',
  webhookId: 'msg_1',
  type: 'webhook.test',
  status: 'delivered',
  attempts: 1,
  nextAttemptAt: null,
  createdAt: now.toISOString(),
  payload: {},
  log: [],
  ...partial,
});

describe('webhook view', () => {
  it('tells a webhook turned off by a person from one Charla turned off, and one failing', () => {
    const base = { enabled: true, disabledReason: null, failingSince: null };
    expect(webhookState(base)).toBe('active');
    expect(webhookState({ ...base, failingSince: now.toISOString() })).toBe('failing');
    expect(webhookState({ ...base, enabled: false })).toBe('off');
    expect(webhookState({ ...base, enabled: false, disabledReason: 'Every delivery failed' })).toBe(
      'disabled',
    );
  });

  it('says until when the old secret signs, only while it still does', () => {
    expect(previousSecretUntil({ previousSecretExpiresAt: null }, now)).toBeNull();
    expect(previousSecretUntil({ previousSecretExpiresAt: '2026-12-07T09:00:00.000Z' }, now)).toBeNull();
    expect(
      previousSecretUntil({ previousSecretExpiresAt: '2026-12-08T09:00:00.000Z' }, now)?.toISOString(),
    ).toBe('2026-12-08T09:00:00.000Z');
  });

  it('counts every attempt in the log, also those before a replay', () => {
    const attempt = { at: now.toISOString(), latencyMs: 3, response: null, error: null };
    expect(
      attemptsMade(
        delivery({
          attempts: 1,
          log: [
            { ...attempt, statusCode: 500 },
            { ...attempt, statusCode: 200 },
          ],
        }),
      ),
    ).toBe(2);
    expect(attemptsMade(delivery({ attempts: 0, log: [] }))).toBe(0);
  });

  it('prints payloads as indented JSON, markup included as text', () => {
    expect(prettyJson({ type: 'webhook.test', data: { message: '<b>Hola</b>' } })).toBe(
      '{\n  "type": "webhook.test",\n  "data": {\n    "message": "<b>Hola</b>"\n  }\n}',
    );
    expect(prettyJson(undefined)).toBe('');
  });

  it('looks again soon only while a delivery is due and the webhook is on', () => {
    const soon = delivery({ status: 'pending', nextAttemptAt: '2026-12-07T10:00:05.000Z' });
    const later = delivery({ status: 'pending', nextAttemptAt: '2026-12-07T10:30:00.000Z' });
    expect(deliveriesPollMs([soon], now.getTime(), true)).toBe(2_000);
    expect(deliveriesPollMs([soon], now.getTime(), false)).toBe(30_000);
    expect(deliveriesPollMs([later, delivery({})], now.getTime(), true)).toBe(30_000);
  });
});
