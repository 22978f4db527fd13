import type { MessageContent, RuleMessage } from '@charla/contracts';
import { fillVariables } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import type { OutboundDraft } from '../../inbox';
import { kindOfMime } from '../../inbox';

/** An uploaded file an automatic message sends, as the engine read it for its batch. */
export interface AutomationFile {
  id: string;
  channelId: string | null;
  mimeType: string;
  size: number;
  filename: string | null;
}

/** The batch's files by id; a file not ready (or of another workspace) is simply absent. */
export type AutomationFiles = Map<string, AutomationFile>;

type MediaMessage = Extract<RuleMessage, { type: 'media' }>;

/** The file a message sends, if it sends one. */
export function mediaIdOf(message: RuleMessage | null | undefined): string | null {
  return message?.type === 'media' ? message.mediaId : null;
}

/**
 * The ready outbound files of a batch, in one query whatever their number; each id is looked up
 * in its own workspace only.
 */
export async function loadAutomationFiles(
  query: Query,
  refs: { workspaceId: string; mediaId: string | null }[],
): Promise<AutomationFiles> {
  const wanted = refs.filter((r): r is { workspaceId: string; mediaId: string } => r.mediaId !== null);
  const files: AutomationFiles = new Map();
  if (wanted.length === 0) return files;
  const rows = await query<{
    id: string;
    channel_id: string | null;
    mime_type: string;
    size: string | number;
    filename: string | null;
  }>(
    `SELECT m.id, m.channel_id, m.mime_type, m.size, m.filename
       FROM media m JOIN unnest($1::uuid[], $2::uuid[]) AS w(ws, id) ON m.workspace_id = w.ws AND m.id = w.id
      WHERE m.direction = 'outbound' AND m.state = 'ready' AND m.storage_key IS NOT NULL`,
    [wanted.map((r) => r.workspaceId), wanted.map((r) => r.mediaId)],
  );
  for (const r of rows)
    files.set(r.id, {
      id: r.id,
      channelId: r.channel_id,
      mimeType: r.mime_type,
      size: Number(r.size),
      filename: r.filename,
    });
  return files;
}

/**
 * The stored content of a file message, or why it is skipped: the file is gone or not ready
 * (`file_missing`), or it was uploaded for another number (`file_other_number`: Meta's media
 * ids belong to the number that uploaded them, and the outbox keeps one per file).
 */
export function fileContent(
  message: MediaMessage,
  variables: Record<string, string>,
  files: AutomationFiles,
  channelId: string,
): MessageContent | { skip: string } {
  const file = files.get(message.mediaId);
  if (!file) return { skip: 'file_missing' };
  if (file.channelId !== channelId) return { skip: 'file_other_number' };
  const kind = kindOfMime(file.mimeType);
  const caption =
    kind === 'audio' || kind === 'sticker' ? '' : fillVariables(message.caption, variables).trim();
  return {
    type: kind,
    media: {
      id: file.id,
      url: `/api/media/${file.id}`,
      mimeType: file.mimeType,
      size: file.size,
      filename: file.filename,
      state: 'ready',
      error: null,
    },
    caption: caption || null,
    voice: false,
    animated: false,
  } as MessageContent;
}

/** The content as the channel's checks take it (a file by its type and name). */
export function draftOf(content: MessageContent): OutboundDraft {
  return (
    'media' in content
      ? { ...content, file: { mimeType: content.media.mimeType, filename: content.media.filename } }
      : content
  ) as OutboundDraft;
}

/**
 * Save-time checks of the file messages among `messages` (422 problems naming their fields), in
 * one query: each names a ready file the workspace uploaded for a number (`numbers`: the ones the
 * message may go out on, when known), with no caption on audio (WhatsApp refuses it).
 */
export async function fileMessageProblems(
  query: Query,
  workspaceId: string,
  messages: { message: RuleMessage | null | undefined; path: string }[],
  numbers: string[] | null,
): Promise<{ path: string; message: string }[]> {
  const files = messages.filter(
    (m): m is { message: MediaMessage; path: string } => m.message?.type === 'media',
  );
  if (files.length === 0) return [];
  const found = await loadAutomationFiles(
    query,
    files.map((f) => ({ workspaceId, mediaId: f.message.mediaId })),
  );
  const problems: { path: string; message: string }[] = [];
  for (const { message, path } of files) {
    const file = found.get(message.mediaId);
    if (!file?.channelId) {
      problems.push({
        path: `${path}.mediaId`,
        message:
          'No file of this workspace uploaded for a number has that id: upload it for the number first.',
      });
      continue;
    }
    if (numbers && numbers.length > 0 && !numbers.includes(file.channelId))
      problems.push({
        path: `${path}.mediaId`,
        message:
          'The file was uploaded for another number: upload it for the number this message goes out on.',
      });
    const kind = kindOfMime(file.mimeType);
    if (message.caption.trim() && (kind === 'audio' || kind === 'sticker'))
      problems.push({
        path: `${path}.caption`,
        message: `WhatsApp does not allow a caption on ${kind === 'audio' ? 'audio' : 'a sticker'}.`,
      });
  }
  return problems;
}
