import type { WebhookUpdate } from '@charla/cloud-api';
import type { TemplateEvent } from '../../templates';
import { toTemplateQuality, toTemplateStatus } from './map-template';

/**
 * Template webhooks (reference §4.5) in neutral terms. Events that change no status Charla
 * keeps (FLAGGED, LOCKED, UNLOCKED) and impending category changes are left out: the sync job
 * picks up whatever they lead to.
 */
export function mapTemplateUpdate(update: WebhookUpdate): TemplateEvent[] {
  const events: TemplateEvent[] = [];
  for (const u of update.templateUpdates ?? []) {
    const ref = {
      wabaId: update.wabaId,
      externalId: u.templateId,
      name: u.value.message_template_name,
      language: u.value.message_template_language,
    };
    if (u.field === 'message_template_status_update') {
      const status = toTemplateStatus(u.value.event);
      if (!status) continue;
      const reason = u.value.reason && u.value.reason !== 'NONE' ? u.value.reason : null;
      const detail = u.value.rejection_info
        ? [u.value.rejection_info.reason, u.value.rejection_info.recommendation].filter(Boolean).join(' ')
        : (u.value.other_info?.description ?? null);
      events.push({
        ...ref,
        kind: 'status',
        status,
        rejection: status === 'rejected' ? { reason: reason ?? 'NONE', detail } : null,
      });
    } else if (u.field === 'message_template_quality_update') {
      events.push({ ...ref, kind: 'quality', quality: toTemplateQuality(u.value.new_quality_score) });
    } else if (u.field === 'template_category_update' && u.value.new_category && !u.value.correct_category) {
      const category = u.value.new_category.toLowerCase();
      if (category === 'marketing' || category === 'utility' || category === 'authentication') {
        events.push({ ...ref, kind: 'category', category });
      }
    }
  }
  return events;
}
