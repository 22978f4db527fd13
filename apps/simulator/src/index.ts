import type { AddressInfo } from 'node:net';
import type { TemplateQualityScore } from '@charla/cloud-api';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAdminRoutes, toChatItem } from './admin.routes';
import {
  applyTemplateStatus,
  registerAdminTemplateRoutes,
  type TemplateStatusBody,
  TemplateStatusBodySchema,
} from './admin-templates.routes';
import { registerGraphRoutes } from './graph.routes';
import { type IdentityChange, IdentityChangeSchema } from './identity-change';
import { registerMediaRoutes } from './media.routes';
import { MessagingLimits } from './messaging-limits';
import { type NumberBehaviour, NumberBehaviourSchema, type ResolvedBehaviour } from './number-behaviour';
import { registerPhoneRoutes } from './phone.routes';
import {
  type CustomerSettings,
  type RegisterNumberInput,
  Sandbox,
  type SendAsCustomerInput,
  type SendRawAsCustomerInput,
} from './sandbox';
import type { SimTemplate } from './sandbox-state';
import { Scheduler } from './scheduler';
import { SendLimits } from './send-limits';
import { type AcceptedSend, type SendRecord, SendsLog } from './sends-log';
import { resolveOptions, type SimulatorOptions } from './simulator-options';
import { createStateWriter, loadState } from './state-file';
import { TemplateRegistry } from './template-registry';
import { UploadSessions } from './upload-sessions';
import { type WebhookDeliveryAttempt, WebhookDispatcher } from './webhook-dispatcher';

