import { InboundMessageSchema, type WebhookError } from '@charla/cloud-api';
import { buildCustomerMessage, CustomerInputError, type CustomerMessageInput } from './customer-message';
import { createWamid } from './ids';
import { MediaStore } from './media-store';
import { previewInboundMessage } from './message-preview';
import {
  buildChatKey,
  type SandboxState,
  type SimCustomer,
  type SimMessage,
  type SimNumber,
} from './sandbox-state';
import type { Scheduler } from './scheduler';
import type { Clock } from './simulator-options';
import { StatusLifecycle } from './status-lifecycle';
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
};

export type SendAsCustomerInput = CustomerMessageInput & {
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
  lifecycle: { delaysMs: { sent: number; delivered: number }; autoReadMs: number | null };
  persist: () => void;
  /** Where this simulator is reachable, for media URLs in webhooks; null until it listens. */
  baseUrl: () => string | null;
};

const WINDOW_MS = 24 * 60 * 60 * 1000;

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

  constructor(deps: SandboxDeps) {
    this.deps = deps;
    this.state = deps.state;
    this.clock = deps.clock;
    for (const chat of Object.values(this.state.chats)) for (const m of chat) this.byWamid.set(m.wamid, m);
    this.media = new MediaStore({ persisted: this.state.media, clock: deps.clock, persist: deps.persist });
    this.lifecycle = new StatusLifecycle({
      scheduler: deps.scheduler,
      ...deps.lifecycle,
      onStatus: (message, status, errors) => this.emitStatus(message, status, errors),
    });
  }

  registerNumber(input: RegisterNumberInput): SimNumber {
    const number: SimNumber = {
      ...input,
      verifiedName: input.verifiedName ?? this.state.numbers[input.phoneNumberId]?.verifiedName ?? null,
      qualityRating: 'GREEN',
    };
    this.state.numbers[input.phoneNumberId] = number;
    this.deps.persist();
    return number;
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
    const now = this.clock.now();
    const wamid = createWamid();
    const { wire, stored } = buildCustomerMessage(input, {
      number,
      waId: input.waId,
      wamid,
      timestamp: toUnixSeconds(now),
      media: this.media,
      baseUrl: this.deps.baseUrl(),
      findMessage: (id) => this.findMessage(id),
    });
    const parsed = InboundMessageSchema.safeParse(wire);
    if (!parsed.success) throw new CustomerInputError('message is not a valid inbound message');
    const customer = this.upsertCustomer(input.phoneNumberId, input.waId);
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
    this.deps.dispatcher.dispatch(
      () => this.resolveTarget(number.phoneNumberId),
      buildInboundPayload(number, customer, parsed.data),
    );
    return { wamid, ...(stored && { mediaId: stored.id }) };
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

  /** Records a business message Meta accepted; the caller decides between lifecycle start and fail. */
  acceptBusinessMessage(input: {
    phoneNumberId: string;
    waId: string;
    text: string;
    version: string;
    replyTo: string | null;
  }) {
    this.upsertCustomer(input.phoneNumberId, input.waId);
    return this.appendMessage({
      ...input,
      wamid: createWamid(),
      from: 'business',
      type: 'text',
      mediaId: null,
      status: 'accepted',
    });
  }

  chat(phoneNumberId: string, waId: string): SimMessage[] {
    return this.state.chats[buildChatKey(phoneNumberId, waId)] ?? [];
  }

  customers(phoneNumberId: string): SimCustomer[] {
    return Object.values(this.state.customers)
      .filter((customer) => customer.phoneNumberId === phoneNumberId)
      .sort((a, b) => b.lastMessageAt - a.lastMessageAt);
  }

  touch(): void {
    this.deps.persist();
  }

  private upsertCustomer(phoneNumberId: string, waId: string): SimCustomer {
    const key = buildChatKey(phoneNumberId, waId);
    const existing = this.state.customers[key];
    if (existing) return existing;
    const customer: SimCustomer = {
      phoneNumberId,
      waId,
      name: null,
      lastInboundAt: null,
      lastMessageAt: this.clock.now(),
    };
    this.state.customers[key] = customer;
    return customer;
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

  private emitStatus(
    message: SimMessage,
    status: 'sent' | 'delivered' | 'read' | 'failed',
    errors?: WebhookError[],
  ) {
    this.deps.persist();
    const number = this.findNumber(message.phoneNumberId);
    const customer = this.state.customers[buildChatKey(message.phoneNumberId, message.waId)];
    if (!number || !customer) return;
    const payload = buildStatusPayload(number, customer, message, {
      status,
      nowMs: this.clock.now(),
      ...(errors && { errors }),
    });
    this.deps.dispatcher.dispatch(() => this.resolveTarget(number.phoneNumberId), payload);
  }

  private resolveTarget(phoneNumberId: string) {
    const number = this.findNumber(phoneNumberId);
    return number ? { url: number.webhookUrl, appSecret: number.appSecret } : null;
  }
}
