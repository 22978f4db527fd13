import type { OutboundTemplate, TemplateParameter, TemplateSendComponent } from '@charla/cloud-api';
import type { TemplateMessage } from '@charla/contracts';

/**
 * A stored template message as the Cloud API `template` object (reference §2.9): named
 * parameters carry `parameter_name`, positional ones go in order; a URL button takes its
 * suffix, a copy-code button its code; a media header the uploaded file's id.
 */
export function toCloudTemplate(t: TemplateMessage, headerMediaId: string | null): OutboundTemplate {
  const named = t.parameterFormat === 'named';
  const components: TemplateSendComponent[] = [];
  const v = t.values;
  if (t.headerFormat === 'text' && v.header !== null && t.headerParameter) {
    components.push({
      type: 'header',
      parameters: [{ type: 'text', text: v.header, ...(named && { parameter_name: t.headerParameter }) }],
    });
  } else if (t.headerFormat === 'image' || t.headerFormat === 'video' || t.headerFormat === 'document') {
    const media = { id: headerMediaId ?? '' };
    components.push({
      type: 'header',
      parameters: [{ type: t.headerFormat, [t.headerFormat]: media } as TemplateParameter],
    });
  }
  const names = Object.keys(v.body);
  if (names.length > 0) {
    const ordered = named ? names : names.sort((a, b) => Number(a) - Number(b));
    components.push({
      type: 'body',
      parameters: ordered.map((name) => ({
        type: 'text',
        text: v.body[name]!,
        ...(named && { parameter_name: name }),
      })),
    });
  }
  t.buttons.forEach((button, index) => {
    const value = v.buttons[String(index)];
    if (value === undefined) return;
    if (button.type === 'url') {
      components.push({
        type: 'button',
        sub_type: 'url',
        index: String(index),
        parameters: [{ type: 'text', text: value }],
      });
    } else if (button.type === 'copy_code') {
      components.push({
        type: 'button',
        sub_type: 'copy_code',
        index: String(index),
        parameters: [{ type: 'coupon_code', coupon_code: value }],
      });
    }
  });
  return { name: t.name, language: { code: t.language }, ...(components.length > 0 && { components }) };
}
