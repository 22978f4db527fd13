import { readBearer } from './graph-auth';
import { type GraphApiError, graphErrors } from './graph-error';
import { type GraphResponse, toErrorResponse } from './graph-messages';
import { isRecord } from './outbound-validation';
import type { Sandbox } from './sandbox';
import type { SimTemplate } from './sandbox-state';
import type { TemplateRegistry } from './template-registry';

export type TemplatesContext = {
  sandbox: Sandbox;
  templates: TemplateRegistry;
  supportedVersions: string[];
};

type AuthInput = { version: string; authorization: string | undefined; queryToken: string | undefined };

export type TemplateQuery = {
  access_token?: string;
  fields?: string;
  limit?: string;
  after?: string;
  before?: string;
  name?: string;
  status?: string;
  category?: string;
  language?: string;
  hsm_id?: string;
};

const TEMPLATE_FIELDS = [
  'id',
  'name',
  'language',
  'status',
  'category',
  'previous_category',
  'correct_category',
  'sub_category',
  'parameter_format',
  'components',
  'rejected_reason',
  'quality_score',
  'message_send_ttl_seconds',
] as const;
const DEFAULT_FIELDS = ['name', 'parameter_format', 'components', 'language', 'status', 'category', 'id'];
const DEFAULT_LIMIT = 25;

/** Version, token, then "can this token see the WABA?" — the order Graph refuses in (§8.1). */
export function authorizeWaba(
  ctx: TemplatesContext,
  wabaId: string,
  input: AuthInput,
  method: 'get' | 'post' | 'delete',
): GraphApiError | null {
  const { supportedVersions, sandbox } = ctx;
  if (!supportedVersions.includes(input.version)) {
    return graphErrors.expiredVersion(input.version, supportedVersions.at(-1) ?? 'v26.0');
  }
  const token = readBearer(input.authorization) ?? input.queryToken;
  const numbers = Object.values(sandbox.state.numbers);
  if (!token || !numbers.some((number) => number.accessToken === token)) return graphErrors.invalidToken();
  if (!numbers.some((number) => number.wabaId === wabaId && number.accessToken === token)) {
    return graphErrors.unknownObject(method, wabaId);
  }
  return null;
}

export function handleTemplateCreate(ctx: TemplatesContext, wabaId: string, rawBody: string): GraphResponse {
  const created = ctx.templates.create(wabaId, parseJson(rawBody));
  if (!created.ok) return toErrorResponse(created.error);
  const { id, status, category } = created.value;
  return { status: 200, body: { id, status, category } };
}

/** `GET /{WABA_ID}/message_templates`: filters, `fields`, `limit` and id cursors (§4.1). */
export function handleTemplateList(
  ctx: TemplatesContext,
  wabaId: string,
  query: TemplateQuery,
  baseUrl: string,
  version: string,
): GraphResponse {
  const fields = readFields(query.fields);
  if (!fields.ok) return toErrorResponse(fields.error);
  const statuses = query.status
    ?.toUpperCase()
    .split(',')
    .map((s) => s.trim());
  const all = ctx.templates
    .list(wabaId)
    .filter(
      (t) =>
        (query.name === undefined || t.name.includes(query.name.toLowerCase())) &&
        (statuses === undefined || statuses.includes(t.status)) &&
        (query.category === undefined || t.category === query.category.toUpperCase()) &&
        (query.language === undefined || t.language === query.language),
    );
  const limit = Number.parseInt(query.limit ?? '', 10);
  const pageSize = Number.isInteger(limit) && limit > 0 ? Math.min(limit, 1000) : DEFAULT_LIMIT;
  const after = query.after === undefined ? null : decodeCursor(query.after);
  if (query.after !== undefined && after === null) {
    return toErrorResponse(graphErrors.invalidParameter('after: not a valid cursor'));
  }
  const start = after === null ? 0 : all.findIndex((t) => Number(t.id) > after);
  const page = start === -1 ? [] : all.slice(start, start + pageSize);
  const data = page.map((t) => describeTemplate(t, fields.value));
  const first = page[0];
  const last = page.at(-1);
  if (!first || !last) return { status: 200, body: { data } };
  const hasMore = start + page.length < all.length;
  const next = new URLSearchParams({
    ...(query.fields && { fields: query.fields }),
    limit: String(pageSize),
  });
  for (const key of ['name', 'status', 'category', 'language'] as const) {
    const value = query[key];
    if (value !== undefined) next.set(key, value);
  }
  next.set('after', encodeCursor(last.id));
  return {
    status: 200,
    body: {
      data,
      paging: {
        cursors: { before: encodeCursor(first.id), after: encodeCursor(last.id) },
        ...(hasMore && { next: `${baseUrl}/${version}/${wabaId}/message_templates?${next}` }),
      },
    },
  };
}

