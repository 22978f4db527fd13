import type { WebhookError } from '@charla/cloud-api';
import { createWamid } from './ids';
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
import { buildInboundTextPayload, buildStatusPayload } from './webhook-payloads';

export type RegisterNumberInput = {
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
  webhookUrl: string;
  verifiedName?: string | undefined;
};

export type SendAsCustomerInput = {
  phoneNumberId: string;
  waId: string;
  text: string;
  name?: string | undefined;
};

type SandboxDeps = {
  state: SandboxState;
  clock: Clock;
  scheduler: Scheduler;
  dispatcher: WebhookDispatcher;
  lifecycle: { delaysMs: { sent: number; delivered: number }; autoReadMs: number | null };
  persist: () => void;
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
  private readonly deps: SandboxDeps;
  private readonly byWamid = new Map<string, SimMessage>();

  constructor(deps: SandboxDeps) {
    this.deps = deps;
    this.state = deps.state;
    this.clock = deps.clock;
    for (const chat of Object.values(this.state.chats)) for (const m of chat) this.byWamid.set(m.wamid, m);
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

  /** A customer writes: record it, open/refresh their 24 h window and deliver the signed webhook. */
  sendAsCustomer(input: SendAsCustomerInput): { wamid: string } {
    const number = this.requireNumber(input.phoneNumberId);
    const now = this.clock.now();
    const customer = this.upsertCustomer(input.phoneNumberId, input.waId);
    if (input.name !== undefined && input.name.trim() !== '') customer.name = input.name.trim();
    customer.lastInboundAt = now;
    const message = this.appendMessage({
      phoneNumberId: number.phoneNumberId,
      waId: input.waId,
      from: 'customer',
      text: input.text,
      status: 'received',
      version: null,
      replyTo: null,
    });
    this.deps.dispatcher.dispatch(
      () => this.resolveTarget(number.phoneNumberId),
      buildInboundTextPayload(number, customer, message),
    );
    return { wamid: message.wamid };
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
    return this.appendMessage({ ...input, from: 'business', status: 'accepted' });
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

  private appendMessage(input: Omit<SimMessage, 'wamid' | 'timestamp'>): SimMessage {
    const now = this.clock.now();
    const message: SimMessage = { ...input, wamid: createWamid(), timestamp: now };
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
