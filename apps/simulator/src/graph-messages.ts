import type { WebhookError } from '@charla/cloud-api';
import { type GraphApiError, graphErrors, webhookErrors } from './graph-error';
import type { MessagingLimits } from './messaging-limits';
import { checkMediaIds, resolveMediaAsync } from './outbound-media';
import { isRecord, type ValidatedOutbound, validateOutbound } from './outbound-validation';
import { toDigits } from './phone-format';
import type { Sandbox } from './sandbox';
import type { SimMessage, SimNumber } from './sandbox-state';
import type { PairRateLimit, SendLimits } from './send-limits';
import { describeContact, resolveSendTarget, type SendTarget } from './send-recipient';
import type { AcceptedSend } from './sends-log';
import { templateWebhookErrors } from './template-errors';
import type { TemplateRegistry } from './template-registry';
import { checkTemplateSend, type RenderedTemplate } from './template-send';

export type GraphResponse = {
  status: number;
  body: unknown;
  /** Set when Meta accepted a send: what the sends log keeps for fast queries. */
  accepted?: AcceptedSend;
};

export type MessagesContext = {
  sandbox: Sandbox;
  limits: SendLimits;
  windowMode: 'async' | 'sync';
  throughputHttpStatus: 400 | 429;
  pairRateLimit: PairRateLimit | null;
  version: string;
  number: SimNumber;
  templates: TemplateRegistry;
  messagingLimits: MessagingLimits;
  /** §8.11: async error code when the portfolio's messaging limit is reached (default 131049). */
  messagingLimitErrorCode: number;
};

type TemplateSend = { name: string; language: string; category: string; rendered: RenderedTemplate };

const REACTION_TARGET_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export function toErrorResponse(error: GraphApiError): GraphResponse {
  return { status: error.init.httpStatus, body: error.toEnvelope() };
}

/** POST /{version}/{phone-number-id}/messages after auth: a send or a mark-as-read (§2, §2.10, §8). */
export function handleMessagesPost(context: MessagesContext, rawBody: string): GraphResponse {
  const body = parseJsonObject(rawBody);
  if (body === null)
    return toErrorResponse(graphErrors.invalidParameter('The request body must be a JSON object.'));
  if (body.messaging_product !== 'whatsapp') {
    return toErrorResponse(graphErrors.invalidParameter('The parameter messaging_product is required.'));
  }
  if (body.status !== undefined) return handleMarkRead(context, body);
  return handleSend(context, body);
}

