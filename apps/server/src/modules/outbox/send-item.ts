import { MessageContentSchema } from '@charla/contracts';
import { NotSent, type OutboundMessage } from '../inbox';
import type { ChannelLane } from './channel-lane';
import type { ClaimedItem } from './claim-items';
import type { Admission } from './outage-backoff';
import type { OutboxDeps } from './outbox.deps';
import { outcomeOf, type SendOutcome } from './send-outcome';

/** Meta's callback data on a conversation message: its status webhook names it (see settle-in-doubt.ts). */
export const messageCallbackData = (messageId: string) => `msg:${messageId}`;

export type ItemOutcome =
  | (SendOutcome & { delayMs?: number })
  /** Nothing to send any more (the message left the queue, a newer reaction replaced this one). */
  | { kind: 'drop'; id: number }
  /** Never left Charla (the drain stopped, the lease was lost): back to the queue as it was. */
  | { kind: 'release'; id: number };

/** A read receipt that keeps failing is not worth more tries than this. */
const READ_RECEIPT_ATTEMPTS = 3;

/**
 * Hands one claimed send to WhatsApp through the number's lane: it waits for WhatsApp to be up,
 * for the customer's pair rate and for a pacer slot (ahead of bulk sends), right before the
 * request leaves. Never throws: every end is an outcome the results writer records.
 */
export async function sendItem(
  deps: OutboxDeps,
  lane: ChannelLane,
  item: ClaimedItem,
  isStopped: () => boolean,
): Promise<ItemOutcome> {
  const request = await requestOf(deps, lane, item).catch(
    (err): ItemOutcome => ({
      kind: 'retry',
      id: item.id,
      code: null,
      reason: `Charla could not prepare this message: ${err instanceof Error ? err.message : String(err)}`,
    }),
  );
  if ('kind' in request) return request;
  const to = request.to;
  let admission: Admission | null = null;
  let paced = false;
  let pairWaitMs = 0;
  const beforeRequest = async () => {
    admission = await lane.outage.admit(isStopped);
    if (!admission) return false;
    pairWaitMs = lane.pairs.delay(to);
    if (pairWaitMs > 0) return false;
    paced = await lane.pacer.acquire(isStopped, true);
    // WhatsApp started failing while this one waited for its slot: it waits for the probe.
    if (!paced || (admission === 'normal' && lane.outage.isStopped())) return false;
    lane.pairs.take(to);
    return true;
  };
  let outcome: ItemOutcome;
  try {
    if (item.kind === 'read_receipt') {
      if (!(await beforeRequest())) throw new NotSent();
      await deps.gateway.markRead({ channelId: lane.channelId, externalId: item.externalId! });
      outcome = { kind: 'sent', id: item.id, wamid: item.externalId!, at: deps.clock.now() };
    } else {
      const { externalId } = await deps.gateway.send({ ...request, beforeRequest });
      outcome = { kind: 'sent', id: item.id, wamid: externalId, at: deps.clock.now() };
    }
  } catch (err) {
    if (err instanceof NotSent) {
      if (admission === 'probe') lane.outage.probeNotSent();
      if (pairWaitMs > 0)
        return {
          kind: 'retry',
          id: item.id,
          code: null,
          reason: 'Waiting for WhatsApp’s limit of messages to one customer.',
          refund: true,
          delayMs: pairWaitMs,
        };
      return { kind: 'release', id: item.id };
    }
    outcome = outcomeOf(item.id, err);
    if (item.kind === 'read_receipt' && outcome.kind !== 'sent')
      outcome =
        item.attempts < READ_RECEIPT_ATTEMPTS
          ? { kind: 'retry', id: item.id, code: null, reason: 'Read receipt not sent.' }
          : { kind: 'drop', id: item.id };
    // A reaction sent twice is the same reaction: no need to wait for Meta's word.
    if (item.kind === 'reaction' && outcome.kind === 'in_doubt')
      outcome = { kind: 'retry', id: item.id, code: null, reason: 'No answer from WhatsApp.' };
  } finally {
    if (paced) lane.pacer.finished();
  }
  if (outcome.kind === 'drop') return outcome;
  const { counts } = lane.record(outcome);
  if (!counts && outcome.kind === 'retry') outcome = { ...outcome, refund: true };
  return outcome;
}

/** What to send for this item, or how it ends without sending. */
async function requestOf(
  deps: OutboxDeps,
  lane: ChannelLane,
  item: ClaimedItem,
): Promise<OutboundMessage | ItemOutcome> {
  const fail = (reason: string): ItemOutcome => ({ kind: 'failed', id: item.id, code: null, reason });
  const base = { channelId: lane.channelId, to: item.waId ?? '', replyToExternalId: null };
  switch (item.kind) {
    case 'read_receipt':
      if (!item.externalId || !item.waId) return { kind: 'drop', id: item.id };
      return { ...base, content: { type: 'text', body: '' } };
    case 'reaction': {
      const queuedAt = item.payload ? new Date(item.payload.reactedAt).getTime() : Number.NaN;
      // Replaced by a newer reaction (its own item sends it), or the message never reached WhatsApp.
      if (item.currentReactionAt?.getTime() !== queuedAt || !item.externalId || !item.waId)
        return { kind: 'drop', id: item.id };
      return {
        ...base,
        content: { type: 'reaction', targetExternalId: item.externalId, emoji: item.payload!.emoji },
      };
    }
    case 'message': {
      if (item.messageStatus !== 'queued' || item.externalId) return { kind: 'drop', id: item.id };
      if (!item.waId) return fail('This contact has no WhatsApp phone number we can send to.');
      const stored = MessageContentSchema.safeParse(item.content);
      const content = stored.success ? await deps.toOutboundContent(item.workspaceId, stored.data) : null;
      if (!content) return fail('Charla cannot send this kind of message.');
      return {
        ...base,
        content,
        replyToExternalId: item.replyToExternalId,
        callbackData: messageCallbackData(item.messageId),
      };
    }
  }
}
