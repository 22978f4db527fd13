import { type GraphApiError, graphErrors, REENGAGEMENT_DETAILS } from './graph-error';
import { isRecord, validateOutbound } from './outbound-validation';
import { parseRecipient, toDigits } from './phone-format';
import type { Sandbox } from './sandbox';
import type { SimNumber } from './sandbox-state';

export type GraphResponse = { status: number; body: unknown };

type MessagesContext = { sandbox: Sandbox; windowMode: 'async' | 'sync'; version: string; number: SimNumber };

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
  const { sandbox, number } = context;
  const recipient = parseRecipient(body.to);
  if (!recipient.ok) return toErrorResponse(recipient.error);
  const validated = validateOutbound(body);
  if (!validated.ok) return toErrorResponse(validated.error);
  if (recipient.waId === toDigits(number.displayPhoneNumber))
    return toErrorResponse(graphErrors.recipientIsSender());

  const isWindowOpen = sandbox.isWindowOpen(number.phoneNumberId, recipient.waId);
  const isRefused = !isWindowOpen && !validated.value.isAllowedOutsideWindow;
  if (isRefused && context.windowMode === 'sync') return toErrorResponse(graphErrors.reengagement());

  const replyTo =
    isRecord(body.context) && typeof body.context.message_id === 'string' ? body.context.message_id : null;
  const message = sandbox.acceptBusinessMessage({
    phoneNumberId: number.phoneNumberId,
    waId: recipient.waId,
    text: validated.value.preview,
    version: context.version,
    replyTo,
  });
  if (isRefused) {
    sandbox.lifecycle.fail(message, {
      code: 131047,
      title: 'Re-engagement message',
      message: 'Re-engagement message',
      error_data: { details: REENGAGEMENT_DETAILS },
      href: '/documentation/business-messaging/whatsapp/support/error-codes',
    });
  } else {
    sandbox.lifecycle.start(message);
  }
  return {
    status: 200,
    body: {
      messaging_product: 'whatsapp',
      contacts: [{ input: body.to, wa_id: recipient.waId }],
      messages: [{ id: message.wamid }],
    },
  };
}

function handleMarkRead(context: MessagesContext, body: Record<string, unknown>): GraphResponse {
  if (body.status !== 'read')
    return toErrorResponse(graphErrors.invalidParameter("Param status must be 'read'."));
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
