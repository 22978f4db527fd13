import type { TemplateValues, TestSendRequest } from '@charla/contracts';
import { AppError } from '../../platform/errors';
import type { AuthContext } from '../auth';
import { workspaceDefaultCountry } from '../contacts';
import { SendFailure } from '../inbox';
import { checkBroadcastInput } from './broadcast-input';
import type { BroadcastsDeps } from './broadcasts.deps';
import { recipientContent } from './record-sent';
import { assertManager } from './save-broadcast';

/**
 * Sends the template once to a phone of the team's (e.g. the author's own) with each attribute
 * variable's fallback, so they see the real message before thousands do. Not recorded in a
 * conversation; Meta's refusal comes back as the error.
 */
export async function testSend(
  deps: BroadcastsDeps,
  actor: Pick<AuthContext, 'workspaceId' | 'userId' | 'role'>,
  request: TestSendRequest,
): Promise<{ to: string; externalId: string }> {
  assertManager(actor);
  const template = await checkBroadcastInput(deps, actor, request);
  // A number typed without + is read in the workspace's country, as everywhere else.
  const country = (await workspaceDefaultCountry(deps, actor.workspaceId)) ?? '';
  const number = deps.normalizePhone(request.phone, country);
  if (!number.ok)
    throw new AppError(
      'invalid',
      'validation_failed',
      `"${request.phone}" is not a valid phone number: ${number.reason}.`,
      [{ path: 'phone', message: 'not a valid phone number' }],
    );
  const pick = (s: TestSendRequest['variables']['header']) =>
    s === null ? null : s.source === 'text' ? s.value : s.fallback || `[${s.key}]`;
  const map = (r: Record<string, TestSendRequest['variables']['header']>) =>
    Object.fromEntries(Object.entries(r).map(([k, s]) => [k, pick(s) ?? '']));
  const values: TemplateValues = {
    header: pick(request.variables.header),
    headerMediaId: request.variables.headerMediaId,
    body: map(request.variables.body),
    buttons: map(request.variables.buttons),
  };
  const content = await deps.toOutboundContent(actor.workspaceId, recipientContent(template, values));
  if (!content)
    throw new AppError(
      'unprocessable',
      'template_not_sendable',
      'Charla cannot send this template (its header file is missing?).',
    );
  try {
    const { externalId } = await deps.gateway.send({
      channelId: request.channelId,
      to: number.waId,
      content,
      replyToExternalId: null,
    });
    return { to: number.phone, externalId };
  } catch (err) {
    if (err instanceof SendFailure)
      throw new AppError(
        'unprocessable',
        'send_failed',
        `WhatsApp did not send the test: ${err.error.reason}`,
      );
    throw err;
  }
}
