import { CloudApiError, CloudApiNetworkError } from '@charla/cloud-api';
import { AppError } from '../../../platform/errors';

/** Meta's template error codes (reference §6.2) that name the part of the draft at fault. */
const BY_CODE: Record<number, { path: string | null; message: string; kind?: 'conflict' }> = {
  2388019: {
    path: null,
    message:
      'This WhatsApp Business Account has reached its limit of templates. Delete templates you no longer use, then try again.',
  },
  2388039: {
    path: null,
    kind: 'conflict',
    message:
      'WhatsApp does not allow this change while the template is in its current status (for example during review). Try again once the review is over.',
  },
  2388040: { path: null, message: 'A field of the template is longer than WhatsApp allows.' },
  2388047: { path: 'header', message: 'WhatsApp says the header is not in a valid format.' },
  2388072: { path: 'body', message: 'WhatsApp says the body is not in a valid format.' },
  2388073: { path: 'footer', message: 'WhatsApp says the footer is not in a valid format.' },
  2388293: {
    path: 'body',
    message: 'Too many variables for the length of the body: add words or remove variables.',
  },
  2388299: { path: 'body', message: 'The body cannot start or end with a variable.' },
  2388024: {
    path: 'name',
    kind: 'conflict',
    message: 'WhatsApp already has a template with this name and language.',
  },
  2388023: {
    path: 'name',
    kind: 'conflict',
    message: 'WhatsApp is still deleting a template with this name; pick another name or wait 4 weeks.',
  },
};

/** The draft field Meta's words point at, when they name one (its details first, then its title). */
function guessPath(text: string): string | null {
  const t = text.toLowerCase();
  if (t.includes('header')) return 'header';
  if (t.includes('footer')) return 'footer';
  if (t.includes('button')) return 'buttons';
  if (t.includes('example')) return 'bodyExamples';
  if (t.includes('body')) return 'body';
  if (/\bname\b/.test(t)) return 'name';
  if (t.includes('category')) return 'category';
  if (t.includes('language')) return 'language';
  return null;
}

/** Whatever the template calls threw, as an API error a person can act on; secrets never quoted. */
export function toTemplateError(err: unknown): unknown {
  if (err instanceof CloudApiNetworkError) {
    return new AppError(
      'unavailable',
      'whatsapp_unreachable',
      `Could not reach WhatsApp (${err.message}). Try again in a minute.`,
    );
  }
  if (!(err instanceof CloudApiError)) return err;
  if (err.code === 190 || err.httpStatus === 401) {
    return new AppError(
      'unprocessable',
      'whatsapp_token_rejected',
      'WhatsApp no longer accepts the access token of this account. Reconnect the number in Settings with a new token.',
    );
  }
  if (err.code === 80007 || err.httpStatus === 429) {
    return new AppError(
      'rate_limited',
      'whatsapp_rate_limited',
      'WhatsApp limits how often templates can be managed. Try again in an hour.',
    );
  }
  if (err.httpStatus >= 500) {
    return new AppError(
      'unavailable',
      'whatsapp_error',
      'WhatsApp had a server error. Try again in a few minutes.',
    );
  }
  const known = BY_CODE[err.subcode ?? -1] ?? BY_CODE[err.code];
  const said = [err.title, err.details].filter(Boolean).join(': ');
  const path = known ? known.path : (guessPath(err.details ?? '') ?? guessPath(err.title));
  const message = known ? `${known.message} (WhatsApp: ${said})` : `WhatsApp refused the template: ${said}`;
  return new AppError(
    known?.kind ?? 'unprocessable',
    known?.kind === 'conflict'
      ? path === 'name'
        ? 'template_exists'
        : 'whatsapp_conflict'
      : 'invalid_template',
    message,
    path ? [{ path, message: known?.message ?? said }] : undefined,
  );
}
