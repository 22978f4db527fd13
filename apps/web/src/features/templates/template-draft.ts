import type { TemplateButton, TemplateDraft, TemplateHeader } from '@charla/contracts';
import { TEMPLATE_LIMITS, templateVariables, textVariables } from '@charla/contracts/template-rules';

export function emptyDraft(language = 'es'): TemplateDraft {
  return {
    name: '',
    language,
    category: 'utility',
    parameterFormat: 'named',
    header: null,
    body: '',
    bodyExamples: {},
    footer: null,
    buttons: [],
  };
}

export type HeaderChoice = 'none' | TemplateHeader['format'];

export function headerFor(choice: HeaderChoice, current: TemplateHeader | null): TemplateHeader | null {
  if (choice === 'none') return null;
  if (current?.format === choice) return current;
  if (choice === 'text') return { format: 'text', text: '', example: null };
  if (choice === 'location') return { format: 'location' };
  return { format: choice, exampleMediaId: null };
}

/** A fresh button of a kind, or null when WhatsApp allows no more of it (or no more buttons at all). */
export function newButton(type: TemplateButton['type'], buttons: TemplateButton[]): TemplateButton | null {
  if (!canAddButton(type, buttons)) return null;
  switch (type) {
    case 'quick_reply':
      return { type, text: '' };
    case 'url':
      return { type, text: '', url: 'https://', example: null };
    case 'phone_number':
      return { type, text: '', phoneNumber: '' };
    case 'copy_code':
      return { type, example: '' };
  }
}

export function canAddButton(type: TemplateButton['type'], buttons: TemplateButton[]): boolean {
  if (buttons.length >= TEMPLATE_LIMITS.buttonsMax) return false;
  const same = buttons.filter((button) => button.type === type).length;
  return same < TEMPLATE_LIMITS.buttonsMaxByType[type];
}

export function moveItem<T>(items: T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return items;
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

/**
 * The variable "Add variable" inserts: the next position (`{{3}}`) for positional templates, or
 * the typed name for named ones (null when the name is not lowercase letters and underscores).
 */
export function variableToInsert(draft: TemplateDraft, name: string): string | null {
  if (draft.parameterFormat === 'positional') {
    return `{{${templateVariables(draft).body.length + 1}}}`;
  }
  const clean = name.trim();
  return TEMPLATE_LIMITS.namedParameterPattern.test(clean) ? `{{${clean}}}` : null;
}

/** Inserts at the cursor (or the end), with a space before it when it would touch a word. */
export function insertAt(text: string, insert: string, at: number | null): { text: string; cursor: number } {
  const position = at === null ? text.length : Math.max(0, Math.min(at, text.length));
  const before = text.slice(0, position);
  const spaced = before !== '' && !/\s$/.test(before) ? ` ${insert}` : insert;
  return { text: before + spaced + text.slice(position), cursor: position + spaced.length };
}

/**
 * What the server gets: examples only for variables still in the text, so a deleted variable's
 * example is not sent to Meta's reviewer.
 */
export function cleanDraft(draft: TemplateDraft): TemplateDraft {
  const bodyVariables = new Set(templateVariables(draft).body);
  const bodyExamples = Object.fromEntries(
    Object.entries(draft.bodyExamples).filter(([name]) => bodyVariables.has(name)),
  );
  const header =
    draft.header?.format === 'text' && textVariables(draft.header.text).length === 0
      ? { ...draft.header, example: null }
      : draft.header;
  const buttons = draft.buttons.map((button) =>
    button.type === 'url' && textVariables(button.url).length === 0 ? { ...button, example: null } : button,
  );
  const footer = draft.footer?.trim() ? draft.footer : null;
  return { ...draft, name: draft.name.trim(), header, bodyExamples, buttons, footer };
}

/** A name typed with capitals or spaces, turned into one Meta accepts (`Order Ready` → `order_ready`). */
export function suggestName(typed: string): string {
  return typed
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
