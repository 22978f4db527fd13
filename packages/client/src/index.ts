import type {
  ApiAcceptedMessage,
  ApiBulkContact,
  ApiBulkContactsResult,
  ApiChannel,
  ApiChannelHealth,
  ApiContactAttributesRequest,
  ApiConversationStatusRequest,
  ApiCreateBroadcastRequest,
  ApiCreateTemplateRequest,
  ApiEnrolled,
  ApiEnrollRequest,
  ApiFlowStarted,
  ApiMessage,
  ApiStartFlowRequest,
  ApiUpdateContactRequest,
  ApiUploadedMedia,
  AssignConversationRequest,
  Broadcast,
  BroadcastRecipient,
  Contact,
  Conversation,
  CreateContactRequest,
  CreateWebhookSubscriptionRequest,
  EraseContactResult,
  Message,
  Note,
  Template,
  Thread,
  UpdateWebhookSubscriptionRequest,
  WebhookDelivery,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from '@charla/contracts';
import { CLIENT_ROUTES, type ClientRoute } from './routes';

export { CLIENT_ROUTES } from './routes';

/** An error answer of the API: its status, `code`, message and the fields at fault. */
export class CharlaApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { path: string; message: string }[] = [],
    readonly details: Record<string, string> = {},
    /** Seconds to wait before retrying (429). */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'CharlaApiError';
  }
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** A message as Meta's Cloud API shapes it, to a contact id or a phone number. */
export type SendMessage = { to: string; channel?: string; context?: { message_id: string } } & (
  | { type: 'text'; text: { body: string; preview_url?: boolean } }
  | { type: 'image' | 'video' | 'sticker'; image?: MediaRef; video?: MediaRef; sticker?: MediaRef }
  | { type: 'document'; document: MediaRef & { filename?: string } }
  | { type: 'audio'; audio: { id: string; voice?: boolean } }
  | { type: 'location'; location: { latitude: number; longitude: number; name?: string; address?: string } }
  | { type: 'template'; template: { name: string; language: { code: string }; components?: unknown[] } }
  | { type: 'interactive'; interactive: Record<string, unknown> }
  | { type: 'contacts'; contacts: Record<string, unknown>[] }
);
type MediaRef = { id: string; caption?: string };

export interface CharlaClientOptions {
  /** Charla's address, e.g. `https://charla.example.com`. */
  baseUrl: string;
  /** A key from Settings › API keys (`chk_…`). */
  apiKey: string;
  fetch?: typeof fetch;
}

type Query = Record<string, string | string[] | undefined>;

/**
 * A typed client of Charla's public API (/api/v1). Every method is one route of the OpenAPI
 * document (`CLIENT_ROUTES`); errors throw `CharlaApiError`. POSTs take an `idempotencyKey`
 * (a retry with the same key never sends twice).
 */
