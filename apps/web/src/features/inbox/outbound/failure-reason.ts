import type { Locale, MessageError } from '@charla/contracts';

/** One row of the Cloud API error table (packages/contracts/src/whatsapp-errors.ts). */
export type ErrorEntry = { en: string; es: string; retry: 'yes' | 'later' | 'no' };
export type FindError = (code: number) => ErrorEntry | null;

export type FailureReason = {
  /** Null: nothing known (the caller says so). */
  reason: string | null;
  code: number | null;
  /** What happens next: `gaveUp` Charla retried and stopped; null for an unknown code. */
  next: 'gaveUp' | 'later' | 'no' | null;
};

/** "A. B." -> "A." (the table's second sentence promises a retry that is already over). */
function firstSentence(text: string): string {
  const end = text.indexOf('. ');
  return end === -1 ? text : text.slice(0, end + 1);
}

/**
 * Why a message did not go out: the sentence of the agent's language for WhatsApp's error code
 * when the table knows it, else the server's own sentence. A failed message with a retryable
 * code means Charla already retried and gave up, so the table's "will try again" is dropped.
 */
export function failureReason(
  error: MessageError | null,
  locale: Locale,
  find: FindError | null,
): FailureReason {
  if (!error) return { reason: null, code: null, next: null };
  const entry = error.code !== null && find ? find(error.code) : null;
  if (!entry) return { reason: error.reason || null, code: error.code, next: null };
  if (entry.retry === 'yes')
    return { reason: firstSentence(entry[locale]), code: error.code, next: 'gaveUp' };
  return { reason: entry[locale], code: error.code, next: entry.retry };
}
