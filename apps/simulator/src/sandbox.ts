import {
  InboundMessageSchema,
  type MessagingLimitTier,
  type ThroughputLevel,
  type WebhookError,
} from '@charla/cloud-api';
import { CustomerBook } from './customer-book';
import { buildSenderFields, type CustomerIdentityInput } from './customer-identity';
import { buildCustomerMessage, CustomerInputError, type CustomerMessageInput } from './customer-message';
import { buildIdentityChangeMessage, type IdentityChange } from './identity-change';
import { createWamid } from './ids';
import { MediaStore } from './media-store';
import { previewInboundMessage } from './message-preview';
import { type NumberBehaviour, type ResolvedBehaviour, resolveBehaviour } from './number-behaviour';
import {
  buildChatKey,
  type SandboxState,
  type SimCustomer,
  type SimMessage,
  type SimNumber,
} from './sandbox-state';
import type { Scheduler } from './scheduler';
import type { Clock } from './simulator-options';
import { type EmittedStatus, StatusLifecycle } from './status-lifecycle';
import { buildUserPreferencesPayload } from './template-webhooks';
import { WebhookBatcher } from './webhook-batcher';
import type { WebhookDispatcher } from './webhook-dispatcher';
import { buildInboundPayload, buildRawPayload, buildStatusPayload, toUnixSeconds } from './webhook-payloads';

export type RegisterNumberInput = {
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
  webhookUrl: string;
  verifiedName?: string | undefined;
  /** §7.7 portfolio messaging limit; default TIER_UNLIMITED (same as `setBehaviour`). */
  messagingLimit?: MessagingLimitTier | undefined;
  /** §7.4 throughput level: STANDARD (80 mps) or HIGH (1,000 mps). */
  throughput?: ThroughputLevel | undefined;
};

/** Identity fields (BSUID, username, hidden phone) are kept by the customer once given. */
export type SendAsCustomerInput = CustomerMessageInput &
  CustomerIdentityInput & {
    phoneNumberId: string;
    waId: string;
    name?: string | undefined;
  };

export type SendRawAsCustomerInput = {
  phoneNumberId: string;
  /** Delivered verbatim as `entry[0].changes[0].value`, signed like any webhook. */
  value: unknown;
  /** Defaults to `messages`. */
  field?: string | undefined;
};

type SandboxDeps = {
  state: SandboxState;
  clock: Clock;
  scheduler: Scheduler;
  dispatcher: WebhookDispatcher;
  /** Behaviour of numbers that did not set their own (see NumberBehaviour). */
  defaults: { delaysMs: { sent: number; delivered: number }; autoReadMs: number | null; mps: number };
  persist: () => void;
  /** Where this simulator is reachable, for media URLs in webhooks; null until it listens. */
  baseUrl: () => string | null;
};

const WINDOW_MS = 24 * 60 * 60 * 1000;
/** The typing indicator disappears after 25 s or at the next business message (§2.10). */
const TYPING_MS = 25_000;

export type CustomerSettings = CustomerIdentityInput & {
  reachable?: boolean | undefined;
  name?: string | undefined;
  /** true: marketing templates outside the window are accepted, then fail with 131049 (§7.8). */
  marketingCapped?: boolean | undefined;
};

export class UnknownNumberError extends Error {
  constructor(phoneNumberId: string) {
    super(`No simulated number ${phoneNumberId}; register it with PUT /_sim/numbers/${phoneNumberId}`);
  }
}

/** The simulated WhatsApp side: numbers, customers and their chats, windows, statuses and webhooks. */
export class Sandbox {
  readonly state: SandboxState;
  readonly clock: Clock;
  readonly lifecycle: StatusLifecycle;
  readonly media: MediaStore;
  private readonly deps: SandboxDeps;
  private readonly byWamid = new Map<string, SimMessage>();
  private readonly book: CustomerBook;
  private readonly behaviours = new Map<string, NumberBehaviour>();
  private readonly batcher: WebhookBatcher;

  constructor(deps: SandboxDeps) {
    this.deps = deps;
    this.state = deps.state;
    this.clock = deps.clock;
    for (const chat of Object.values(this.state.chats)) for (const m of chat) this.byWamid.set(m.wamid, m);
    this.book = new CustomerBook(this.state, deps.clock);
    this.media = new MediaStore({ persisted: this.state.media, clock: deps.clock, persist: deps.persist });
    this.batcher = new WebhookBatcher(deps.scheduler);
    this.lifecycle = new StatusLifecycle({
      scheduler: deps.scheduler,
      onStatus: (message, status, errors) => this.emitStatus(message, status, errors),
    });
  }

