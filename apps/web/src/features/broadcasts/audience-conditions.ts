import type {
  AttributeFilter,
  BroadcastAudience,
  ContactAttributeDefinition,
  ContactAttributeType,
  ContactFilters,
} from '@charla/contracts';

export type FilterOp = AttributeFilter['op'];

/** One row of the "attribute conditions" builder, as typed: `raw` is what the input holds. */
export type ConditionDraft = { key: string; op: FilterOp; raw: string };

/** The operators that make sense for each attribute type. */
export const OPS_BY_TYPE: Record<ContactAttributeType, FilterOp[]> = {
  text: ['eq', 'neq', 'contains', 'is_set', 'not_set'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'is_set', 'not_set'],
  date: ['eq', 'gt', 'gte', 'lt', 'lte', 'is_set', 'not_set'],
  boolean: ['eq', 'is_set', 'not_set'],
  list: ['eq', 'neq', 'is_set', 'not_set'],
};

export function needsValue(op: FilterOp): boolean {
  return op !== 'is_set' && op !== 'not_set';
}

export type ConditionProblem =
  | 'unknown_attribute'
  | 'missing_value'
  | 'not_a_number'
  | 'not_a_date'
  | 'not_an_option';

export type BuiltCondition = { filter: AttributeFilter } | { problem: ConditionProblem };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Turns a typed row into the API's filter, with the value in the attribute's own type. */
export function buildCondition(
  draft: ConditionDraft,
  definitions: ContactAttributeDefinition[],
): BuiltCondition {
  const definition = definitions.find((d) => d.key === draft.key);
  if (!definition) return { problem: 'unknown_attribute' };
  if (!needsValue(draft.op)) return { filter: { key: draft.key, op: draft.op, value: null } };
  const raw = draft.raw.trim();
  if (raw === '') return { problem: 'missing_value' };
  switch (definition.type) {
    case 'number': {
      const value = Number(raw.replace(',', '.'));
      return Number.isFinite(value)
        ? { filter: { key: draft.key, op: draft.op, value } }
        : { problem: 'not_a_number' };
    }
    case 'date':
      return ISO_DATE.test(raw) && !Number.isNaN(Date.parse(raw))
        ? { filter: { key: draft.key, op: draft.op, value: raw } }
        : { problem: 'not_a_date' };
    case 'boolean':
      return { filter: { key: draft.key, op: draft.op, value: raw === 'true' } };
    case 'list':
      return definition.options?.includes(raw)
        ? { filter: { key: draft.key, op: draft.op, value: raw } }
        : { problem: 'not_an_option' };
    case 'text':
      return { filter: { key: draft.key, op: draft.op, value: raw } };
  }
}

/** A fresh row for an attribute: its first operator and an empty (or sensible) value. */
export function newCondition(definition: ContactAttributeDefinition): ConditionDraft {
  const op = OPS_BY_TYPE[definition.type][0] ?? 'eq';
  const raw =
    definition.type === 'boolean'
      ? 'true'
      : definition.type === 'list'
        ? (definition.options?.[0] ?? '')
        : '';
  return { key: definition.key, op, raw };
}

/** What the audience step holds; only the part of the chosen kind is used. */
export type AudienceDraft = {
  kind: 'filters' | 'view' | 'csv';
  tags: string[];
  conditions: ConditionDraft[];
  viewId: string | null;
  uploadId: string | null;
};

export const emptyAudience: AudienceDraft = {
  kind: 'filters',
  tags: [],
  conditions: [],
  viewId: null,
  uploadId: null,
};

export type BuiltAudience = { audience: BroadcastAudience } | { problem: 'empty' | 'invalid_condition' };

/**
 * The audience to send to the API. A filter audience needs at least one tag or condition:
 * "everyone" by accident is the costliest mistake a broadcast tool can let through.
 */
export function buildAudience(
  draft: AudienceDraft,
  definitions: ContactAttributeDefinition[],
): BuiltAudience {
  if (draft.kind === 'view')
    return draft.viewId ? { audience: { kind: 'view', viewId: draft.viewId } } : { problem: 'empty' };
  if (draft.kind === 'csv')
    return draft.uploadId ? { audience: { kind: 'csv', uploadId: draft.uploadId } } : { problem: 'empty' };
  const attributes: AttributeFilter[] = [];
  for (const condition of draft.conditions) {
    const built = buildCondition(condition, definitions);
    if ('problem' in built) return { problem: 'invalid_condition' };
    attributes.push(built.filter);
  }
  const tags = [...new Set(draft.tags.map((tag) => tag.trim()).filter(Boolean))];
  if (tags.length === 0 && attributes.length === 0) return { problem: 'empty' };
  const filters: ContactFilters = {};
  if (tags.length > 0) filters.tags = tags;
  if (attributes.length > 0) filters.attributes = attributes;
  return { audience: { kind: 'filters', filters } };
}

/** Splits what a person typed in the tag box ("vip, clientes") into tags. */
export function parseTags(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0 && tag.length <= 50);
}
