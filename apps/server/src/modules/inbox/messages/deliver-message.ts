import { type MessageContent, MessageContentSchema, type MessageError } from '@charla/contracts';
import type { JobAttempt } from '../../../platform/jobs/job-queue';
import type { InboxDeps } from '../inbox.deps';
import { type OutboundContent, type OutboundFile, SendFailure } from '../inbox.ports';
import { applyStoredStatuses } from './apply-stored-statuses';
import { applyPendingReactions } from './record-reactions';

export const SEND_MESSAGE_JOB = 'inbox.send-message';

/**
 * The sender worker: hands one queued message to its channel. The claim (send_attempted_at)
 * makes a second run a no-op, because the Cloud API has no idempotency key and a retried
 * POST would message the customer twice. Only a failure the channel says reached no one
 * (throughput, outage, connection refused) releases the claim for the queue's next attempt.
 */
export async function deliverMessage(
  deps: InboxDeps,
  messageId: string,
  attempt: JobAttempt = { retryCount: 0, isLast: true },
): Promise<void> {
  const [claimed] = await deps.db.query<{
    workspace_id: string;
    conversation_id: string;
    channel_id: string;
    content: unknown;
    reply_to_external_id: string | null;
    wa_id: string | null;
  }>(
    `UPDATE messages m SET send_attempted_at = $2
       FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
      WHERE m.id = $1 AND c.id = m.conversation_id AND m.status = 'queued' AND m.send_attempted_at IS NULL
      RETURNING m.workspace_id, m.conversation_id, m.channel_id, m.content, m.reply_to_external_id, ct.wa_id`,
    [messageId, deps.clock.now()],
  );
  if (!claimed) return;
  const change = { workspaceId: claimed.workspace_id, conversationId: claimed.conversation_id, messageId };
  const fail = async (error: MessageError) => {
    await failMessage(deps, messageId, error);
    await deps.notify([{ kind: 'message.updated', ...change }]);
  };
  if (!claimed.wa_id) {
    return fail({
      code: null,
      reason: 'This contact has no WhatsApp phone number we can send to.',
      details: null,
    });
  }
  const stored = MessageContentSchema.safeParse(claimed.content);
  const content = stored.success ? await toOutboundContent(deps, claimed.workspace_id, stored.data) : null;
  if (!content) {
    return fail({ code: null, reason: 'Charla cannot send this kind of message.', details: null });
  }
  try {
    const { externalId } = await deps.gateway.send({
      channelId: claimed.channel_id,
      to: claimed.wa_id,
      content,
      replyToExternalId: claimed.reply_to_external_id,
    });
    const key = { channelId: claimed.channel_id, externalId };
    const changes = await deps.db.transaction(async (query) => {
      await query(
        `UPDATE messages SET external_id = $2, status = 'accepted' WHERE id = $1 AND status = 'queued'`,
        [messageId, externalId],
      );
      // Meta's status webhook may have arrived before we stored the wamid: apply it now.
      const statuses = await applyStoredStatuses(query, [key]);
      // The customer may even have reacted to it already.
      const reactions = await applyPendingReactions(query, [{ channelId: claimed.channel_id, externalId }]);
      return [...statuses, ...reactions];
    });
    // ...or while we stored it, unseen by this transaction: once more now that it is committed.
    const late = await applyStoredStatuses(deps.db.query, [key]);
    const lateReactions = await applyPendingReactions(deps.db.query, [key]);
    await deps.notify([{ kind: 'message.updated', ...change }, ...changes, ...late, ...lateReactions]);
  } catch (err) {
    if (err instanceof SendFailure && err.retryable && !attempt.isLast) {
      // Nothing reached the customer: release the claim and let the queue retry with backoff.
      await deps.db.query('UPDATE messages SET send_attempted_at = NULL WHERE id = $1', [messageId]);
      throw err;
    }
    await fail(
      err instanceof SendFailure
        ? err.retryable
          ? gaveUp(err.error, attempt.retryCount + 1)
          : err.error
        : {
            code: null,
            reason: 'Charla could not send this message.',
            details: err instanceof Error ? err.message : String(err),
          },
    );
  }
}

/** A retryable failure that outlasted every retry: say so instead of promising another try. */
function gaveUp(error: MessageError, attempts: number): MessageError {
  const what = error.reason.split('. ')[0]!.replace(/\.$/, '');
  return {
    ...error,
    reason: `${what}. Charla tried ${attempts} times without success; send it again later.`,
  };
}

