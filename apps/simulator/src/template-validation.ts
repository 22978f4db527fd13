import { TEMPLATE_CATEGORIES, TEMPLATE_LIMITS, TEMPLATE_NAME_PATTERN } from '@charla/cloud-api';
import { isRecord } from './outbound-validation';
import { fail, guard, type Result } from './refusal';
import { validateButtons } from './template-button-rules';
import {
  type NormalizedComponent,
  type ParameterFormat,
  requireString,
  validateBody,
  validateFooter,
  validateHeader,
} from './template-component-rules';
import { templateErrors as E } from './template-errors';

export type { NormalizedComponent, ParameterFormat } from './template-component-rules';
export type TemplateDefinition = {
  name: string;
  language: string;
  category: string;
  parameterFormat: ParameterFormat;
  components: NormalizedComponent[];
  ttlSeconds: number | null;
  allowCategoryChange: boolean;
};

const LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2,4})?$/;

/** POST /{WABA_ID}/message_templates body (§4.2, §4.3), answered like Meta on the first problem. */
export function validateTemplateCreate(body: unknown): Result<TemplateDefinition> {
  return guard(() => {
    if (!isRecord(body)) return fail(E.invalidParameter('The request body must be a JSON object.'));
    const name = requireString(body, 'name');
    if (!TEMPLATE_NAME_PATTERN.test(name)) {
      fail(
        E.invalidParameter(
          `Param name must be 1-${TEMPLATE_LIMITS.name} lowercase letters, digits or underscores (got "${name.slice(0, 60)}").`,
        ),
      );
    }
    const language = requireString(body, 'language');
    if (!LANGUAGE.test(language))
      fail(E.invalidParameter(`Param language "${language}" is not a template locale such as en_US or es.`));
    const category = requireString(body, 'category').toUpperCase();
    if (!(TEMPLATE_CATEGORIES as readonly string[]).includes(category)) {
      fail(E.invalidParameter(`Param category must be one of ${TEMPLATE_CATEGORIES.join(', ')}.`));
    }
    const parameterFormat = readParameterFormat(body.parameter_format) ?? 'POSITIONAL';
    const ttl = body.message_send_ttl_seconds;
    if (ttl !== undefined && !(Number.isInteger(ttl) && (ttl as number) > 0)) {
      fail(E.invalidParameter('Param message_send_ttl_seconds must be a positive integer.'));
    }
    return {
      name,
      language,
      category,
      parameterFormat,
      components: validateComponents(body.components, parameterFormat),
      ttlSeconds: typeof ttl === 'number' ? ttl : null,
      allowCategoryChange: body.allow_category_change === true,
    };
  });
}

/** POST /{TEMPLATE_ID} body: only category, components, TTL and parameter_format (§4.1). */
export function validateTemplateEdit(
  body: unknown,
  current: { parameterFormat: ParameterFormat },
): Result<{
  category?: string;
  components?: NormalizedComponent[];
  ttlSeconds?: number;
  parameterFormat?: ParameterFormat;
}> {
  return guard(() => {
    if (!isRecord(body)) return fail(E.invalidParameter('The request body must be a JSON object.'));
    const allowed = new Set(['category', 'components', 'message_send_ttl_seconds', 'parameter_format']);
    const extra = Object.keys(body).find((key) => !allowed.has(key));
    if (extra)
      fail(
        E.invalidParameter(
          `Param ${extra} cannot be edited; only category, components and message_send_ttl_seconds.`,
        ),
      );
    const parameterFormat = readParameterFormat(body.parameter_format);
    const category = typeof body.category === 'string' ? body.category.toUpperCase() : undefined;
    if (body.category !== undefined && !(TEMPLATE_CATEGORIES as readonly string[]).includes(category ?? '')) {
      fail(E.invalidParameter(`Param category must be one of ${TEMPLATE_CATEGORIES.join(', ')}.`));
    }
    const ttl = body.message_send_ttl_seconds;
    if (ttl !== undefined && !(Number.isInteger(ttl) && (ttl as number) > 0)) {
      fail(E.invalidParameter('Param message_send_ttl_seconds must be a positive integer.'));
    }
    const format = parameterFormat ?? current.parameterFormat;
    return {
      ...(category !== undefined && { category }),
      ...(body.components !== undefined && { components: validateComponents(body.components, format) }),
      ...(typeof ttl === 'number' && { ttlSeconds: ttl }),
      ...(parameterFormat !== undefined && { parameterFormat }),
    };
  });
}

function validateComponents(raw: unknown, format: ParameterFormat): NormalizedComponent[] {
  if (!Array.isArray(raw)) return fail(E.invalidParameter('Param components must be an array.'));
  const seen = new Set<string>();
  const out: NormalizedComponent[] = [];
  for (const [index, component] of raw.entries()) {
    const path = `components[${index}]`;
    if (!isRecord(component) || typeof component.type !== 'string') {
      return fail(E.invalidParameter(`Param ${path}.type is required.`));
    }
    const type = component.type.toUpperCase();
    if (seen.has(type))
      fail(E.invalidParameter(`Param ${path}: a template has at most one ${type} component.`));
    seen.add(type);
    if (type === 'HEADER') out.push(validateHeader(component, path, format));
    else if (type === 'BODY') out.push(validateBody(component, path, format));
    else if (type === 'FOOTER') out.push(validateFooter(component, path));
    else if (type === 'BUTTONS') out.push(validateButtons(component, path));
    else fail(E.invalidParameter(`Param ${path}.type must be one of HEADER, BODY, FOOTER, BUTTONS.`));
  }
  if (!seen.has('BODY')) fail(E.invalidParameter('Param components must contain a BODY component.'));
  return out;
}

function readParameterFormat(value: unknown): ParameterFormat | undefined {
  if (value === undefined) return undefined;
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  if (upper !== 'NAMED' && upper !== 'POSITIONAL')
    return fail(E.invalidParameter('Param parameter_format must be NAMED or POSITIONAL.'));
  return upper;
}
