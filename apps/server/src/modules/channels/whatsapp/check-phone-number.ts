import { CloudApiClient, CloudApiError, CloudApiNetworkError, type PhoneNumberList } from '@charla/cloud-api';
import type { CheckNumber, NumberCheck } from '../connect-channel';
import { graphTransport } from './graph-transport';

/** The Graph codes that mean "this token is not accepted" (§6.2: 0, 190; 10 and 200-299 are missing permissions). */
const isTokenProblem = (e: CloudApiError) =>
  e.code === 190 ||
  e.code === 10 ||
  (e.code >= 200 && e.code <= 299) ||
  (e.code === 0 && e.httpStatus === 401);

/** A WABA has a handful of numbers; this bounds the walk if paging never ends. */
const MAX_PAGES = 20;

type Failure = Extract<NumberCheck, { ok: false }>;

/**
 * Checks credentials with `GET /{version}/{phone-number-id}`, then that the number belongs to the
 * WABA with `GET /{version}/{waba-id}/phone_numbers`: the same calls against Meta or the simulator.
 */
export function createPhoneNumberCheck(opts: {
  baseUrl: string;
  version: string;
  fetch?: typeof fetch;
}): CheckNumber {
  return async ({ phoneNumberId, wabaId, accessToken }) => {
    const client = new CloudApiClient({
      transport: graphTransport,
      baseUrl: opts.baseUrl,
      version: opts.version,
      accessToken,
      timeoutMs: 15_000,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    });
    try {
      const info = await client.getPhoneNumber(phoneNumberId);
      const inWaba = await findInWaba(client, wabaId, phoneNumberId);
      if (inWaba !== true) return inWaba;
      return {
        ok: true,
        displayPhoneNumber: info.display_phone_number,
        verifiedName: info.verified_name ?? null,
      };
    } catch (err) {
      if (err instanceof CloudApiNetworkError)
        return { ok: false, problem: 'unreachable', detail: err.message };
      if (!(err instanceof CloudApiError)) throw err;
      if (isTokenProblem(err)) return { ok: false, problem: 'access_token', detail: err.message };
      if (err.code === 100 || err.code === 33)
        return { ok: false, problem: 'phone_number_id', detail: err.message };
      if (err.httpStatus >= 500 || err.code === 1 || err.code === 2)
        return { ok: false, problem: 'unreachable', detail: err.message };
      return { ok: false, problem: 'refused', detail: err.message };
    }
  };
}

/** true, or why the phone number id is not among the WABA's numbers. Other errors are thrown. */
async function findInWaba(
  client: CloudApiClient,
  wabaId: string,
  phoneNumberId: string,
): Promise<true | Failure> {
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    let list: PhoneNumberList;
    try {
      list = await client.listPhoneNumbers(wabaId, after === undefined ? {} : { after });
    } catch (err) {
      // The number itself was just found, so "unknown object" here can only be the WABA.
      if (err instanceof CloudApiError && (err.code === 100 || err.code === 33)) {
        return { ok: false, problem: 'waba_id', detail: err.message };
      }
      throw err;
    }
    if (list.data.some((n) => n.id === phoneNumberId)) return true;
    after = list.paging?.cursors?.after;
    if (list.paging?.next === undefined || after === undefined) break;
  }
  return { ok: false, problem: 'waba_id', detail: `the account lists no number with id ${phoneNumberId}` };
}
