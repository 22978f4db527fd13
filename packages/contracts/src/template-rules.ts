import { textVariables } from './template-validation';
import type { TemplateButton, TemplateDraft, TemplateMessage, TemplateValues } from './templates';

export type { TemplateIssue } from './template-validation';
export { TEMPLATE_LIMITS, textVariables, validateTemplateDraft } from './template-validation';

/**
 * Rendering and send-time checks of templates, zod-free for the browser (the draft's rules are in
 * template-validation.ts and re-exported here: import both from `@charla/contracts/template-rules`).
 */

export interface TemplateVariables {
  header: string[];
  body: string[];
  /** By 0-based button index: a URL's variable (`1`) or `code` for a copy-code button. */
  buttons: Record<number, string[]>;
}

const VARIABLE = /\{\{([^{}]*)\}\}/g;

export function templateVariables(draft: TemplateDraft): TemplateVariables {
  const buttons: Record<number, string[]> = {};
  draft.buttons.forEach((button, index) => {
    if (button.type === 'url') {
      const names = textVariables(button.url);
      if (names.length > 0) buttons[index] = names;
    } else if (button.type === 'copy_code') buttons[index] = ['code'];
  });
  return {
    header: draft.header?.format === 'text' ? textVariables(draft.header.text) : [],
    body: textVariables(draft.body),
    buttons,
  };
}

function substitute(text: string, values: Record<string, string>): string {
  return text.replace(VARIABLE, (whole, name: string) => {
    const value = values[name.trim()];
    return value === undefined || value === '' ? whole : value;
  });
}

const filled = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.trim() !== '';

/** The values of the editor's examples, so a preview shows what the reviewer will see. */
export function exampleTemplateValues(draft: TemplateDraft): TemplateValues {
  const header = draft.header?.format === 'text' ? draft.header.example : null;
  const headerMediaId = draft.header && 'exampleMediaId' in draft.header ? draft.header.exampleMediaId : null;
  const buttons: Record<string, string> = {};
  draft.buttons.forEach((button, index) => {
    if ((button.type === 'url' || button.type === 'copy_code') && filled(button.example)) {
      buttons[String(index)] = button.example;
    }
  });
  return { header, headerMediaId, body: { ...draft.bodyExamples }, buttons };
}

function renderButton(button: TemplateButton, value: string | undefined): TemplateMessage['buttons'][number] {
  switch (button.type) {
    case 'quick_reply':
      return { type: 'quick_reply', text: button.text };
    case 'url':
      return {
        type: 'url',
        text: button.text,
        url: substitute(button.url, filled(value) ? { 1: value } : {}),
      };
    case 'phone_number':
      return { type: 'phone_number', text: button.text, phoneNumber: button.phoneNumber };
    case 'copy_code':
      return { type: 'copy_code', text: value ?? button.example };
  }
}

/** The template as the customer sees it with these values; unfilled variables stay as `{{name}}`. */
export function renderTemplate(
  draft: TemplateDraft,
  values: TemplateValues,
): Omit<TemplateMessage, 'templateId'> {
  const header = draft.header;
  return {
    name: draft.name,
    language: draft.language,
    category: draft.category,
    parameterFormat: draft.parameterFormat,
    headerFormat: header?.format ?? null,
    headerText:
      header?.format === 'text' ? substitute(header.text, toHeaderValues(header.text, values)) : null,
    headerParameter: header?.format === 'text' ? (textVariables(header.text)[0] ?? null) : null,
    body: substitute(draft.body, values.body),
    footer: draft.footer,
    buttons: draft.buttons.map((button, index) => renderButton(button, values.buttons[String(index)])),
    values,
  };
}

function toHeaderValues(text: string, values: TemplateValues): Record<string, string> {
  const [name] = textVariables(text);
  return name !== undefined && filled(values.header) ? { [name]: values.header } : {};
}

/** Only the values this template uses (stray keys would make Meta count the parameters wrong). */
export function pickTemplateValues(draft: TemplateDraft, values: TemplateValues): TemplateValues {
  const variables = templateVariables(draft);
  const format = draft.header?.format;
  const isMedia = format === 'image' || format === 'video' || format === 'document';
  return {
    header: variables.header.length > 0 ? values.header : null,
    headerMediaId: isMedia ? values.headerMediaId : null,
    body: Object.fromEntries(variables.body.filter((n) => n in values.body).map((n) => [n, values.body[n]!])),
    buttons: Object.fromEntries(
      Object.keys(variables.buttons)
        .filter((i) => i in values.buttons)
        .map((i) => [i, values.buttons[i]!]),
    ),
  };
}

/**
 * Paths of what a send still has to fill: `header` (text variable), `headerMediaId` (image,
 * video or document header), `body.<name>`, `buttons.<index>` (URL suffix or copy code).
 */
export function missingTemplateValues(draft: TemplateDraft, values: TemplateValues): string[] {
  const variables = templateVariables(draft);
  const missing: string[] = [];
  if (variables.header.length > 0 && !filled(values.header)) missing.push('header');
  const format = draft.header?.format;
  if ((format === 'image' || format === 'video' || format === 'document') && !filled(values.headerMediaId)) {
    missing.push('headerMediaId');
  }
  for (const name of variables.body) if (!filled(values.body[name])) missing.push(`body.${name}`);
  for (const index of Object.keys(variables.buttons)) {
    if (!filled(values.buttons[index])) missing.push(`buttons.${index}`);
  }
  return missing;
}