export function createCharlaClient(options: CharlaClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call<T>(
    route: ClientRoute,
    params: Record<string, string> = {},
    /** `form`: a multipart body (an upload); `raw`: the Response itself, for a file's bytes. */
    init: { query?: Query; body?: unknown; form?: FormData; raw?: boolean; idempotencyKey?: string } = {},
  ): Promise<T> {
    const [method, template] = CLIENT_ROUTES[route];
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
    const url = new URL(base + path);
    for (const [key, value] of Object.entries(init.query ?? {})) {
      for (const v of [value ?? []].flat()) url.searchParams.append(key, v);
    }
    const headers: Record<string, string> = { authorization: `Bearer ${options.apiKey}` };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
    const res = await doFetch(url, {
      method,
      headers,
      ...(init.form
        ? { body: init.form }
        : init.body !== undefined
          ? { body: JSON.stringify(init.body) }
          : {}),
    });
    if (res.ok && init.raw) return res as T;
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const e = json?.error ?? {};
      const retry = res.headers.get('retry-after');
      throw new CharlaApiError(
        res.status,
        e.code ?? 'http_error',
        e.message ?? `HTTP ${res.status}`,
        e.fields ?? [],
        e.details ?? {},
        retry ? Number(retry) : null,
      );
    }
    return json as T;
  }

  return {
    messages: {
      send: (message: SendMessage, opts: { idempotencyKey?: string } = {}) =>
        call<ApiAcceptedMessage>('sendMessage', {}, { body: message, ...opts }),
      get: (id: string) => call<ApiMessage>('getMessage', { id }),
    },
    contacts: {
      create: (contact: CreateContactRequest, opts: { idempotencyKey?: string } = {}) =>
        call<Contact>('createContact', {}, { body: contact, ...opts }),
      get: (id: string) => call<Contact>('getContact', { id }),
      list: (query: { q?: string; tag?: string[]; optIn?: string; cursor?: string } = {}) =>
        call<Page<Contact>>('listContacts', {}, { query }),
      update: (id: string, changes: ApiUpdateContactRequest) =>
        call<Contact>('updateContact', { id }, { body: changes }),
      /** Erases the contact for good: its conversations, messages, files and notes too. */
      erase: (id: string) => call<EraseContactResult>('eraseContact', { id }),
      addTags: (id: string, tags: string[], opts: { idempotencyKey?: string } = {}) =>
        call<Contact>('addContactTags', { id }, { body: { tags }, ...opts }),
      removeTag: (id: string, tag: string) => call<Contact>('removeContactTag', { id, tag }),
      /** Merged into the contact's values; null removes one. */
      setAttributes: (id: string, attributes: ApiContactAttributesRequest) =>
        call<Contact>('setContactAttributes', { id }, { body: attributes }),
      optIn: (id: string, opts: { idempotencyKey?: string } = {}) =>
        call<Contact>('optInContact', { id }, { body: {}, ...opts }),
      optOut: (id: string, opts: { idempotencyKey?: string } = {}) =>
        call<Contact>('optOutContact', { id }, { body: {}, ...opts }),
      /** Up to 1,000 contacts by phone: each row answers created, updated or rejected (why). */
      bulkUpsert: (contacts: ApiBulkContact[], opts: { idempotencyKey?: string } = {}) =>
        call<ApiBulkContactsResult>('bulkUpsertContacts', {}, { body: { contacts }, ...opts }),
    },
    conversations: {
      list: (query: Query = {}) => call<Page<Conversation>>('listConversations', {}, { query }),
      get: (id: string, before?: string) => call<Thread>('getConversation', { id }, { query: { before } }),
      /** A member and/or a team (null unassigns; a field left out stays). */
      assign: (id: string, to: AssignConversationRequest, opts: { idempotencyKey?: string } = {}) =>
        call<Conversation>('assignConversation', { id }, { body: to, ...opts }),
      /** `snoozedUntil` (ISO 8601) with `snoozed`. */
      setStatus: (id: string, change: ApiConversationStatusRequest, opts: { idempotencyKey?: string } = {}) =>
        call<Conversation>('setConversationStatus', { id }, { body: change, ...opts }),
      /** An internal note, shown as written by the key. */
      addNote: (id: string, body: string, opts: { idempotencyKey?: string } = {}) =>
        call<Note>('addConversationNote', { id }, { body: { body }, ...opts }),
      addLabel: (id: string, labelId: string, opts: { idempotencyKey?: string } = {}) =>
        call<Conversation>('addConversationLabel', { id }, { body: { labelId }, ...opts }),
      removeLabel: (id: string, labelId: string) =>
        call<Conversation>('removeConversationLabel', { id, labelId }),
      /** Newest first; pass `nextCursor` back as `cursor` for older ones. */
      messages: (id: string, cursor?: string) =>
        call<Page<Message>>('listConversationMessages', { id }, { query: { cursor } }),
    },
    templates: {
      list: (query: { status?: string } = {}) => call<Page<Template>>('listTemplates', {}, { query }),
      get: (id: string) => call<Template>('getTemplate', { id }),
      /** Made and submitted to WhatsApp's review: answers `pending`. */
      create: (template: ApiCreateTemplateRequest, opts: { idempotencyKey?: string } = {}) =>
        call<Template>('createTemplate', {}, { body: template, ...opts }),
      delete: (id: string) => call<null>('deleteTemplate', { id }),
    },
    media: {
      /** A file to send from a number (`channel`, optional with one): its id goes in a message's `image.id`… */
      upload: (file: Blob, opts: { filename?: string; channel?: string; idempotencyKey?: string } = {}) => {
        const form = new FormData();
        form.append('file', file, opts.filename ?? 'file');
        return call<ApiUploadedMedia>(
          'uploadMedia',
          {},
          { form, query: { channel: opts.channel }, idempotencyKey: opts.idempotencyKey },
        );
      },
      /** A file's bytes and type: one uploaded, or one a customer sent. */
      download: async (id: string) => {
        const res = await call<Response>('downloadMedia', { id }, { raw: true });
        return {
          bytes: new Uint8Array(await res.arrayBuffer()),
          contentType: res.headers.get('content-type') ?? 'application/octet-stream',
        };
      },
    },
    broadcasts: {
      /** Sent now, or at `scheduledAt`: answers the broadcast (`preparing` or `scheduled`). */
      create: (broadcast: ApiCreateBroadcastRequest, opts: { idempotencyKey?: string } = {}) =>
        call<Broadcast>('createBroadcast', {}, { body: broadcast, ...opts }),
      list: () => call<Page<Broadcast>>('listBroadcasts'),
      get: (id: string) => call<Broadcast>('getBroadcast', { id }),
      pause: (id: string, opts: { idempotencyKey?: string } = {}) =>
        call<Broadcast>('pauseBroadcast', { id }, { body: {}, ...opts }),
      resume: (id: string, opts: { idempotencyKey?: string } = {}) =>
        call<Broadcast>('resumeBroadcast', { id }, { body: {}, ...opts }),
      cancel: (id: string, opts: { idempotencyKey?: string } = {}) =>
        call<Broadcast>('cancelBroadcast', { id }, { body: {}, ...opts }),
      recipients: (id: string, query: { state?: string; cursor?: string; limit?: string } = {}) =>
        call<Page<BroadcastRecipient>>('listBroadcastRecipients', { id }, { query }),
    },
    automation: {
      /** A published bot starts in the customer's conversation (a contact id or a phone). */
      startFlow: (flowId: string, customer: ApiStartFlowRequest, opts: { idempotencyKey?: string } = {}) =>
        call<ApiFlowStarted>('startFlow', { id: flowId }, { body: customer, ...opts }),
      /** The contact (or a phone, added when new) enters the sequence; says if it already was in it. */
      enroll: (sequenceId: string, customer: ApiEnrollRequest, opts: { idempotencyKey?: string } = {}) =>
        call<ApiEnrolled>('enrollInSequence', { id: sequenceId }, { body: customer, ...opts }),
    },
    channels: {
      list: () => call<Page<ApiChannel>>('listChannels'),
      /** One number's health: connected, what waits in its outbox, its last error. */
      get: (id: string) => call<ApiChannelHealth>('getChannel', { id }),
    },
    webhooks: {
      list: () => call<Page<WebhookSubscription>>('listWebhooks'),
      events: () => call<{ type: string; description: string; example: unknown }[]>('webhookEvents'),
      deliveries: (id: string, query: { status?: string; cursor?: string } = {}) =>
        call<Page<WebhookDelivery>>('listDeliveries', { id }, { query }),
      replay: (deliveryId: string, opts: { idempotencyKey?: string } = {}) =>
        call<{ ok: boolean }>('replayDelivery', { deliveryId }, { body: {}, ...opts }),
      test: (id: string, opts: { idempotencyKey?: string } = {}) =>
        call<{ deliveryId: string }>('sendTestEvent', { id }, { body: {}, ...opts }),
      /** The answer holds the signing secret: keep it, it is not shown again. */
      create: (subscription: CreateWebhookSubscriptionRequest, opts: { idempotencyKey?: string } = {}) =>
        call<WebhookSubscriptionWithSecret>('createWebhook', {}, { body: subscription, ...opts }),
      update: (id: string, changes: UpdateWebhookSubscriptionRequest) =>
        call<WebhookSubscription>('updateWebhook', { id }, { body: changes }),
      delete: (id: string) => call<null>('deleteWebhook', { id }),
      /** A new secret (in the answer); the old one also signs for 24 hours. */
      rotateSecret: (id: string, opts: { idempotencyKey?: string } = {}) =>
        call<WebhookSubscriptionWithSecret>('rotateWebhookSecret', { id }, { body: {}, ...opts }),
    },
  };
}

export type CharlaClient = ReturnType<typeof createCharlaClient>;
