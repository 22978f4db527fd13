import type { CreateTemplateRequest, TemplateComponent, TemplateInfo } from '@charla/cloud-api';
import type { TemplateButton, TemplateDraft, TemplateQuality, TemplateStatus } from '@charla/contracts';
import { TemplateStatusSchema } from '@charla/contracts';
import { textVariables } from '@charla/contracts/template-rules';
import type { RemoteTemplate } from '../../templates';

type Components = CreateTemplateRequest['components'];

/** Charla's draft as Meta's creation body (reference §4.2); `headerHandle` from the resumable upload. */
export function toTemplateComponents(draft: TemplateDraft, headerHandle: string | null): Components {
  const named = draft.parameterFormat === 'named';
  const components: Components = [];
  const header = draft.header;
  if (header?.format === 'text') {
    const [variable] = textVariables(header.text);
    const example =
      variable === undefined || !header.example
        ? undefined
        : named
          ? { header_text_named_params: [{ param_name: variable, example: header.example }] }
          : { header_text: [header.example] };
    components.push({ type: 'HEADER', format: 'TEXT', text: header.text, ...(example && { example }) });
  } else if (header?.format === 'location') {
    components.push({ type: 'HEADER', format: 'LOCATION' });
  } else if (header) {
    components.push({
      type: 'HEADER',
      format: header.format.toUpperCase() as 'IMAGE',
      ...(headerHandle && { example: { header_handle: [headerHandle] } }),
    });
  }
  const variables = textVariables(draft.body);
  const examples = variables.map((v) => draft.bodyExamples[v] ?? '');
  components.push({
    type: 'BODY',
    text: draft.body,
    ...(variables.length > 0 && {
      example: named
        ? { body_text_named_params: variables.map((v, i) => ({ param_name: v, example: examples[i]! })) }
        : { body_text: [examples] },
    }),
  });
  if (draft.footer) components.push({ type: 'FOOTER', text: draft.footer });
  if (draft.buttons.length > 0)
    components.push({ type: 'BUTTONS', buttons: draft.buttons.map(toWireButton) });
  return components;
}

function toWireButton(b: TemplateButton) {
  switch (b.type) {
    case 'quick_reply':
      return { type: 'QUICK_REPLY' as const, text: b.text };
    case 'url':
      return { type: 'URL' as const, text: b.text, url: b.url, ...(b.example && { example: [b.example] }) };
    case 'phone_number':
      return {
        type: 'PHONE_NUMBER' as const,
        text: b.text,
        phone_number: b.phoneNumber.replace(/[^\d]/g, ''),
      };
    case 'copy_code':
      return { type: 'COPY_CODE' as const, example: b.example };
  }
}

export function toTemplateRequest(draft: TemplateDraft, headerHandle: string | null): CreateTemplateRequest {
  return {
    name: draft.name,
    language: draft.language,
    category: draft.category.toUpperCase() as 'UTILITY',
    parameter_format: draft.parameterFormat === 'named' ? 'NAMED' : 'POSITIONAL',
    components: toTemplateComponents(draft, headerHandle),
  };
}

/** Meta's status word in Charla's terms; REINSTATED / UNARCHIVED mean usable again. */
export function toTemplateStatus(status: string | null | undefined): TemplateStatus | null {
  const lower = (status ?? '').toLowerCase();
  if (lower === 'reinstated' || lower === 'unarchived') return 'approved';
  const parsed = TemplateStatusSchema.safeParse(lower);
  return parsed.success && lower !== 'draft' ? parsed.data : null;
}

export function toTemplateQuality(score: string | null | undefined): TemplateQuality {
  const lower = (score ?? '').toLowerCase();
  return lower === 'green' || lower === 'yellow' || lower === 'red' ? lower : 'unknown';
}

const toCategory = (c: string | undefined) =>
  (['marketing', 'utility', 'authentication'] as const).find((k) => k === c?.toLowerCase()) ?? null;

/** A listed template in Charla's terms; its draft is null when Charla cannot show its components. */
export function fromTemplateInfo(info: TemplateInfo): RemoteTemplate | null {
  const status = toTemplateStatus(info.status);
  const category = toCategory(info.category);
  if (!info.name || !info.language || !status || !category) return null;
  const reason = info.rejected_reason && info.rejected_reason !== 'NONE' ? info.rejected_reason : null;
  return {
    externalId: info.id,
    name: info.name,
    language: info.language,
    category,
    status,
    quality: toTemplateQuality(info.quality_score?.score),
    rejection: status === 'rejected' && reason ? { reason, detail: null } : null,
    draft: toDraft(info, category),
  };
}

function toDraft(info: TemplateInfo, category: TemplateDraft['category']): TemplateDraft | null {
  const draft: TemplateDraft = {
    name: info.name!,
    language: info.language!,
    category,
    parameterFormat: info.parameter_format?.toUpperCase() === 'NAMED' ? 'named' : 'positional',
    header: null,
    body: '',
    bodyExamples: {},
    footer: null,
    buttons: [],
  };
  for (const raw of (info.components ?? []) as TemplateComponent[]) {
    const c = raw as Record<string, unknown> & { type: string };
    const type = c.type.toUpperCase();
    if (type === 'HEADER') {
      const format = String(c.format ?? '').toLowerCase();
      if (format === 'text') {
        const ex = c.example as
          | { header_text?: string[]; header_text_named_params?: { example: string }[] }
          | undefined;
        draft.header = {
          format: 'text',
          text: String(c.text ?? ''),
          example: ex?.header_text?.[0] ?? ex?.header_text_named_params?.[0]?.example ?? null,
        };
      } else if (format === 'image' || format === 'video' || format === 'document') {
        draft.header = { format, exampleMediaId: null };
      } else if (format === 'location') draft.header = { format: 'location' };
      else return null;
    } else if (type === 'BODY') {
      draft.body = String(c.text ?? '');
      draft.bodyExamples = bodyExamplesOf(draft.body, c.example);
    } else if (type === 'FOOTER') draft.footer = String(c.text ?? '');
    else if (type === 'BUTTONS') {
      for (const b of (c.buttons ?? []) as Record<string, unknown>[]) {
        const button = fromWireButton(b);
        if (!button) return null;
        draft.buttons.push(button);
      }
    } else return null;
  }
  return draft;
}

function bodyExamplesOf(body: string, example: unknown): Record<string, string> {
  const ex = example as {
    body_text?: string[][];
    body_text_named_params?: { param_name: string; example: string }[];
  };
  if (ex?.body_text_named_params)
    return Object.fromEntries(ex.body_text_named_params.map((p) => [p.param_name, p.example]));
  const values = ex?.body_text?.[0] ?? [];
  return Object.fromEntries(textVariables(body).map((v, i) => [v, values[i] ?? '']));
}

function fromWireButton(b: Record<string, unknown>): TemplateButton | null {
  const example = Array.isArray(b.example)
    ? String(b.example[0] ?? '')
    : typeof b.example === 'string'
      ? b.example
      : null;
  switch (String(b.type).toUpperCase()) {
    case 'QUICK_REPLY':
      return { type: 'quick_reply', text: String(b.text ?? '') };
    case 'URL':
      return { type: 'url', text: String(b.text ?? ''), url: String(b.url ?? ''), example: example || null };
    case 'PHONE_NUMBER':
      return { type: 'phone_number', text: String(b.text ?? ''), phoneNumber: String(b.phone_number ?? '') };
    case 'COPY_CODE':
      return { type: 'copy_code', example: example ?? '' };
    default:
      return null;
  }
}
