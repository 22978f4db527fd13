import type { FastifyInstance, FastifyReply } from 'fastify';
import { readBearer } from './graph-auth';
import { graphErrors } from './graph-error';
import { baseMimeType } from './media-rules';
import type { StoredMedia } from './media-store';
import type { Sandbox } from './sandbox';

type MediaParams = { mediaId: string };

// Only these are ever served to a browser (never SVG or HTML, which could run script).
const PREVIEWABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** Downloads of media URLs (§3.3) and image thumbnails for the phone page. */
export async function registerMediaRoutes(app: FastifyInstance, deps: { sandbox: Sandbox }): Promise<void> {
  const { sandbox } = deps;

  app.get<{ Params: MediaParams; Querystring: { exp?: string; sig?: string } }>(
    '/_sim/media/:mediaId/download',
    async (request, reply) => {
      const media = sandbox.media.get(request.params.mediaId);
      const token = readBearer(request.headers.authorization);
      const owner = media ? sandbox.findNumber(media.phoneNumberId) : null;
      // The token is mandatory on downloads (§3.3); without the owner's token nothing is revealed.
      if (!token || (owner !== null && owner.accessToken !== token) || !isKnownToken(sandbox, token)) {
        const error = graphErrors.invalidToken();
        return reply.code(error.init.httpStatus).send(error.toEnvelope());
      }
      const { exp, sig } = request.query;
      if (!media || !sandbox.media.isValidDownload(media.id, exp, sig)) {
        return reply.code(404).type('text/plain').send('Not Found: the media URL is unknown or expired');
      }
      return sendBytes(reply, media);
    },
  );

  registerFileRoute(app, sandbox);

  app.get<{ Params: MediaParams }>('/_sim/media/:mediaId/preview', async (request, reply) => {
    const media = sandbox.media.get(request.params.mediaId);
    if (!media || !PREVIEWABLE.has(baseMimeType(media.mimeType))) {
      return reply.code(404).type('text/plain').send('No previewable image with this id');
    }
    return sendBytes(reply.header('cache-control', 'private, max-age=300'), media);
  });
}

/** Any media file, for the phone page's download links and voice-note player; never rendered inline. */
function registerFileRoute(app: FastifyInstance, sandbox: Sandbox) {
  app.get<{ Params: MediaParams }>('/_sim/media/:mediaId/file', async (request, reply) => {
    const media = sandbox.media.get(request.params.mediaId);
    if (!media) return reply.code(404).type('text/plain').send('No media with this id');
    const isPlayable =
      baseMimeType(media.mimeType).startsWith('audio/') || PREVIEWABLE.has(baseMimeType(media.mimeType));
    const filename = (media.filename ?? `media-${media.id}`).replace(/[^\w.\- ]/g, '_');
    return sendBytes(
      reply.header('content-disposition', `${isPlayable ? 'inline' : 'attachment'}; filename="${filename}"`),
      media,
    );
  });
}

function sendBytes(reply: FastifyReply, media: StoredMedia) {
  return reply
    .header('content-type', media.mimeType)
    .header('content-length', String(media.size))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'")
    .send(media.bytes);
}

function isKnownToken(sandbox: Sandbox, token: string): boolean {
  return Object.values(sandbox.state.numbers).some((number) => number.accessToken === token);
}
