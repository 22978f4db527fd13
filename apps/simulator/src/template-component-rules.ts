import { TEMPLATE_LIMITS } from '@charla/cloud-api';
import type { GraphApiError } from './graph-error';
import { isRecord } from './outbound-validation';
import { fail } from './refusal';
import { templateErrors as E } from './template-errors';
import { fixedWords, textVariables, uniqueVariables } from './template-variables';

export type ParameterFormat = 'NAMED' | 'POSITIONAL';
export type NormalizedComponent = Record<string, unknown> & { type: string };

const NAMED_PARAM = /^[a-z_][a-z0-9_]*$/;
const MEDIA_FORMATS = new Set(['IMAGE', 'VIDEO', 'DOCUMENT', 'GIF']);
/** Charla's editor asks for the same ratio (packages/contracts template-validation). */
const MIN_WORDS_PER_VARIABLE = 2;

// HEADER, BODY and FOOTER rules of §4.3; each answers Meta's upper-case shape or fails at the first problem.

export function validateHeader(
  c: Record<string, unknown>,
  path: string,
  format: ParameterFormat,
): NormalizedComponent {
  const headerFormat = typeof c.format === 'string' ? c.format.toUpperCase() : '';
  if (headerFormat === 'TEXT') {
    const text = requireString(c, 'text', path);
    if (text.length > TEMPLATE_LIMITS.headerText) {
      fail(
        E.tooLong(
          `${path}.text is ${text.length} characters; a text header has at most ${TEMPLATE_LIMITS.headerText}.`,
        ),
      );
    }
    const names = uniqueVariables(text);
    if (names.length > 1)
      fail(E.headerFormat(`${path}.text has ${names.length} parameters; a header has at most 1.`));
    if (/[*_~`]/.test(text.replace(/\{\{[^{}]*\}\}/g, ''))) {
      fail(E.headerFormat(`${path}.text cannot contain formatting characters (* _ ~ \`).`));
    }
    checkVariableNames(names, format, `${path}.text`, E.headerFormat);
    const example = isRecord(c.example) ? c.example : {};
    if (names.length === 1)
      requireExamples(example, names, format, path, 'header_text', 'header_text_named_params');
    return { type: 'HEADER', format: 'TEXT', text, ...(names.length > 0 && { example }) };
  }
  if (MEDIA_FORMATS.has(headerFormat)) {
    const handles = isRecord(c.example) ? c.example.header_handle : undefined;
    if (
      !Array.isArray(handles) ||
      handles.length === 0 ||
      typeof handles[0] !== 'string' ||
      handles[0] === ''
    ) {
      fail(
        E.invalidParameter(
          `Param ${path}.example.header_handle is required for a ${headerFormat} header: upload a sample with the Resumable Upload API.`,
        ),
      );
    }
    return { type: 'HEADER', format: headerFormat, example: { header_handle: handles } };
  }
  if (headerFormat === 'LOCATION') return { type: 'HEADER', format: 'LOCATION' };
  return fail(
    E.invalidParameter(`Param ${path}.format must be one of TEXT, IMAGE, VIDEO, DOCUMENT, GIF, LOCATION.`),
  );
}

export function validateBody(
  c: Record<string, unknown>,
  path: string,
  format: ParameterFormat,
): NormalizedComponent {
  const text = requireString(c, 'text', path);
  if (text.trim() === '') fail(E.invalidParameter(`Param ${path}.text must not be empty.`));
  if (text.length > TEMPLATE_LIMITS.body) {
    fail(
      E.tooLong(`${path}.text is ${text.length} characters; the body has at most ${TEMPLATE_LIMITS.body}.`),
    );
  }
  const occurrences = textVariables(text);
  const names = uniqueVariables(text);
  if (names.length === 0) return { type: 'BODY', text };
  checkVariableNames(names, format, `${path}.text`, E.bodyFormat);
  const trimmed = text.trim();
  if (trimmed.startsWith('{{') || trimmed.endsWith('}}')) {
    fail(E.leadingTrailing(`${path}.text starts or ends with a parameter; add text before and after it.`));
  }
  const words = fixedWords(text).length;
  if (words < occurrences.length * MIN_WORDS_PER_VARIABLE) {
    fail(
      E.ratio(
        `${path}.text has ${occurrences.length} parameters but only ${words} words; write at least ${occurrences.length * MIN_WORDS_PER_VARIABLE} words or use fewer parameters.`,
      ),
    );
  }
  const example = isRecord(c.example) ? c.example : {};
  requireExamples(example, names, format, path, 'body_text', 'body_text_named_params');
  return { type: 'BODY', text, example };
}

export function validateFooter(c: Record<string, unknown>, path: string): NormalizedComponent {
  const text = requireString(c, 'text', path);
  if (text.length > TEMPLATE_LIMITS.footer) {
    fail(
      E.tooLong(
        `${path}.text is ${text.length} characters; the footer has at most ${TEMPLATE_LIMITS.footer}.`,
      ),
    );
  }
  if (textVariables(text).length > 0) fail(E.footerFormat(`${path}.text cannot contain parameters.`));
  return { type: 'FOOTER', text };
}

function checkVariableNames(
  names: string[],
  format: ParameterFormat,
  field: string,
  error: (d: string) => GraphApiError,
) {
  if (format === 'POSITIONAL') {
    const numbers = names.map((name) => (/^\d+$/.test(name) ? Number(name) : Number.NaN));
    if (numbers.some(Number.isNaN))
      fail(
        error(
          `${field}: positional templates use {{1}}, {{2}}…; set parameter_format NAMED for named parameters.`,
        ),
      );
    const sorted = [...numbers].sort((a, b) => a - b);
    if (sorted.some((n, i) => n !== i + 1))
      fail(error(`${field}: parameters must be numbered {{1}} to {{${names.length}}} without gaps.`));
  } else if (names.some((name) => !NAMED_PARAM.test(name))) {
    fail(error(`${field}: named parameters use lowercase letters and underscores, e.g. {{first_name}}.`));
  }
}

function requireExamples(
  example: Record<string, unknown>,
  names: string[],
  format: ParameterFormat,
  path: string,
  positionalKey: 'header_text' | 'body_text',
  namedKey: string,
) {
  if (format === 'NAMED') {
    const given = Array.isArray(example[namedKey]) ? (example[namedKey] as unknown[]) : [];
    for (const name of names) {
      const found = given.find((e) => isRecord(e) && e.param_name === name);
      if (!isRecord(found) || typeof found.example !== 'string' || found.example === '') {
        fail(E.invalidParameter(`Param ${path}.example.${namedKey} needs an example for {{${name}}}.`));
      }
    }
    return;
  }
  const raw = example[positionalKey];
  const values = positionalKey === 'body_text' && Array.isArray(raw) ? raw[0] : raw;
  if (
    !Array.isArray(values) ||
    values.length < names.length ||
    values.some((v) => typeof v !== 'string' || v === '')
  ) {
    fail(
      E.invalidParameter(
        `Param ${path}.example.${positionalKey} needs ${names.length} example value(s), one per parameter.`,
      ),
    );
  }
}

export function requireString(record: Record<string, unknown>, key: string, path?: string): string {
  const value = record[key];
  const field = path ? `${path}.${key}` : key;
  if (typeof value !== 'string')
    return fail(E.invalidParameter(`Param ${field} is required and must be a string.`));
  return value;
}