/** The stored content as the channel port takes it; a file is read from storage only if needed. */
export async function toOutboundContent(
  deps: Pick<InboxDeps, 'db' | 'media'>,
  workspaceId: string,
  content: MessageContent,
): Promise<OutboundContent | null> {
  switch (content.type) {
    case 'text':
    case 'location':
    case 'contacts':
    case 'interactive':
      return content.type === 'location'
        ? {
            type: 'location',
            latitude: content.latitude,
            longitude: content.longitude,
            name: content.name,
            address: content.address,
          }
        : content;
    case 'image':
    case 'video':
    case 'document':
    case 'audio':
    case 'sticker': {
      const file = await outboundFile(deps, workspaceId, content.media.id);
      return file && { type: content.type, file, caption: content.caption, voice: content.voice };
    }
    case 'template': {
      const mediaId = content.template.values.headerMediaId;
      const headerFile = mediaId ? await outboundFile(deps, workspaceId, mediaId) : null;
      return mediaId && !headerFile ? null : { type: 'template', template: content.template, headerFile };
    }
    default:
      return null;
  }
}

async function outboundFile(
  deps: Pick<InboxDeps, 'db' | 'media'>,
  workspaceId: string,
  mediaId: string,
): Promise<OutboundFile | null> {
  const [row] = await deps.db.query<{
    mime_type: string;
    filename: string | null;
    storage_key: string | null;
    external_id: string | null;
    external_uploaded_at: Date | null;
  }>(
    `SELECT mime_type, filename, storage_key, external_id, external_uploaded_at FROM media
      WHERE workspace_id = $1 AND id = $2 AND state = 'ready'`,
    [workspaceId, mediaId],
  );
  if (!row?.storage_key) return null;
  const storageKey = row.storage_key;
  return {
    mediaId,
    mimeType: row.mime_type,
    filename: row.filename,
    uploaded:
      row.external_id && row.external_uploaded_at
        ? { externalId: row.external_id, at: new Date(row.external_uploaded_at) }
        : null,
    async read() {
      const stored = await deps.media.get(storageKey);
      if (!stored) throw new Error(`The file ${mediaId} is no longer in storage`);
      const chunks: Buffer[] = [];
      for await (const chunk of stored.stream) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
    async remember(externalId, at) {
      await deps.db.query(
        'UPDATE media SET external_id = $3, external_uploaded_at = $4, updated_at = now() WHERE workspace_id = $1 AND id = $2',
        [workspaceId, mediaId, externalId, at],
      );
    },
  };
}

async function failMessage(deps: Pick<InboxDeps, 'db'>, messageId: string, error: MessageError) {
  await deps.db.query(
    `UPDATE messages SET status = 'failed', error = $2::jsonb WHERE id = $1 AND status = 'queued'`,
    [messageId, JSON.stringify(error)],
  );
}

/**
 * After a crash: queue what was stored but never handed to the queue, and fail what was
 * handed to the channel with no answer (it may have reached Meta; sending again could
 * duplicate it, so a person decides).
 */
export async function recoverStrandedSends(deps: InboxDeps): Promise<number> {
  const now = deps.clock.now();
  const unsent = await deps.db.query<{ id: string }>(
    `SELECT id FROM messages WHERE external_id IS NULL AND direction = 'outbound' AND status = 'queued'
        AND send_attempted_at IS NULL AND created_at < $1 LIMIT 1000`,
    [new Date(now.getTime() - 30_000)],
  );
  for (const m of unsent) await deps.jobs.send(SEND_MESSAGE_JOB, { messageId: m.id }, { singletonKey: m.id });
  const unknown = await deps.db.query<{ id: string; workspace_id: string; conversation_id: string }>(
    `UPDATE messages SET status = 'failed', error = $2::jsonb
      WHERE external_id IS NULL AND direction = 'outbound' AND status = 'queued' AND send_attempted_at < $1
      RETURNING id, workspace_id, conversation_id`,
    [
      new Date(now.getTime() - 120_000),
      JSON.stringify({
        code: null,
        reason:
          'Charla stopped while sending this message, so it may or may not have been delivered. Check with the customer before sending it again.',
        details: null,
      }),
    ],
  );
  await deps.notify(
    unknown.map((m) => ({
      kind: 'message.updated',
      workspaceId: m.workspace_id,
      conversationId: m.conversation_id,
      messageId: m.id,
    })),
  );
  return unsent.length + unknown.length;
}