function handleSend(context: MessagesContext, body: Record<string, unknown>): GraphResponse {
  const { sandbox, number, limits } = context;
  const resolved = resolveSendTarget(sandbox, number.phoneNumberId, body);
  if (!resolved.ok) return toErrorResponse(resolved.error);
  const target = resolved.target;
  const validated = validateOutbound(body);
  if (!validated.ok) return toErrorResponse(validated.error);
  if (target.kind === 'customer' && target.waId === toDigits(number.displayPhoneNumber))
    return toErrorResponse(graphErrors.recipientIsSender());
  const now = sandbox.clock.now();
  const mediaError = checkMediaIds(validated.value.media, {
    store: sandbox.media,
    phoneNumberId: number.phoneNumberId,
    nowMs: now,
  });
  if (mediaError) return toErrorResponse(mediaError);
  let template: TemplateSend | null = null;
  if (validated.value.type === 'template') {
    const checked = checkTemplateSend(context.templates, number.wabaId, validated.value.content);
    if (!checked.ok) return toErrorResponse(checked.error);
    const { name, language, category } = checked.value.template;
    template = { name, language, category, rendered: checked.value.rendered };
    // Meta's authentication templates always carry a one-tap, zero-tap or copy-code button.
    const isToBsuid = target.kind === 'unknown-user-id' || target.userId !== null;
    if (category === 'AUTHENTICATION' && isToBsuid) {
      return toErrorResponse(graphErrors.bsuidRecipientNotSupported());
    }
  }

  const behaviour = sandbox.behaviour(number.phoneNumberId);
  if (behaviour.outage) return toErrorResponse(graphErrors.outage(behaviour.outage));
  if (!limits.isWithinThroughput(number.phoneNumberId, now, behaviour.mps)) {
    return toErrorResponse(graphErrors.throughput(context.throughputHttpStatus));
  }
  const pairKey = `${number.phoneNumberId}:${target.kind === 'customer' ? target.waId : target.userId}`;
  if (context.pairRateLimit && !limits.isWithinPairRate(pairKey, now, context.pairRateLimit)) {
    return toErrorResponse(graphErrors.pairRate());
  }
  if (target.kind === 'unknown-user-id') {
    limits.record(number.phoneNumberId, pairKey, now, context.pairRateLimit);
    return acceptForUnknownUserId(context, body, target, validated.value, template);
  }
  const recipient = target;

  const isWindowOpen = sandbox.isWindowOpen(number.phoneNumberId, recipient.waId);
  const isRefused = !isWindowOpen && !validated.value.isAllowedOutsideWindow;
  if (isRefused && context.windowMode === 'sync') return toErrorResponse(graphErrors.reengagement());

  limits.record(number.phoneNumberId, pairKey, now, context.pairRateLimit);
  const replyTo =
    isRecord(body.context) && typeof body.context.message_id === 'string' ? body.context.message_id : null;
  const idMedia = validated.value.media.find((ref) => ref.id !== undefined);
  const message = sandbox.acceptBusinessMessage({
    phoneNumberId: number.phoneNumberId,
    waId: recipient.waId,
    type: validated.value.type,
    text: template ? template.rendered.body : validated.value.preview,
    content: template
      ? { ...(validated.value.content as object), rendered: template.rendered }
      : validated.value.content,
    mediaId: idMedia?.id ?? null,
    version: context.version,
    replyTo,
    ...(typeof body.biz_opaque_callback_data === 'string' && { bizOpaque: body.biz_opaque_callback_data }),
    ...(template && { pricing: templatePricing(template.category, isWindowOpen) }),
    ...(target.userId !== null && { recipientUserId: target.userId }),
  });
  const immediateFailure = isRefused
    ? webhookErrors.reengagement()
    : (findImmediateFailure(sandbox, message, validated.value) ??
      (template &&
        findTemplateFailure(context, message, template.category, isWindowOpen, behaviour.messagingLimit)));
  void settle(context, message, validated.value, immediateFailure);
  return {
    status: 200,
    body: {
      messaging_product: 'whatsapp',
      contacts: [describeContact(target, body)],
      messages: [{ id: message.wamid, ...(template && { message_status: 'accepted' }) }],
    },
    accepted: {
      atMs: now,
      phoneNumberId: number.phoneNumberId,
      wamid: message.wamid,
      waId: recipient.waId,
      ...(target.userId !== null && { userId: target.userId }),
      type: validated.value.type,
      templateName: template?.name ?? null,
    },
  };
}

/**
 * A BSUID no customer of this number has: Meta cannot tell before trying, so it accepts the send
 * and reports it `failed` with 131026 (like any unreachable user, §8.12), whatever the window.
 */
function acceptForUnknownUserId(
  context: MessagesContext,
  body: Record<string, unknown>,
  target: Extract<SendTarget, { kind: 'unknown-user-id' }>,
  validated: ValidatedOutbound,
  template: TemplateSend | null,
): GraphResponse {
  const { sandbox, number } = context;
  const message = sandbox.acceptForUnknownUserId({
    phoneNumberId: number.phoneNumberId,
    type: validated.type,
    text: template ? template.rendered.body : validated.preview,
    content: validated.content,
    mediaId: null,
    version: context.version,
    replyTo: null,
    recipientUserId: target.userId,
    ...(typeof body.biz_opaque_callback_data === 'string' && { bizOpaque: body.biz_opaque_callback_data }),
  });
  sandbox.lifecycle.fail(
    message,
    webhookErrors.undeliverable(),
    sandbox.behaviour(number.phoneNumberId).delaysMs.sent,
  );
  return {
    status: 200,
    body: {
      messaging_product: 'whatsapp',
      contacts: [describeContact(target, body)],
      messages: [{ id: message.wamid, ...(template && { message_status: 'accepted' }) }],
    },
    accepted: {
      atMs: message.timestamp,
      phoneNumberId: number.phoneNumberId,
      wamid: message.wamid,
      waId: target.userId,
      userId: target.userId,
      type: validated.type,
      templateName: template?.name ?? null,
    },
  };
}

/** §8.9: templates are billed by category, except utility inside an open window. */
function templatePricing(category: string, isWindowOpen: boolean) {
  const lower = category.toLowerCase();
  if (isWindowOpen && lower === 'utility')
    return { billable: false, type: 'free_customer_service', category: lower };
  return { billable: true, type: 'regular', category: lower };
}