export type { TemplateStatusBody } from './admin-templates.routes';
export type { CustomerIdentityInput } from './customer-identity';
export type { CustomerAttachment, CustomerMessageInput } from './customer-message';
export { CustomerInputError } from './customer-message';
export type { IdentityChange } from './identity-change';
export {
  type NumberBehaviour,
  NumberBehaviourSchema,
  type ResolvedBehaviour,
  STATUS_MODES,
  type StatusMode,
} from './number-behaviour';
export type {
  CustomerSettings,
  RegisterNumberInput,
  SendAsCustomerInput,
  SendRawAsCustomerInput,
} from './sandbox';
export type { SimTemplate } from './sandbox-state';
export type { PairRateLimit } from './send-limits';
export type { AcceptedSend, SendRecord } from './sends-log';
export {
  type Clock,
  DEFAULT_SUPPORTED_VERSIONS,
  type SimulatorOptions,
  type TemplateLimits,
} from './simulator-options';
export type { AdminTemplateEvent } from './template-registry';
export type { RenderedTemplate } from './template-send';
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
  /** The customer plays a voice note the business sent: `played` status (after `read`). */
  playAsCustomer(phoneNumberId: string, waId: string, wamid: string): { played: boolean };
  /**
   * Creates/updates a customer; `{ reachable: false }` makes every send to them fail with 131026,
   * `{ marketingCapped: true }` their marketing templates outside the window with 131049,
   * `{ userId, username, usernameOnly }` their BSUID identity. Throws CustomerInputError.
   */
  setCustomer(phoneNumberId: string, waId: string, settings: CustomerSettings): void;
  /**
   * WhatsApp announces the customer's new phone number (and BSUID) or new BSUID: a `system`
   * message, then they write under the new identity. Throws CustomerInputError.
   */
  changeCustomerIdentity(
    phoneNumberId: string,
    waId: string,
    change: IdentityChange,
  ): { wamid: string; waId: string; userId: string };
  /** Merges a number's status mode, delays, batching and mps; returns the behaviour now in force. */
  setBehaviour(phoneNumberId: string, behaviour: NumberBehaviour): ResolvedBehaviour;
  sends(phoneNumberId?: string): SendRecord[];
  chat(phoneNumberId: string, waId: string): ChatItem[];
  /** Every webhook POST attempt (the newest 100,000), including failed ones and retries. */
  webhookAttempts(): WebhookDeliveryAttempt[];
  /** Accepted sends (accept time in ms, recipient, type, template name), in accept order. */
  acceptedSends(filter?: { phoneNumberId?: string; sinceMs?: number }): AcceptedSend[];
  /** How many sends were accepted, in all or from one number: O(1), for polling under load. */
  acceptedCount(phoneNumberId?: string): number;
  /** The WABA's message templates, as Meta holds them. */
  templates(wabaId: string): SimTemplate[];
  /** Runs a PENDING template's review now instead of after `templateReviewMs`. */
  reviewTemplate(templateId: string): SimTemplate | null;
  /** Meta pauses, disables, reinstates… a template: status change + `message_template_status_update`. */
  setTemplateStatus(templateId: string, change: TemplateStatusBody): SimTemplate;
  /** New quality score + `message_template_quality_update`. */
  setTemplateQuality(templateId: string, score: TemplateQualityScore): SimTemplate;
  /** Time passes for this customer: their 24 h window closes now (free-form sends then fail with 131047). */
  closeWindow(phoneNumberId: string, waId: string): void;
  /** The customer stops (true) or resumes (false) marketing: `user_preferences` webhook; then 131050. */
  setMarketingOptOut(phoneNumberId: string, waId: string, stopped: boolean): void;
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
    defaults: { delaysMs: resolved.statusDelaysMs, autoReadMs: resolved.autoReadMs, mps: resolved.mps },
    persist: () => writer.schedule(),
    baseUrl,
  });
  const sendsLog = new SendsLog();
  const limits = new SendLimits();
  const messagingLimits = new MessagingLimits();
  const uploads = new UploadSessions();
  const templates = new TemplateRegistry({
    state,
    clock: resolved.clock,
    scheduler,
    reviewMs: resolved.templateReviewMs,
    limits: resolved.templateLimits,
    emit: (wabaId, payload) => sandbox.deliverToWaba(wabaId, payload),
    persist: () => writer.schedule(),
  });

  app.register(async (scope) =>
    registerGraphRoutes(scope, {
      sandbox,
      sendsLog,
      limits,
      templates,
      uploads,
      messagingLimits,
      messagingLimitErrorCode: resolved.messagingLimitErrorCode,
      supportedVersions: resolved.supportedVersions,
      windowMode: resolved.windowMode,
      throughputHttpStatus: resolved.throughputHttpStatus,
      pairRateLimit: resolved.pairRateLimit,
      baseUrl,
    }),
  );
  app.register(async (scope) => registerMediaRoutes(scope, { sandbox }));
  app.register(async (scope) => registerAdminRoutes(scope, { sandbox, sendsLog }));
  app.register(async (scope) => registerAdminTemplateRoutes(scope, { sandbox, templates, sendsLog }));
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
    closeWindow: (phoneNumberId, waId) => void sandbox.closeWindow(phoneNumberId, waId),
    playAsCustomer: (phoneNumberId, waId, wamid) => sandbox.playAsCustomer(phoneNumberId, waId, wamid),
    setCustomer: (phoneNumberId, waId, settings) => void sandbox.setCustomer(phoneNumberId, waId, settings),
    changeCustomerIdentity: (phoneNumberId, waId, change) =>
      sandbox.changeIdentity(phoneNumberId, waId, IdentityChangeSchema.parse(change)),
    setBehaviour: (phoneNumberId, behaviour) =>
      sandbox.setBehaviour(phoneNumberId, NumberBehaviourSchema.parse(behaviour)),
    sends: (phoneNumberId) => sendsLog.list(phoneNumberId),
    chat: (phoneNumberId, waId) => sandbox.chat(phoneNumberId, waId).map(toChatItem),
    webhookAttempts: () => [...dispatcher.attempts],
    acceptedSends: (filter) => sendsLog.accepted(filter),
    acceptedCount: (phoneNumberId) => sendsLog.acceptedCount(phoneNumberId),
    templates: (wabaId) => templates.list(wabaId),
    reviewTemplate: (templateId) => templates.review(templateId),
    setTemplateStatus: (templateId, change) =>
      applyTemplateStatus(templates, templateId, TemplateStatusBodySchema.parse(change)),
    setTemplateQuality: (templateId, score) => templates.setQuality(templateId, score),
    setMarketingOptOut: (phoneNumberId, waId, stopped) =>
      void sandbox.setMarketingOptOut(phoneNumberId, waId, stopped),
  };
}
