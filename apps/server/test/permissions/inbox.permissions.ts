import { approvedTemplate } from '../templates/template-fixtures';
import type { MatrixFixture, PermissionSpec } from './permission-spec';

const boundary = '----charla-matrix';
const upload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="nota.txt"\r\nContent-Type: text/plain\r\n\r\nhola\r\n--${boundary}--\r\n`;
const multipart = { 'content-type': `multipart/form-data; boundary=${boundary}` };

/** A file the owner sent in the shared conversation (so it belongs to one of its messages). */
let sentMediaId: string | undefined;
async function sentFile({ t, conversationId }: MatrixFixture): Promise<string> {
  if (sentMediaId) return sentMediaId;
  const uploaded = await t.app.inject({
    method: 'POST',
    url: `/api/conversations/${conversationId}/media`,
    headers: { cookie: t.cookie, ...multipart },
    payload: upload,
  });
  const mediaId: string = uploaded.json().id;
  const sent = await t.app.inject({
    method: 'POST',
    url: `/api/conversations/${conversationId}/messages`,
    headers: { cookie: t.cookie },
    payload: { type: 'media', mediaId },
  });
  if (sent.statusCode !== 202) throw new Error(`sending the file failed: ${sent.body}`);
  sentMediaId = mediaId;
  return mediaId;
}

/** A file the owner attached to a reply in the shared conversation and has not sent (yet). */
async function unsentFile({ t, conversationId }: MatrixFixture): Promise<string> {
  const uploaded = await t.app.inject({
    method: 'POST',
    url: `/api/conversations/${conversationId}/media`,
    headers: { cookie: t.cookie, ...multipart },
    payload: upload,
  });
  if (uploaded.statusCode !== 201) throw new Error(`uploading the attachment failed: ${uploaded.body}`);
  return uploaded.json().id;
}

/** A file of the workspace itself, in no conversation: a template header's sample. */
const sample = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="muestra.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`;
async function sampleFile({ t }: MatrixFixture): Promise<string> {
  const uploaded = await t.app.inject({
    method: 'POST',
    url: '/api/media',
    headers: { cookie: t.cookie, ...multipart },
    payload: sample,
  });
  if (uploaded.statusCode !== 201) throw new Error(`uploading the sample failed: ${uploaded.body}`);
  return uploaded.json().id;
}

/** An approved template and the shared conversation's contact, to start a conversation with. */
let starting: { templateId: string; contactId: string; channelId: string } | undefined;
async function startingPoint({ t, conversationId }: MatrixFixture) {
  if (starting) return starting;
  const [row] = await t.container.db.query<{ contact_id: string; channel_id: string }>(
    'SELECT contact_id, channel_id FROM conversations WHERE id = $1',
    [conversationId],
  );
  const template = await approvedTemplate(t, {
    name: 'matrix_start',
    language: 'es',
    category: 'utility',
    parameterFormat: 'named',
    header: null,
    body: 'Hola {{first_name}}, tu pedido ya está listo para recoger en la tienda.',
    bodyExamples: { first_name: 'Ana' },
    footer: null,
    buttons: [],
  });
  starting = { templateId: template.id, contactId: row!.contact_id, channelId: row!.channel_id };
  return starting;
}

/** Conversations, messages, files and search (modules/inbox). */
export const spec: PermissionSpec = {
  prepare: async (f) => ({
    mediaId: await sentFile(f),
    unsentId: await unsentFile(f),
    sampleId: await sampleFile(f),
    ...(await startingPoint(f)),
  }),
  rows: [
    ['GET', () => '/api/conversations', undefined, 200, 200, 200, 200],
    // The shared conversation's customer: reused, so hidden from the agent; another workspace's number is 404.
    [
      'POST',
      () => '/api/conversations',
      ({ channelId, contactId, templateId }) => ({
        channelId,
        contactId,
        template: { templateId, values: { body: { first_name: 'Ana' } } },
      }),
      202,
      202,
      403,
      404,
    ],
    ['GET', ({ conversationId }) => `/api/conversations/${conversationId}`, undefined, 200, 200, 403, 404],
    [
      'POST',
      ({ conversationId }) => `/api/conversations/${conversationId}/read`,
      undefined,
      204,
      204,
      403,
      404,
    ],
    [
      'PATCH',
      ({ conversationId }) => `/api/conversations/${conversationId}`,
      { priority: 'low' },
      200,
      200,
      403,
      404,
    ],
    [
      'POST',
      ({ conversationId }) => `/api/conversations/${conversationId}/assign`,
      { teamId: null },
      200,
      200,
      403,
      404,
    ],
    [
      'POST',
      ({ conversationId }) => `/api/conversations/${conversationId}/messages`,
      { text: 'hola' },
      202,
      202,
      403,
      404,
    ],
    [
      'POST',
      ({ conversationId }) => `/api/conversations/${conversationId}/media`,
      upload,
      201,
      201,
      403,
      404,
      multipart,
    ],
    ['POST', ({ messageId }) => `/api/messages/${messageId}/reaction`, { emoji: '👍' }, 202, 202, 403, 404],
    ['GET', ({ mediaId }) => `/api/media/${mediaId}`, undefined, 200, 200, 403, 404],
    // An upload not sent yet belongs to its conversation, hidden from the agent.
    ['GET', ({ unsentId }) => `/api/media/${unsentId}`, undefined, 200, 200, 403, 404],
    // Header samples: whoever manages templates uploads them; every member may see them.
    ['POST', () => '/api/media', sample, 201, 201, 403, 201, multipart],
    ['GET', ({ sampleId }) => `/api/media/${sampleId}`, undefined, 200, 200, 200, 404],
    // Files for automatic messages: uploaded for a number by whoever manages automation.
    ['POST', ({ channelId }) => `/api/channels/${channelId}/media`, sample, 201, 201, 403, 404, multipart],
    ['GET', ({ mediaId }) => `/api/media/${mediaId}/info`, undefined, 200, 200, 403, 404],
    ['GET', () => '/api/search?q=hola', undefined, 200, 200, 200, 200],
  ],
};