  /** Merges `patch` into the number's behaviour (a key set to undefined keeps its value). */
  setBehaviour(phoneNumberId: string, patch: NumberBehaviour): ResolvedBehaviour {
    this.requireNumber(phoneNumberId);
    const merged: NumberBehaviour = { ...this.behaviours.get(phoneNumberId) };
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) Object.assign(merged, { [key]: value });
    }
    this.behaviours.set(phoneNumberId, merged);
    return this.behaviour(phoneNumberId);
  }

  behaviour(phoneNumberId: string): ResolvedBehaviour {
    return resolveBehaviour(this.behaviours.get(phoneNumberId), this.deps.defaults);
  }

  /**
   * Creates or updates a simulated customer, e.g. `{ reachable: false }` to make sends fail with
   * 131026, `{ marketingCapped: true }` to make marketing templates fail with 131049.
   */
  setCustomer(phoneNumberId: string, waId: string, settings: CustomerSettings): SimCustomer {
    this.requireNumber(phoneNumberId);
    const identity = this.book.resolveIdentity(phoneNumberId, waId, settings);
    const customer = this.book.upsert(phoneNumberId, waId);
    this.book.applyIdentity(customer, identity);
    if (settings.reachable !== undefined) customer.reachable = settings.reachable;
    if (settings.marketingCapped !== undefined) customer.marketingCapped = settings.marketingCapped;
    if (settings.name !== undefined && settings.name.trim() !== '') customer.name = settings.name.trim();
    this.deps.persist();
    return customer;
  }

  findCustomer(phoneNumberId: string, waId: string): SimCustomer | null {
    return this.book.find(phoneNumberId, waId);
  }

  findCustomerByUserId(phoneNumberId: string, userId: string): SimCustomer | null {
    return this.book.findByUserId(phoneNumberId, userId);
  }

  /** The business marked a message read with `typing_indicator` (§2.10). */
  startTyping(phoneNumberId: string, waId: string): void {
    const customer = this.findCustomer(phoneNumberId, waId);
    if (customer) customer.typingUntil = this.clock.now() + TYPING_MS;
  }

  isTyping(phoneNumberId: string, waId: string): boolean {
    const until = this.findCustomer(phoneNumberId, waId)?.typingUntil ?? null;
    return until !== null && this.clock.now() < until;
  }

  /** The customer plays a voice note: `played` (after `read` if that was missing) once (§2.4). */
  playAsCustomer(phoneNumberId: string, waId: string, wamid: string): { played: boolean } {
    this.requireNumber(phoneNumberId);
    const message = this.findMessage(wamid);
    const content = message?.content as { voice?: unknown } | undefined;
    if (
      !message ||
      message.phoneNumberId !== phoneNumberId ||
      message.waId !== waId ||
      message.from !== 'business' ||
      message.type !== 'audio' ||
      content?.voice !== true
    ) {
      throw new CustomerInputError(`wamid: no voice note ${wamid} from the business in this chat`);
    }
    return { played: this.lifecycle.play(message) };
  }

  registerNumber(input: RegisterNumberInput): SimNumber {
    const { messagingLimit, throughput, ...fields } = input;
    const number: SimNumber = {
      ...fields,
      verifiedName: input.verifiedName ?? this.state.numbers[input.phoneNumberId]?.verifiedName ?? null,
      qualityRating: 'GREEN',
    };
    this.state.numbers[input.phoneNumberId] = number;
    if (messagingLimit !== undefined || throughput !== undefined) {
      this.setBehaviour(input.phoneNumberId, { messagingLimit, throughput });
    }
    this.deps.persist();
    return number;
  }

  /** The customer stops (or resumes) marketing messages: `user_preferences` webhook (§5.7, §8.12). */
  setMarketingOptOut(phoneNumberId: string, waId: string, stopped: boolean): SimCustomer {
    const number = this.requireNumber(phoneNumberId);
    const customer = this.book.upsert(phoneNumberId, waId);
    customer.marketingStopped = stopped;
    this.deps.persist();
    this.deliver(phoneNumberId, buildUserPreferencesPayload(number, customer, stopped, this.clock.now()));
    return customer;
  }

  /** A WABA-level webhook (templates): once to each distinct webhook URL of the WABA's numbers. */
  deliverToWaba(wabaId: string, payload: unknown): void {
    const seen = new Set<string>();
    for (const number of Object.values(this.state.numbers)) {
      if (number.wabaId !== wabaId || seen.has(number.webhookUrl)) continue;
      seen.add(number.webhookUrl);
      const { phoneNumberId } = number;
      this.deps.dispatcher.dispatch(() => this.resolveTarget(phoneNumberId), payload);
    }
  }

  findNumber(phoneNumberId: string): SimNumber | null {
    return this.state.numbers[phoneNumberId] ?? null;
  }

  requireNumber(phoneNumberId: string): SimNumber {
    const number = this.findNumber(phoneNumberId);
    if (number === null) throw new UnknownNumberError(phoneNumberId);
    return number;
  }

  findMessage(wamid: string): SimMessage | null {
    return this.byWamid.get(wamid) ?? null;
  }

  /**
   * A customer writes (text or any §5.4 message, optionally with an attachment): record it,
   * open/refresh their 24 h window and deliver the signed webhook. Throws CustomerInputError.
   */
  sendAsCustomer(input: SendAsCustomerInput): { wamid: string; mediaId?: string } {
    const number = this.requireNumber(input.phoneNumberId);
    const identity = this.book.resolveIdentity(input.phoneNumberId, input.waId, input);
    const now = this.clock.now();
    const wamid = createWamid();
    const { wire, stored } = buildCustomerMessage(input, {
      number,
      waId: input.waId,
      sender: buildSenderFields({ waId: input.waId, ...identity }),
      wamid,
      timestamp: toUnixSeconds(now),
      media: this.media,
      baseUrl: this.deps.baseUrl(),
      findMessage: (id) => this.findMessage(id),
    });
    const parsed = InboundMessageSchema.safeParse(wire);
    if (!parsed.success) throw new CustomerInputError('message is not a valid inbound message');
    const customer = this.book.upsert(input.phoneNumberId, input.waId);
    this.book.applyIdentity(customer, identity);
    if (input.name !== undefined && input.name.trim() !== '') customer.name = input.name.trim();
    // A number or BSUID change is WhatsApp speaking, not the customer: the window stays as it was.
    if (wire.type !== 'system') customer.lastInboundAt = now;
    const context = parsed.data.context;
    this.appendMessage({
      wamid,
      phoneNumberId: number.phoneNumberId,
      waId: input.waId,
      from: 'customer',
      type: String(wire.type),
      text: previewInboundMessage(wire),
      mediaId: stored?.id ?? null,
      status: 'received',
      version: null,
      replyTo: context?.id ?? null,
    });
    this.deliver(number.phoneNumberId, buildInboundPayload(number, customer, parsed.data));
    return { wamid, ...(stored && { mediaId: stored.id }) };
  }

  /**
   * WhatsApp announces a new phone number (and BSUID) or a new BSUID for a customer (§5.4 system
   * message, no `contacts`, window unchanged); afterwards the customer writes and is reached under
   * the new identity, with their chat. Throws CustomerInputError.
   */
  changeIdentity(
    phoneNumberId: string,
    waId: string,
    change: IdentityChange,
  ): { wamid: string; waId: string; userId: string } {
    const number = this.requireNumber(phoneNumberId);
    const customer = this.findCustomer(phoneNumberId, waId);
    if (!customer) throw new CustomerInputError(`no customer ${waId} writes to this number yet`);
    const userId = this.book.planIdentityChange(customer, change);
    const wamid = createWamid();
    const wire = buildIdentityChangeMessage(customer, change, userId, {
      wamid,
      timestamp: toUnixSeconds(this.clock.now()),
    });
    const parsed = InboundMessageSchema.parse(wire);
    this.appendMessage({
      wamid,
      phoneNumberId,
      waId,
      from: 'customer',
      type: 'system',
      text: previewInboundMessage(wire),
      mediaId: null,
      status: 'received',
      version: null,
      replyTo: null,
    });
    this.deliver(phoneNumberId, buildInboundPayload(number, customer, parsed));
    if (change.change === 'number') this.book.move(customer, change.waId);
    this.book.applyIdentity(customer, { ...customer, userId });
    this.deps.persist();
    return { wamid, waId: customer.waId, userId };
  }

  /** Delivers `value` verbatim as a signed webhook (nothing is recorded in the chat). */
  sendRawAsCustomer(input: SendRawAsCustomerInput): void {
    const number = this.requireNumber(input.phoneNumberId);
    this.deps.dispatcher.dispatch(
      () => this.resolveTarget(number.phoneNumberId),
      buildRawPayload(number, input.field ?? 'messages', input.value),
    );
  }

  /** The customer opens the chat: every business message to them becomes read, each once. */
  readAsCustomer(phoneNumberId: string, waId: string): { read: number } {
    this.requireNumber(phoneNumberId);
    let read = 0;
    for (const message of this.chat(phoneNumberId, waId)) {
      if (message.from === 'business' && this.lifecycle.advance(message, 'read')) read += 1;
    }
    return { read };
  }

  isWindowOpen(phoneNumberId: string, waId: string): boolean {
    const customer = this.state.customers[buildChatKey(phoneNumberId, waId)];
    if (customer?.lastInboundAt == null) return false;
    return this.clock.now() - customer.lastInboundAt < WINDOW_MS;
  }

  /**
   * Time passes for one customer (the sandbox's "close the 24-hour window now"): their last message
   * becomes a day old, so free-form sends are refused as outside the window until they write again.
   */
  closeWindow(phoneNumberId: string, waId: string): { windowOpen: false } {
    this.requireNumber(phoneNumberId);
    const customer = this.findCustomer(phoneNumberId, waId);
    const closedAt = this.clock.now() - WINDOW_MS;
    if (customer?.lastInboundAt != null && customer.lastInboundAt > closedAt) {
      customer.lastInboundAt = closedAt;
      this.deps.persist();
    }
    return { windowOpen: false };
  }

  /** Records a business message Meta accepted; the caller decides between lifecycle start and fail. */
  acceptBusinessMessage(input: {
    phoneNumberId: string;
    waId: string;
    type: string;
    text: string;
    content: unknown;
    mediaId: string | null;
    version: string;
    replyTo: string | null;
    bizOpaque?: string;
    pricing?: SimMessage['pricing'];
    recipientUserId?: string;
  }) {
    const customer = this.book.upsert(input.phoneNumberId, input.waId);
    customer.typingUntil = null;
    return this.appendMessage({ ...input, wamid: createWamid(), from: 'business', status: 'accepted' });
  }

  /**
   * A send to a BSUID no customer of the number has: accepted like Meta does, kept in no chat,
   * only to report its `failed` status (131026).
   */
  acceptForUnknownUserId(
    input: Omit<Parameters<Sandbox['acceptBusinessMessage']>[0], 'waId'> & { recipientUserId: string },
  ): SimMessage {
    const message: SimMessage = {
      ...input,
      waId: '',
      wamid: createWamid(),
      from: 'business',
      status: 'accepted',
      timestamp: this.clock.now(),
    };
    this.byWamid.set(message.wamid, message);
    return message;
  }

  chat(phoneNumberId: string, waId: string): SimMessage[] {
    return this.state.chats[buildChatKey(phoneNumberId, waId)] ?? [];
  }

  customers(phoneNumberId: string): SimCustomer[] {
    return this.book.list(phoneNumberId);
  }

  touch(): void {
    this.deps.persist();
  }

  private appendMessage(input: Omit<SimMessage, 'timestamp'>): SimMessage {
    const now = this.clock.now();
    const message: SimMessage = { ...input, timestamp: now };
    const key = buildChatKey(input.phoneNumberId, input.waId);
    this.state.chats[key] = [...(this.state.chats[key] ?? []), message];
    const customer = this.state.customers[key];
    if (customer) customer.lastMessageAt = now;
    this.byWamid.set(message.wamid, message);
    this.deps.persist();
    return message;
  }

  private emitStatus(message: SimMessage, status: EmittedStatus, errors?: WebhookError[]) {
    this.deps.persist();
    const number = this.findNumber(message.phoneNumberId);
    const customer = this.state.customers[buildChatKey(message.phoneNumberId, message.waId)] ?? null;
    // A send to an unknown BSUID has no customer; it only ever fails (§5.5: no contacts then).
    if (!number || (!customer && status !== 'failed')) return;
    const payload = buildStatusPayload(number, customer, message, {
      status,
      nowMs: this.clock.now(),
      ...(errors && { errors }),
    });
    this.deliver(number.phoneNumberId, payload);
    if (message.statusMode === 'duplicates') this.deliver(number.phoneNumberId, payload);
  }

  /** Every webhook goes out here: one POST each, or batched when the number asks for it. */
  private deliver(phoneNumberId: string, payload: Parameters<WebhookBatcher['add']>[1]) {
    const send = (body: unknown) =>
      this.deps.dispatcher.dispatch(() => this.resolveTarget(phoneNumberId), body);
    const { batch } = this.behaviour(phoneNumberId);
    if (batch === null) return send(payload);
    this.batcher.add(phoneNumberId, payload, batch, send);
  }

  private resolveTarget(phoneNumberId: string) {
    const number = this.findNumber(phoneNumberId);
    return number ? { url: number.webhookUrl, appSecret: number.appSecret } : null;
  }
}
