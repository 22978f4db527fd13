import { CloudApiClient, CloudApiError, CloudApiNetworkError } from '@charla/cloud-api';
import type { CheckNumber } from '../connect-channel';

/** The Graph codes that mean "this token is not accepted" (§6.2: 0, 190; 10 and 200-299 are missing permissions). */
const isTokenProblem = (e: CloudApiError) =>
  e.code === 190 ||
  e.code === 10 ||
  (e.code >= 200 && e.code <= 299) ||
  (e.code === 0 && e.httpStatus === 401);

/** Checks credentials with `GET /{version}/{phone-number-id}`: the same call against Meta or the simulator. */
export function createPhoneNumberCheck(opts: {
  baseUrl: string;
  version: string;
  fetch?: typeof fetch;
}): CheckNumber {
  return async ({ phoneNumberId, accessToken }) => {
    const client = new CloudApiClient({
      baseUrl: opts.baseUrl,
      version: opts.version,
      accessToken,
      timeoutMs: 15_000,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    });
    try {
      const info = await client.getPhoneNumber(phoneNumberId);
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
