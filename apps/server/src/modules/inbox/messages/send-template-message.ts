import type { Message, TemplateValues } from '@charla/contracts';
import { AppError, notFound } from '../../../platform/errors';
import { prepareTemplateSend } from '../../templates';
import type { InboxDeps } from '../inbox.deps';
import { assertNumberConnected } from './number-disconnected';
import { kindOfMime } from './outbound-request';
import { queueOutbound, type SentAs, senderOf } from './queue-outbound';

/**
 * An approved template sent into a conversation: allowed even when the 24-hour window is
 * closed (it is how a business writes first). Everything Meta would refuse is refused here,
 * before anything is queued: the template's status, its account, unfilled variables, a header
 * file that is not stored, a marketing template to someone who opted out.
 */
export async function sendTemplateMessage(
  deps: InboxDeps,
  actor: { workspaceId: string; userId: string | null },
  conversationId: string,
  request: { templateId: string; values?: Partial<TemplateValues> | undefined },
  as: SentAs = {},
): Promise<Message> {
  const v = request.values ?? {};
  const values: TemplateValues = {
    header: v.header ?? null,
    headerMediaId: v.headerMediaId ?? null,
    body: v.body ?? {},
    buttons: v.buttons ?? {},
  };
  const [target] = await deps.db.query<{
    channel_id: string;
    waba_id: string;
    opt_in_state: string;
    status: string;
    display_phone_number: string;
  }>(
    `SELECT c.channel_id, ch.waba_id, ch.status, ch.display_phone_number, ct.opt_in_state FROM conversations c
       JOIN channels ch ON ch.id = c.channel_id JOIN contacts ct ON ct.id = c.contact_id
      WHERE c.workspace_id = $1 AND c.id = $2`,
    [actor.workspaceId, conversationId],
  );
  if (!target) throw notFound('conversation');
  assertNumberConnected(target);
  const content = await prepareTemplateSend(
    deps.db,
    {
      workspaceId: actor.workspaceId,
      wabaId: target.waba_id,
      contactOptedOut: target.opt_in_state === 'opted_out',
    },
    { templateId: request.templateId, values },
  );
  const mediaId = content.template.values.headerMediaId;
  if (mediaId) {
    await assertHeaderFile(
      deps,
      actor.workspaceId,
      target.channel_id,
      mediaId,
      content.template.headerFormat,
    );
  }
  return queueOutbound(
    deps,
    senderOf(actor, as),
    { id: conversationId, channelId: target.channel_id },
    content,
    null,
    mediaId,
    as,
  );
}

/** The header file must be one uploaded for this number and stored. */
async function assertHeaderFile(
  deps: Pick<InboxDeps, 'db'>,
  workspaceId: string,
  channelId: string,
  mediaId: string,
  format: string | null,
) {
  const [file] = await deps.db.query<{ mime_type: string }>(
    `SELECT mime_type FROM media WHERE workspace_id = $1 AND id::text = $2 AND channel_id = $3
        AND direction = 'outbound' AND state = 'ready'`,
    [workspaceId, mediaId, channelId],
  );
  if (!file) {
    throw new AppError(
      'unprocessable',
      'template_values_missing',
      'The header file is not stored for this number; upload it again (POST /api/conversations/:id/media) and send its id.',
      [{ path: 'values.headerMediaId', message: 'No such file for this number' }],
    );
  }
  const kind = kindOfMime(file.mime_type);
  if (kind !== format) {
    throw new AppError(
      'unprocessable',
      'template_header_mismatch',
      `This template's header is ${format === 'image' ? 'an image' : `a ${format}`}, but the file is ${kind === 'image' ? 'an image' : `a ${kind}`}. Upload a file of the right kind.`,
      [
        {
          path: 'values.headerMediaId',
          message: `Must be ${format === 'image' ? 'an image' : `a ${format}`}`,
        },
      ],
    );
  }
}
