import {
  type BroadcastVariables,
  firstNameOf,
  type Template,
  type TemplateValues,
  type VariableSource,
} from '@charla/contracts';
import { templateVariables } from '@charla/contracts/template-rules';

/** One value the broadcast fills in: `header`, `body.<name>` or `buttons.<index>`. */
export type VariableSlot = {
  path: string;
  part: 'header' | 'body' | 'buttons';
  name: string;
  example: string | null;
};

export function variableSlots(template: Template): VariableSlot[] {
  const vars = templateVariables(template);
  const slots: VariableSlot[] = [];
  const headerExample = template.header?.format === 'text' ? template.header.example : null;
  for (const name of vars.header)
    slots.push({ path: 'header', part: 'header', name, example: headerExample });
  for (const name of vars.body)
    slots.push({ path: `body.${name}`, part: 'body', name, example: template.bodyExamples[name] ?? null });
  for (const [index, names] of Object.entries(vars.buttons)) {
    const button = template.buttons[Number(index)];
    const example = button && 'example' in button ? button.example : null;
    slots.push({ path: `buttons.${index}`, part: 'buttons', name: names[0] ?? index, example });
  }
  return slots;
}

const NAME_LIKE = /^(name|nombre|customer_?name|cliente|full_?name|nombre_?completo)$/i;
const FIRST_NAME_LIKE = /^(first_?name|given_?name|nombre_?de_?pila|primer_?nombre)$/i;

/**
 * A first guess: name-like variables take the contact's name, first-name-like ones its first
 * name (the first word of it), the rest wait for the user.
 */
export function defaultVariables(template: Template, nameFallback: string): BroadcastVariables {
  const variables: BroadcastVariables = {
    header: null,
    headerMediaId:
      template.header && 'exampleMediaId' in template.header ? template.header.exampleMediaId : null,
    body: {},
    buttons: {},
  };
  for (const slot of variableSlots(template)) {
    const guess: VariableSource = NAME_LIKE.test(slot.name)
      ? { source: 'attribute', key: 'name', fallback: nameFallback }
      : FIRST_NAME_LIKE.test(slot.name)
        ? { source: 'attribute', key: 'first_name', fallback: nameFallback }
        : { source: 'text', value: '' };
    setSource(variables, slot.path, guess);
  }
  return variables;
}

export function getSource(variables: BroadcastVariables, path: string): VariableSource | null {
  if (path === 'header') return variables.header;
  const [part, key = ''] = splitPath(path);
  return (part === 'body' ? variables.body[key] : variables.buttons[key]) ?? null;
}

/** Mutates `variables`; callers pass a copy (see `withSource`). */
function setSource(variables: BroadcastVariables, path: string, source: VariableSource): void {
  if (path === 'header') {
    variables.header = source;
    return;
  }
  const [part, key = ''] = splitPath(path);
  if (part === 'body') variables.body[key] = source;
  else variables.buttons[key] = source;
}

export function withSource(
  variables: BroadcastVariables,
  path: string,
  source: VariableSource,
): BroadcastVariables {
  const copy = { ...variables, body: { ...variables.body }, buttons: { ...variables.buttons } };
  setSource(copy, path, source);
  return copy;
}

function splitPath(path: string): [string, string | undefined] {
  const dot = path.indexOf('.');
  return dot === -1 ? [path, undefined] : [path.slice(0, dot), path.slice(dot + 1)];
}

/** Paths still to fill: a fixed text left empty, or an attribute not chosen. */
export function incompleteSlots(variables: BroadcastVariables, slots: VariableSlot[]): string[] {
  return slots
    .filter((slot) => {
      const source = getSource(variables, slot.path);
      if (!source) return true;
      return source.source === 'text' ? source.value.trim() === '' : source.key.trim() === '';
    })
    .map((slot) => slot.path);
}

/** Paths whose contacts without a value are skipped (an attribute with no fallback). */
export function skippingSlots(variables: BroadcastVariables, slots: VariableSlot[]): string[] {
  return slots
    .filter((slot) => {
      const source = getSource(variables, slot.path);
      return source?.source === 'attribute' && source.fallback.trim() === '';
    })
    .map((slot) => slot.path);
}

export type SampleRecipient = { name: string | null; phone: string; attributes?: Record<string, string> };

function resolve(
  source: VariableSource | null,
  sample: SampleRecipient | null,
  label: (key: string) => string,
): string {
  if (!source) return '';
  if (source.source === 'text') return source.value;
  const value =
    source.key === 'name'
      ? sample?.name
      : source.key === 'first_name'
        ? (sample?.attributes?.first_name ?? firstNameOf(sample?.name))
        : source.key === 'phone'
          ? sample?.phone
          : sample?.attributes?.[source.key];
  if (value) return value;
  return source.fallback || (sample ? '' : `[${label(source.key)}]`);
}

/**
 * The values one recipient would get, for the preview. Without a sample recipient an attribute
 * shows its fallback, or its name in brackets so the preview never looks finished when it is not.
 */
export function previewValues(
  variables: BroadcastVariables,
  slots: VariableSlot[],
  sample: SampleRecipient | null,
  label: (key: string) => string,
): TemplateValues {
  const values: TemplateValues = {
    header: null,
    headerMediaId: variables.headerMediaId,
    body: {},
    buttons: {},
  };
  for (const slot of slots) {
    const value = resolve(getSource(variables, slot.path), sample, label);
    if (slot.part === 'header') values.header = value;
    else if (slot.part === 'body') values.body[slot.name] = value;
    else values.buttons[slot.path.slice('buttons.'.length)] = value;
  }
  return values;
}
