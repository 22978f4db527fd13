import type { WebhookError } from '@charla/cloud-api';
import { ERROR_HREF, GraphApiError } from './graph-error';

const error = (httpStatus: number, code: number, title: string) => (details: string) =>
  new GraphApiError({ httpStatus, code, title, details });

/** Template management and template send errors (§6.2), each with `details` naming the field. */
export const templateErrors = {
  invalidParameter: error(400, 100, 'Invalid parameter'),
  limitExceeded: error(400, 2388019, 'Message template limit exceeded'),
  alreadyExists: error(400, 2388024, 'Content in this language already exists'),
  statusCannotChange: error(400, 2388039, "Message template status can't be changed"),
  tooLong: error(400, 2388040, 'Character limit exceeded'),
  headerFormat: error(400, 2388047, 'Message header format is incorrect'),
  bodyFormat: error(400, 2388072, 'Message body format is incorrect'),
  footerFormat: error(400, 2388073, 'Message footer format is incorrect'),
  ratio: error(400, 2388293, 'Parameters-to-words ratio exceeds limit'),
  leadingTrailing: error(400, 2388299, 'Leading or trailing parameters not allowed'),
  creationRate: error(400, 80007, 'Rate limit issues'),
  // Sends (§2.9).
  paramCount: error(400, 132000, 'Number of parameters does not match the expected number of params'),
  notFound: error(404, 132001, 'Template name does not exist in the translation'),
  hydratedTooLong: error(400, 132005, 'Translated text too long'),
  paramFormat: error(400, 132012, 'Parameter format does not match format in the created template'),
  paused: error(400, 132015, 'Template is Paused'),
  disabled: error(400, 132016, 'Template is Disabled'),
};

const asyncError = (code: number, title: string, details: string): WebhookError => ({
  code,
  title,
  message: title,
  error_data: { details },
  href: ERROR_HREF,
});

export const templateWebhookErrors = {
  marketingStopped: () =>
    asyncError(
      131050,
      'User has stopped marketing messages',
      'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
    ),
  /** §5.5, §7.8: the customer got too many marketing messages from businesses; retry after 24 h. */
  marketingCap: () =>
    asyncError(
      131049,
      'This message was not delivered to maintain healthy ecosystem engagement.',
      'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
    ),
  /** §7.7: Meta documents no code for the messaging limit; 131049 by default, configurable. */
  messagingLimit: (code: number) =>
    asyncError(
      code,
      code === 131049
        ? 'This message was not delivered to maintain healthy ecosystem engagement.'
        : 'Messaging limit reached',
      'The business portfolio reached its messaging limit: too many unique users outside a customer service window in the last 24 hours.',
    ),
};
