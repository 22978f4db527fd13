import type { ApiEnrolled, ApiEnrollRequest, ApiFlowStarted, ApiStartFlowRequest } from '@charla/contracts';
import { AppError, notFound } from '../../../platform/errors';
import { enrollInSequence, enrolResultOrThrow, startFlowForCustomer } from '../../automation';
import { findOrAddContact, workspaceViewer } from '../../inbox';
import type { ApiCaller, ApiDeps } from '../api.deps';
import { keyActor } from './v1-route-kit';

/** The key as automation's actor: the whole workspace's view, named by the key in the audit log. */
const automationActor = (caller: ApiCaller) => ({
  ...workspaceViewer(caller.workspaceId),
  ip: caller.ip,
  label: keyActor(caller).label,
});

/** Whom the request names: a contact id or a phone, one of the two. */
function customerOf(body: { contactId?: string | undefined; phone?: string | undefined }) {
  if (body.contactId) return { to: body.contactId, path: 'contactId' };
  if (body.phone) return { to: body.phone, path: 'phone' };
  throw new AppError('invalid', 'validation_failed', 'Say whom: a contactId or a phone.', [
    { path: 'contactId', message: 'contactId or phone is required' },
    { path: 'phone', message: 'contactId or phone is required' },
  ]);
}

/**
 * POST /api/v1/flows/:id/start: a published bot starts in the customer's conversation with the
 * number (opened as needed), queued for the automation worker as a member's "Start bot" is.
 * What would stop it is said now: no such flow, not published, the contact opted out, a bot
 * already running there.
 */
export async function startApiFlow(
  deps: ApiDeps,
  caller: ApiCaller,
  flowId: string,
  body: ApiStartFlowRequest,
): Promise<ApiFlowStarted> {
  const customer = customerOf(body);
  const { conversationId, contactId } = await startFlowForCustomer(deps, automationActor(caller), flowId, {
    channelId: body.channel,
    to: customer.to,
    path: customer.path,
  });
  return { flowId, conversationId, contactId, status: 'queued' };
}

/**
 * POST /api/v1/sequences/:id/enrollments: one contact (by id, or a phone: found in any of its
 * forms or added) into a sequence, through the one enrolment every caller uses.
 */
export async function enrollApiContact(
  deps: ApiDeps,
  caller: ApiCaller,
  sequenceId: string,
  body: ApiEnrollRequest,
): Promise<ApiEnrolled> {
  const customer = customerOf(body);
  const contactId =
    customer.path === 'phone'
      ? (await findOrAddContact(deps.inbox, caller.workspaceId, customer.to, { path: 'phone' })).id
      : customer.to;
  const result = enrolResultOrThrow(
    await deps.db.transaction((query) =>
      enrollInSequence(query, {
        workspaceId: caller.workspaceId,
        sequenceId,
        contactIds: [contactId],
        by: 'api',
        at: deps.clock.now(),
      }),
    ),
  );
  if (result.optedOut > 0) {
    throw new AppError(
      'unprocessable',
      'contact_opted_out',
      'This contact opted out of messages from the business; Charla does not enrol them in sequences.',
      [{ path: customer.path, message: 'The contact opted out' }],
    );
  }
  if (result.enrolled > 0) {
    deps.automation.wakeAutomation();
    return { sequenceId, contactId, status: 'enrolled' };
  }
  if (result.alreadyEnrolled > 0) return { sequenceId, contactId, status: 'already_enrolled' };
  throw notFound('contact');
}
