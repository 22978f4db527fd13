import type { GraphErrorEnvelope, WebhookError } from '@charla/cloud-api';
import { createFbtraceId } from './ids';

type GraphErrorInit = {
  httpStatus: number;
  code: number;
  title: string;
  details: string | null;
  type?: string;
  subcode?: number;
  /** Graph's own errors (token, unknown object) use a free message instead of `(#code) title`. */
  message?: string;
};

/** An error the simulated Graph API answers with, rendered in Meta's envelope (§6.1, §8.19). */
export class GraphApiError extends Error {
  readonly init: GraphErrorInit;

  constructor(init: GraphErrorInit) {
    super(init.message ?? `(#${init.code}) ${init.title}`);
    this.init = init;
  }

  toEnvelope(): GraphErrorEnvelope {
    const { code, details, type, subcode } = this.init;
    return {
      error: {
        message: this.message,
        type: type ?? 'OAuthException',
        code,
        ...(details !== null && { error_data: { messaging_product: 'whatsapp', details } }),
        ...(subcode !== undefined && { error_subcode: subcode }),
        fbtrace_id: createFbtraceId(),
      },
    };
  }
}

export const REENGAGEMENT_DETAILS =
  'Message failed to send because more than 24 hours have passed since the customer last replied to this number.';

export const ERROR_HREF = '/documentation/business-messaging/whatsapp/support/error-codes';

/** The asynchronous error objects failed statuses carry (§5.5, §6.1). */
export const webhookErrors = {
  reengagement: (): WebhookError => ({
    code: 131047,
    title: 'Re-engagement message',
    message: 'Re-engagement message',
    error_data: { details: REENGAGEMENT_DETAILS },
    href: ERROR_HREF,
  }),
  undeliverable: (): WebhookError => ({
    code: 131026,
    title: 'Message undeliverable',
    message: 'Message undeliverable',
    error_data: {
      details:
        'Message Undeliverable: the recipient is not a WhatsApp user, has not accepted the terms or uses an old client.',
    },
    href: ERROR_HREF,
  }),
  invalidReactionTarget: (): WebhookError => ({
    code: 131009,
    title: 'Parameter value is not valid',
    message: 'Parameter value is not valid',
    error_data: {
      details: 'The message you reacted to is unknown, older than 30 days, deleted or itself a reaction.',
    },
    href: ERROR_HREF,
  }),
};

export const graphErrors = {
  invalidToken: () =>
    new GraphApiError({
      httpStatus: 401,
      code: 190,
      title: 'Invalid OAuth access token',
      details: null,
      message: 'Invalid OAuth access token - Cannot parse access token',
    }),
  unknownObject: (method: 'get' | 'post' | 'delete', id: string) =>
    new GraphApiError({
      httpStatus: 400,
      code: 100,
      title: 'Unsupported request',
      details: null,
      type: 'GraphMethodException',
      subcode: 33,
      message: `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    }),
  /** Media ids Graph does not show this token: unknown, expired or another business's (§3.2). */
  unknownMedia: (id: string) =>
    new GraphApiError({
      httpStatus: 404,
      code: 100,
      title: 'Unsupported request',
      details: null,
      type: 'GraphMethodException',
      subcode: 33,
      message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    }),
  expiredVersion: (version: string, latest: string) =>
    new GraphApiError({
      httpStatus: 400,
      code: 2635,
      title: `You are calling a deprecated version of the Graph API. Please update to the latest version: ${latest}.`,
      details: `API version ${version} is not available.`,
    }),
  invalidParameter: (details: string) =>
    new GraphApiError({ httpStatus: 400, code: 100, title: 'Invalid parameter', details }),
  missingParameter: (details: string) =>
    new GraphApiError({ httpStatus: 400, code: 131008, title: 'Required parameter is missing', details }),
  invalidValue: (details: string) =>
    new GraphApiError({ httpStatus: 400, code: 131009, title: 'Parameter value is not valid', details }),
  unsupportedType: (details: string) =>
    new GraphApiError({ httpStatus: 400, code: 131051, title: 'Unsupported message type', details }),
  recipientIsSender: () =>
    new GraphApiError({
      httpStatus: 400,
      code: 131021,
      title: 'Recipient cannot be sender',
      details: 'Sender and recipient phone number is the same.',
    }),
  throughput: (httpStatus: 400 | 429) =>
    new GraphApiError({
      httpStatus,
      code: 130429,
      title: 'Rate limit hit',
      details: 'Cloud API message throughput has been reached.',
    }),
  /** Meta is down (§6.2): nothing was sent, the same request may be tried again later. */
  outage: (code: '2' | '131000' | '131016') =>
    new GraphApiError(
      code === '2'
        ? { httpStatus: 503, code: 2, title: 'Service temporarily unavailable', details: null }
        : code === '131000'
          ? { httpStatus: 500, code: 131000, title: 'Something went wrong', details: 'Something went wrong.' }
          : {
              httpStatus: 503,
              code: 131016,
              title: 'Service unavailable',
              details: 'A service is temporarily unavailable. Please check the status page before retrying.',
            },
    ),
  pairRate: () =>
    new GraphApiError({
      httpStatus: 400,
      code: 131056,
      title: '(Business Account, Consumer Account) pair rate limit hit',
      details:
        'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
    }),
  /** §2.1: one-tap, zero-tap and copy-code authentication templates cannot go to a BSUID. */
  bsuidRecipientNotSupported: () =>
    new GraphApiError({
      httpStatus: 400,
      code: 131062,
      title: 'BSUID recipients not supported',
      details:
        'Authentication templates cannot be sent to a business-scoped user ID; send them to the phone number.',
    }),
  reengagement: () =>
    new GraphApiError({
      httpStatus: 400,
      code: 131047,
      title: 'Re-engagement message',
      details: REENGAGEMENT_DETAILS,
    }),
};
