import { readBearer } from './graph-auth';
import { graphErrors } from './graph-error';
import { type GraphResponse, toErrorResponse } from './graph-messages';
import type { ResolvedBehaviour } from './number-behaviour';
import type { Sandbox } from './sandbox';
import type { SimNumber } from './sandbox-state';

export const PHONE_FIELDS = [
  'display_phone_number',
  'verified_name',
  'quality_rating',
  'throughput',
  'whatsapp_business_manager_messaging_limit',
] as const;
/** Fields returned when `fields` is absent (the limits only on request, like Graph). */
const DEFAULT_PHONE_FIELDS = ['display_phone_number', 'verified_name', 'quality_rating'];
const DEFAULT_LIMIT = 25;

type ListRequest = {
  version: string;
  wabaId: string;
  /** Where this simulator is reached, for the absolute `paging.next` Graph returns. */
  baseUrl: string;
  authorization: string | undefined;
  query: { access_token?: string; fields?: string; limit?: string; after?: string };
};

/**
 * The requested fields of one number, `id` always last like Graph; an unknown field is Graph's
 * code 100 naming it.
 */
export function describeNumber(
  number: SimNumber,
  fieldsParam: string | undefined,
  behaviour: Pick<ResolvedBehaviour, 'throughput' | 'messagingLimit'>,
): { ok: true; body: Record<string, unknown> } | { ok: false; response: GraphResponse } {
  const all: Record<(typeof PHONE_FIELDS)[number], unknown> = {
    display_phone_number: number.displayPhoneNumber,
    verified_name: number.verifiedName ?? number.displayPhoneNumber,
    quality_rating: number.qualityRating,
    throughput: { level: behaviour.throughput },
    whatsapp_business_manager_messaging_limit: behaviour.messagingLimit,
  };
  const requested = fieldsParam?.split(',').map((field) => field.trim());
  const unknown = requested?.find(
    (field) => field !== 'id' && !(PHONE_FIELDS as readonly string[]).includes(field),
  );
  if (unknown) {
    return {
      ok: false,
      response: toErrorResponse(
        graphErrors.invalidParameter(`Tried accessing nonexisting field (${unknown})`),
      ),
    };
  }
  const fields = PHONE_FIELDS.filter((field) => (requested ?? DEFAULT_PHONE_FIELDS).includes(field));
  return {
    ok: true,
    body: { ...Object.fromEntries(fields.map((f) => [f, all[f]])), id: number.phoneNumberId },
  };
}

/**
 * `GET /{WABA_ID}/phone_numbers`: the numbers registered under that WABA, paged with cursors.
 * A token that is valid but belongs to no number of this WABA sees "does not exist", like Graph.
 */
export function handlePhoneNumbersList(
  sandbox: Sandbox,
  supportedVersions: string[],
  request: ListRequest,
): GraphResponse {
  const { version, wabaId, query } = request;
  if (!supportedVersions.includes(version)) {
    return toErrorResponse(graphErrors.expiredVersion(version, supportedVersions.at(-1) ?? 'v26.0'));
  }
  const token = readBearer(request.authorization) ?? query.access_token;
  const numbers = Object.values(sandbox.state.numbers);
  if (!token || !numbers.some((number) => number.accessToken === token)) {
    return toErrorResponse(graphErrors.invalidToken());
  }
  const inWaba = numbers
    .filter((number) => number.wabaId === wabaId)
    .sort((a, b) => a.phoneNumberId.localeCompare(b.phoneNumberId));
  if (!inWaba.some((number) => number.accessToken === token)) {
    return toErrorResponse(graphErrors.unknownObject('get', wabaId));
  }
  const limit = Number.parseInt(query.limit ?? '', 10);
  const pageSize = Number.isInteger(limit) && limit > 0 ? Math.min(limit, 100) : DEFAULT_LIMIT;
  const start = query.after === undefined ? 0 : decodeCursor(query.after);
  if (start === null) return toErrorResponse(graphErrors.invalidParameter('after: not a valid cursor'));
  const page = inWaba.slice(start, start + pageSize);
  const data = [];
  for (const number of page) {
    const described = describeNumber(number, query.fields, sandbox.behaviour(number.phoneNumberId));
    if (!described.ok) return described.response;
    data.push(described.body);
  }
  if (page.length === 0) return { status: 200, body: { data } };
  const end = start + page.length;
  const next = new URLSearchParams({
    ...(query.fields && { fields: query.fields }),
    limit: String(pageSize),
  });
  next.set('after', encodeCursor(end));
  return {
    status: 200,
    body: {
      data,
      paging: {
        cursors: { before: encodeCursor(start), after: encodeCursor(end) },
        ...(end < inWaba.length && { next: `${request.baseUrl}/${version}/${wabaId}/phone_numbers?${next}` }),
      },
    },
  };
}

// Graph cursors are opaque base64; an offset is enough for a list this small.
function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? Number(match[1]) : null;
}