/** §8.11, §8.12: opted-out customers and the portfolio's messaging limit fail after the 200. */
function findTemplateFailure(
  context: MessagesContext,
  message: SimMessage,
  category: string,
  isWindowOpen: boolean,
  tier: Parameters<MessagingLimits['admit']>[3],
): WebhookError | null {
  const customer = context.sandbox.findCustomer(message.phoneNumberId, message.waId);
  if (category === 'MARKETING' && customer?.marketingStopped === true)
    return templateWebhookErrors.marketingStopped();
  if (isWindowOpen) return null;
  // Messages inside a customer-initiated window do not count towards the per-user cap (§7.8).
  if (category === 'MARKETING' && customer?.marketingCapped === true)
    return templateWebhookErrors.marketingCap();
  const admitted = context.messagingLimits.admit(
    context.number.wabaId,
    message.waId,
    message.timestamp,
    tier,
  );
  return admitted ? null : templateWebhookErrors.messagingLimit(context.messagingLimitErrorCode);
}

/** Failures known at acceptance that Meta still reports only by webhook (§8.12, §8.15). */
function findImmediateFailure(
  sandbox: Sandbox,
  message: SimMessage,
  validated: ValidatedOutbound,
): WebhookError | null {
  if (sandbox.findCustomer(message.phoneNumberId, message.waId)?.reachable === false) {
    return webhookErrors.undeliverable();
  }
  if (validated.reaction) {
    const target = sandbox.findMessage(validated.reaction.messageId);
    const isValidTarget =
      target !== null &&
      target.phoneNumberId === message.phoneNumberId &&
      target.waId === message.waId &&
      target.type !== 'reaction' &&
      sandbox.clock.now() - target.timestamp <= REACTION_TARGET_MAX_AGE_MS;
    if (!isValidTarget) return webhookErrors.invalidReactionTarget();
  }
  return null;
}

/** After the 200: fetch/check media, then either run the status lifecycle or report `failed`. */
async function settle(
  context: MessagesContext,
  message: SimMessage,
  validated: ValidatedOutbound,
  immediateFailure: WebhookError | null,
): Promise<void> {
  const { sandbox, number } = context;
  const behaviour = sandbox.behaviour(number.phoneNumberId);
  let failure = immediateFailure;
  if (failure === null && validated.media.length > 0) {
    const resolved = await resolveMediaAsync(validated.media, {
      store: sandbox.media,
      phoneNumberId: number.phoneNumberId,
      nowMs: sandbox.clock.now(),
    });
    if ('error' in resolved) failure = resolved.error;
    else if (resolved.media && message.mediaId === null) {
      message.mediaId = resolved.media.id;
      sandbox.touch();
    }
  }
  if (failure) sandbox.lifecycle.fail(message, failure, behaviour.delaysMs.sent);
  else sandbox.lifecycle.start(message, behaviour);
}

function handleMarkRead(context: MessagesContext, body: Record<string, unknown>): GraphResponse {
  if (body.status !== 'read')
    return toErrorResponse(graphErrors.invalidParameter("Param status must be 'read'."));
  const typing = body.typing_indicator;
  if (typing !== undefined && !(isRecord(typing) && typing.type === 'text')) {
    return toErrorResponse(graphErrors.invalidParameter("Param typing_indicator['type'] must be 'text'."));
  }
  if (typeof body.message_id !== 'string' || body.message_id === '') {
    return toErrorResponse(graphErrors.missingParameter('The parameter message_id is required.'));
  }
  const target = context.sandbox.findMessage(body.message_id);
  if (
    target === null ||
    target.phoneNumberId !== context.number.phoneNumberId ||
    target.from !== 'customer'
  ) {
    return toErrorResponse(
      graphErrors.invalidParameter(`Message ${body.message_id} was not found for this number.`),
    );
  }
  // Reading one message reads the earlier ones in the thread too (§2.10).
  for (const message of context.sandbox.chat(target.phoneNumberId, target.waId)) {
    if (message.from === 'customer') message.status = 'read';
    if (message === target) break;
  }
  if (typing !== undefined) context.sandbox.startTyping(target.phoneNumberId, target.waId);
  context.sandbox.touch();
  return { status: 200, body: { success: true } };
}

function parseJsonObject(rawBody: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(rawBody);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
