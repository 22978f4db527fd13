import type { TemplateWebhookEnvelope, TemplateWebhookField } from '@charla/cloud-api';
import type { SimCustomer, SimNumber, SimTemplate } from './sandbox-state';

// WABA-level webhooks (§4.5): `entry[].time` in seconds, no messaging_product or metadata.
function wrap(
  wabaId: string,
  nowMs: number,
  field: TemplateWebhookField,
  value: unknown,
): TemplateWebhookEnvelope {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: wabaId, time: Math.floor(nowMs / 1000), changes: [{ field, value }] }],
  };
}

const ref = (template: SimTemplate) => ({
  // A number here, unlike every other Graph answer (§4.5).
  message_template_id: Number(template.id),
  message_template_name: template.name,
  message_template_language: template.language,
});

export type StatusEventInput = {
  event: string;
  reason?: string | null;
  rejectionInfo?: { reason: string; recommendation: string };
  otherInfo?: { title: string; description?: string };
  disableDate?: number;
};

export function buildTemplateStatusPayload(template: SimTemplate, nowMs: number, input: StatusEventInput) {
  return wrap(template.wabaId, nowMs, 'message_template_status_update', {
    event: input.event,
    ...ref(template),
    reason: input.reason ?? (input.event === 'REJECTED' ? 'NONE' : null),
    message_template_category: template.category,
    ...(input.rejectionInfo && { rejection_info: input.rejectionInfo }),
    ...(input.otherInfo && { other_info: input.otherInfo }),
    ...(input.disableDate !== undefined && { disable_info: { disable_date: input.disableDate } }),
  });
}

export function buildTemplateQualityPayload(template: SimTemplate, nowMs: number, previous: string) {
  return wrap(template.wabaId, nowMs, 'message_template_quality_update', {
    previous_quality_score: previous,
    new_quality_score: template.qualityScore,
    ...ref(template),
  });
}

export function buildTemplateCategoryPayload(template: SimTemplate, nowMs: number, previous: string) {
  return wrap(template.wabaId, nowMs, 'template_category_update', {
    ...ref(template),
    previous_category: previous,
    new_category: template.category,
  });
}

/** `user_preferences` (§5.7): messages-like, with metadata and the customer's contact. */
export function buildUserPreferencesPayload(
  number: SimNumber,
  customer: SimCustomer,
  stopped: boolean,
  nowMs: number,
) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: number.wabaId,
        changes: [
          {
            field: 'user_preferences',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: number.displayPhoneNumber,
                phone_number_id: number.phoneNumberId,
              },
              contacts: [{ profile: { name: customer.name ?? customer.waId }, wa_id: customer.waId }],
              user_preferences: [
                {
                  wa_id: customer.waId,
                  detail: stopped
                    ? 'User requested to stop marketing messages'
                    : 'User requested to resume marketing messages',
                  category: 'marketing_messages',
                  value: stopped ? 'stop' : 'resume',
                  timestamp: Math.floor(nowMs / 1000),
                },
              ],
            },
          },
        ],
      },
    ],
  };
}
