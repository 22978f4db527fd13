import { CloudApiError, CloudApiNetworkError } from '@charla/cloud-api';
import { describeWhatsAppError, findWhatsAppError } from '@charla/contracts';
import { SendFailure } from '../../inbox';

export const MAY_HAVE_BEEN_SENT =
  'WhatsApp did not answer in time, so this message may or may not have been sent. Check with the customer before sending it again.';

/**
 * A Cloud API error code in the catalogue's English words (the web translates by code), and
 * whether Charla may try again by itself: only codes that say nothing was sent and waiting
 * helps (`retry: 'yes'`), or a server error with no code.
 */
export function describeCloudApiError(
  code: number | null,
  httpStatus?: number,
): { reason: string; retryable: boolean } {
  // code 0 with no Graph body is the client saying "not Meta's error envelope", not AuthException.
  const isBare = code === 0 && httpStatus !== undefined && httpStatus !== 401;
  const entry = isBare ? null : findWhatsAppError(code);
  if (entry) return { reason: entry.en, retryable: entry.retry === 'yes' };
  if (httpStatus !== undefined && httpStatus >= 500) {
    return { reason: 'WhatsApp had a server error. Charla will try again by itself.', retryable: true };
  }
  return { reason: describeWhatsAppError(isBare ? null : code, 'en'), retryable: false };
}

/**
 * Whatever the Cloud API client threw, as the inbox's SendFailure. Retryable only when the
 * request certainly did not create a message: the API has no idempotency key.
 */
export function toSendFailure(err: unknown): unknown {
  if (err instanceof SendFailure) return err;
  if (err instanceof CloudApiError) {
    if (err.httpStatus >= 200 && err.httpStatus < 300) {
      // Meta said yes with a body we could not read: it may well have been sent.
      return new SendFailure({ code: null, reason: MAY_HAVE_BEEN_SENT, details: err.message }, false, true);
    }
    const { reason, retryable } = describeCloudApiError(err.code, err.httpStatus);
    return new SendFailure(
      { code: err.code === 0 ? null : err.code, reason, details: err.details ?? err.message },
      retryable,
    );
  }
  if (err instanceof CloudApiNetworkError) {
    return err.mayHaveReachedMeta
      ? new SendFailure({ code: null, reason: MAY_HAVE_BEEN_SENT, details: err.message }, false, true)
      : new SendFailure(
          {
            code: null,
            reason: 'Could not reach WhatsApp. Charla will try again by itself.',
            details: err.message,
          },
          true,
        );
  }
  return err;
}
