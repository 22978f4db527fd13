import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAdminRoutes, toChatItem } from './admin.routes';
import { registerGraphRoutes } from './graph.routes';
import { registerMediaRoutes } from './media.routes';
import { registerPhoneRoutes } from './phone.routes';
import {
  type RegisterNumberInput,
  Sandbox,
  type SendAsCustomerInput,
  type SendRawAsCustomerInput,
} from './sandbox';
import { Scheduler } from './scheduler';
import { type SendRecord, SendsLog } from './sends-log';
import { resolveOptions, type SimulatorOptions } from './simulator-options';
import { createStateWriter, loadState } from './state-file';
import { type WebhookDeliveryAttempt, WebhookDispatcher } from './webhook-dispatcher';

export type { CustomerAttachment, CustomerMessageInput } from './customer-message';
export { CustomerInputError } from './customer-message';
export type { RegisterNumberInput, SendAsCustomerInput, SendRawAsCustomerInput } from './sandbox';
export type { SendRecord } from './sends-log';
export { type Clock, DEFAULT_SUPPORTED_VERSIONS, type SimulatorOptions } from './simulator-options';
export type { WebhookDeliveryAttempt } from './webhook-dispatcher';

export type ChatItem = ReturnType<typeof toChatItem>;

export type Simulator = {
  app: FastifyInstance;
  /** Starts listening and resolves to the base URL, e.g. `http://127.0.0.1:4010`. */
  listen(options?: { host?: string; port?: number }): Promise<string>;
  close(): Promise<void>;
  registerNumber(input: RegisterNumberInput): void;
  /** Text or any §5.4 inbound message, optionally with an attachment; throws CustomerInputError. */
  sendAsCustomer(input: SendAsCustomerInput): { wamid: string; mediaId?: string };
  /** Delivers `value` verbatim (signed) as a `messages` change, for malformed/unknown payload tests. */
  sendRawAsCustomer(input: SendRawAsCustomerInput): void;
  readAsCustomer(phoneNumberId: string, waId: string): { read: number };
  sends(phoneNumberId?: string): SendRecord[];
  chat(phoneNumberId: string, waId: string): ChatItem[];
  /** Every webhook POST attempt, including failed ones and retries. */
  webhookAttempts(): WebhookDeliveryAttempt[];
};

/** "Meta in a box": Graph endpoints, simulated customers and signed webhooks in one Fastify app. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const resolved = resolveOptions(options);
  const app = Fastify({ logger: resolved.logger });
  const state = loadState(resolved.stateFile);
  const writer = createStateWriter(
    resolved.stateFile,
    () => state,
    (error) => app.log.error({ err: error }, 'state write failed'),
  );
  let listenedUrl: string | null = null;
  const baseUrl = () => resolved.publicUrl ?? listenedUrl;
  const scheduler = new Scheduler();
  const dispatcher = new WebhookDispatcher({
    retryDelaysMs: resolved.webhookRetryDelaysMs,
    timeoutMs: resolved.webhookTimeoutMs,
    onAttempt: (attempt) => {
      if (attempt.status !== 200)
        app.log.warn(
          { url: attempt.url, attempt: attempt.attempt, status: attempt.status, error: attempt.error },
          'webhook delivery failed',
        );
    },
  });
  const sandbox = new Sandbox({
    state,
    clock: resolved.clock,
    scheduler,
    dispatcher,
    lifecycle: { delaysMs: resolved.statusDelaysMs, autoReadMs: resolved.autoReadMs },
    persist: () => writer.schedule(),
    baseUrl,
  });
  const sendsLog = new SendsLog();

  app.register(async (scope) =>
    registerGraphRoutes(scope, {
      sandbox,
      sendsLog,
      supportedVersions: resolved.supportedVersions,
      windowMode: resolved.windowMode,
      baseUrl,
    }),
  );
  app.register(async (scope) => registerMediaRoutes(scope, { sandbox }));
  app.register(async (scope) => registerAdminRoutes(scope, { sandbox, sendsLog }));
  app.register(async (scope) => registerPhoneRoutes(scope, { sandbox }));

  let isClosed = false;
  return {
    app,
    async listen({ host = '127.0.0.1', port = 0 } = {}) {
      await app.listen({ host, port });
      const address = app.server.address() as AddressInfo;
      const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      listenedUrl = `http://${hostForUrl}:${address.port}`;
      return listenedUrl;
    },
    async close() {
      if (isClosed) return;
      isClosed = true;
      scheduler.cancelAll();
      await dispatcher.close();
      await app.close();
      await writer.flush();
    },
    registerNumber: (input) => void sandbox.registerNumber(input),
    sendAsCustomer: (input) => sandbox.sendAsCustomer(input),
    sendRawAsCustomer: (input) => sandbox.sendRawAsCustomer(input),
    readAsCustomer: (phoneNumberId, waId) => sandbox.readAsCustomer(phoneNumberId, waId),
    sends: (phoneNumberId) => sendsLog.list(phoneNumberId),
    chat: (phoneNumberId, waId) => sandbox.chat(phoneNumberId, waId).map(toChatItem),
    webhookAttempts: () => [...dispatcher.attempts],
  };
}
