import { describe, expect, it } from 'vitest';
import { parseWebhook } from './parse-webhook';
import { metadata } from './webhook-fixtures.test-data';

// Payloads from the Cloud API reference §4.5 and §5.7: WABA-level envelopes carry `entry[].time`
// and no messaging_product/metadata; user_preferences is messages-like.
function wabaEnvelope(field: string, value: unknown) {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', time: 1751247548, changes: [{ field, value }] }],
  };
}

const rejected = {
  event: 'REJECTED',
  message_template_id: 1689556908129835,
  message_template_name: 'abandoned_cart',
  message_template_language: 'en',
  reason: 'INVALID_FORMAT',
  message_template_category: 'MARKETING',
  rejection_info: {
    reason: 'Your template has parameters placed next to each other…',
    recommendation: 'Separate parameters with descriptive text…',
  },
};
const paused = {
  event: 'PAUSED',
  message_template_id: 1689556908129835,
  message_template_name: 'abandoned_cart',
  message_template_language: 'en',
  reason: null,
  other_info: { title: 'FIRST_PAUSE', description: 'Paused for 3 hours because of low quality.' },
};
const quality = {
  previous_quality_score: 'GREEN',
  new_quality_score: 'YELLOW',
  message_template_id: 1689556908129835,
  message_template_name: 'abandoned_cart',
  message_template_language: 'en',
};
const categoryDone = {
  message_template_id: 1689556908129835,
  message_template_name: 'abandoned_cart',
  message_template_language: 'en',
  previous_category: 'UTILITY',
  new_category: 'MARKETING',
};
const categoryImpending = {
  message_template_id: 1689556908129835,
  message_template_name: 'abandoned_cart',
  message_template_language: 'en',
  correct_category: 'MARKETING',
  new_category: 'MARKETING',
  category_update_timestamp: 1751333948,
};

describe('parseWebhook template fields', () => {
  it.each([
    ['message_template_status_update', rejected],
    ['message_template_status_update', paused],
    ['message_template_quality_update', quality],
    ['template_category_update', categoryDone],
    ['template_category_update', categoryImpending],
  ])('types %s with its entry time and the id as a string', (field, value) => {
    const result = parseWebhook(wabaEnvelope(field, value));
    if (!result.ok) throw new Error(result.reason);
    const [update] = result.updates;
    expect(update?.field).toBe(field);
    expect(update?.wabaId).toBe('102290129340398');
    expect(update?.phoneNumberId).toBeNull();
    expect(update?.messages).toEqual([]);
    expect(update?.templateUpdates).toEqual([
      { field, time: 1751247548, templateId: '1689556908129835', value },
    ]);
    expect(update?.value).toBe(value);
  });

  it('names the missing field of a template webhook', () => {
    const { message_template_language: _, ...withoutLanguage } = rejected;
    const result = parseWebhook(wabaEnvelope('message_template_status_update', withoutLanguage));
    expect(result).toEqual({
      ok: false,
      reason: expect.stringContaining('entry[0].changes[0].value.message_template_language'),
    });
  });

  it('types user_preferences stop/resume with the number they concern', () => {
    const value = {
      messaging_product: 'whatsapp',
      metadata,
      contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
      user_preferences: [
        {
          wa_id: '16505551234',
          detail: 'User requested to stop marketing messages',
          category: 'marketing_messages',
          value: 'stop',
          timestamp: 1731705721,
        },
      ],
    };
    const result = parseWebhook(wabaEnvelope('user_preferences', value));
    if (!result.ok) throw new Error(result.reason);
    const [update] = result.updates;
    expect(update?.phoneNumberId).toBe(metadata.phone_number_id);
    expect(update?.contacts[0]?.wa_id).toBe('16505551234');
    expect(update?.userPreferences).toEqual(value.user_preferences);
    expect(update?.templateUpdates).toEqual([]);
  });

  it('refuses a user_preferences change without the preference list', () => {
    const result = parseWebhook(
      wabaEnvelope('user_preferences', { messaging_product: 'whatsapp', metadata }),
    );
    expect(result).toEqual({
      ok: false,
      reason: expect.stringContaining('entry[0].changes[0].value.user_preferences'),
    });
  });
});
