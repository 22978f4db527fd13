/**
 * Cloud API error codes in words an agent understands, and whether trying again later can
 * help without risking a duplicate. Issue 3 extends this table to every code (and Spanish).
 */
const reasons: Record<number, { reason: string; retryable: boolean }> = {
  0: {
    reason: 'WhatsApp rejected the credentials of this number. Reconnect it with a valid access token.',
    retryable: false,
  },
  2: { reason: 'WhatsApp is temporarily unavailable. Charla will try again.', retryable: true },
  4: { reason: 'Too many requests to WhatsApp from this app. Charla will try again.', retryable: true },
  10: { reason: 'The access token lacks the WhatsApp messaging permission.', retryable: false },
  100: { reason: 'WhatsApp refused the message as invalid.', retryable: false },
  190: {
    reason: 'The access token of this number expired or is invalid. Reconnect the number.',
    retryable: false,
  },
  130429: { reason: 'This number reached its sending rate limit. Charla will try again.', retryable: true },
  131000: { reason: 'WhatsApp had an unknown error.', retryable: false },
  131016: { reason: 'WhatsApp is temporarily unavailable. Charla will try again.', retryable: true },
  131021: { reason: 'You cannot send a message to your own business number.', retryable: false },
  131026: {
    reason: 'This phone number cannot receive WhatsApp messages (not on WhatsApp, or an outdated app).',
    retryable: false,
  },
  131030: {
    reason: 'This test number may only message phone numbers on its allowed list.',
    retryable: false,
  },
  131047: {
    reason:
      'More than 24 hours have passed since the customer last wrote. Only an approved template can be sent now.',
    retryable: false,
  },
  131048: {
    reason: 'Sending is restricted for this number because too many messages were flagged as spam.',
    retryable: false,
  },
  131049: {
    reason: 'WhatsApp chose not to deliver this message to keep engagement healthy. Try again in a day.',
    retryable: false,
  },
  131050: { reason: 'The customer stopped marketing messages from this business.', retryable: false },
  131051: { reason: 'WhatsApp does not support this message type.', retryable: false },
  131056: {
    reason: 'Too many messages to this customer in a short time. Charla will try again.',
    retryable: true,
  },
  131057: { reason: 'The number is in maintenance for a moment. Charla will try again.', retryable: true },
};

export function describeCloudApiError(
  code: number | null,
  httpStatus?: number,
): { reason: string; retryable: boolean } {
  if (code !== null && reasons[code]) return reasons[code];
  if (httpStatus !== undefined && httpStatus >= 500) {
    return { reason: 'WhatsApp had a server error. Charla will try again.', retryable: true };
  }
  return { reason: `WhatsApp refused the message (error ${code ?? 'unknown'}).`, retryable: false };
}