export function handleTemplateGet(template: SimTemplate, fieldsParam: string | undefined): GraphResponse {
  const fields = readFields(fieldsParam);
  if (!fields.ok) return toErrorResponse(fields.error);
  return { status: 200, body: describeTemplate(template, fields.value) };
}

export function handleTemplateEdit(
  ctx: TemplatesContext,
  template: SimTemplate,
  rawBody: string,
): GraphResponse {
  const edited = ctx.templates.edit(template.id, parseJson(rawBody));
  return edited.ok ? { status: 200, body: { success: true } } : toErrorResponse(edited.error);
}

export function handleTemplateDelete(
  ctx: TemplatesContext,
  wabaId: string,
  query: TemplateQuery,
): GraphResponse {
  if (query.name === undefined || query.name === '') {
    return toErrorResponse(graphErrors.missingParameter('The parameter name is required.'));
  }
  const deleted = ctx.templates.delete(wabaId, query.name, query.hsm_id);
  return deleted.ok ? { status: 200, body: { success: true } } : toErrorResponse(deleted.error);
}

/** The template's token check: the token must belong to a number of the template's WABA. */
export function canSeeTemplate(
  ctx: TemplatesContext,
  template: SimTemplate,
  authorization: string | undefined,
  queryToken: string | undefined,
): boolean {
  const token = readBearer(authorization) ?? queryToken;
  return Object.values(ctx.sandbox.state.numbers).some(
    (n) => n.wabaId === template.wabaId && n.accessToken === token,
  );
}

function describeTemplate(template: SimTemplate, fields: readonly string[]): Record<string, unknown> {
  const all: Record<(typeof TEMPLATE_FIELDS)[number], unknown> = {
    id: template.id,
    name: template.name,
    language: template.language,
    status: template.status,
    category: template.category,
    previous_category: template.previousCategory ?? undefined,
    correct_category: undefined,
    sub_category: undefined,
    parameter_format: template.parameterFormat,
    components: template.components,
    rejected_reason: template.rejectedReason ?? 'NONE',
    quality_score: { score: template.qualityScore },
    message_send_ttl_seconds: template.ttlSeconds ?? undefined,
  };
  const out: Record<string, unknown> = {};
  for (const field of fields)
    if (field !== 'id' && all[field as keyof typeof all] !== undefined)
      out[field] = all[field as keyof typeof all];
  out.id = template.id;
  return out;
}

function readFields(
  param: string | undefined,
): { ok: true; value: string[] } | { ok: false; error: GraphApiError } {
  if (param === undefined || param.trim() === '') return { ok: true, value: DEFAULT_FIELDS };
  const requested = param
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const unknown = requested.find((f) => !(TEMPLATE_FIELDS as readonly string[]).includes(f));
  if (unknown)
    return {
      ok: false,
      error: graphErrors.invalidParameter(`Tried accessing nonexisting field (${unknown})`),
    };
  return { ok: true, value: requested };
}

function parseJson(rawBody: string): unknown {
  try {
    const parsed: unknown = JSON.parse(rawBody);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function encodeCursor(id: string): string {
  return Buffer.from(`id:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  const match = /^id:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? Number(match[1]) : null;
}
