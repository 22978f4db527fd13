import { checkMedia, isAnimatedWebp, MEDIA_KINDS, MEDIA_LIMITS, mediaKindOf } from '@charla/cloud-api';
import { readBearer } from './graph-auth';
import { GraphApiError, graphErrors } from './graph-error';
import { type GraphResponse, toErrorResponse } from './graph-messages';
import type { Sandbox } from './sandbox';
import type { SimNumber } from './sandbox-state';

/** The largest upload body: a 100 MB document plus the multipart envelope. */
export const UPLOAD_BODY_LIMIT = 100 * 1024 * 1024 + 64 * 1024;

const ALL_TYPES = MEDIA_KINDS.flatMap((kind) => MEDIA_LIMITS[kind].mimeTypes).join(', ');

export const uploadErrors = {
  tooLarge: () =>
    new GraphApiError({
      httpStatus: 400,
      code: 131053,
      title: 'Media upload error',
      details: 'The file is larger than any media WhatsApp accepts (documents: at most 100 MB).',
    }),
};

/** POST /{version}/{phone-number-id}/media (§3.1, §3.4, §8.13): multipart, whitelisted, capped per kind. */
export async function handleMediaUpload(
  sandbox: Sandbox,
  number: SimNumber,
  contentType: string | undefined,
  body: unknown,
): Promise<GraphResponse> {
  if (!Buffer.isBuffer(body) || !contentType?.toLowerCase().startsWith('multipart/form-data')) {
    return toErrorResponse(
      graphErrors.invalidParameter(
        'Upload media as multipart/form-data with messaging_product, type and file.',
      ),
    );
  }
  let form: FormData;
  try {
    // undici parses multipart bodies: no extra dependency for one route.
    form = await new Request('http://simulator/upload', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(body),
    }).formData();
  } catch {
    return toErrorResponse(graphErrors.invalidParameter('The multipart body could not be read.'));
  }
  if (form.get('messaging_product') !== 'whatsapp') {
    return toErrorResponse(graphErrors.invalidParameter('The parameter messaging_product is required.'));
  }
  const file = form.get('file');
  if (!(file instanceof Blob)) {
    return toErrorResponse(graphErrors.missingParameter('The parameter file is required.'));
  }
  const typeField = form.get('type');
  const mimeType = (typeof typeField === 'string' && typeField !== '' ? typeField : file.type) || '';
  const kind = mediaKindOf(mimeType);
  if (kind === null) {
    return toErrorResponse(
      graphErrors.invalidParameter(
        `Param file must be a file with one of the following types: ${ALL_TYPES}. Received file of type '${mimeType}'.`,
      ),
    );
  }
  const bytes = Buffer.from(await file.arrayBuffer());
  const animated = kind === 'sticker' ? { animated: isAnimatedWebp(bytes) } : {};
  const problem = checkMedia(kind, mimeType, bytes.byteLength, animated);
  if (problem) {
    return toErrorResponse(
      new GraphApiError({ httpStatus: 400, code: 131053, title: 'Media upload error', details: problem }),
    );
  }
  const filename = file instanceof File && file.name !== '' ? file.name : null;
  const stored = sandbox.media.put({ phoneNumberId: number.phoneNumberId, bytes, mimeType, filename });
  return { status: 200, body: { id: stored.id } };
}

type DeleteRequest = {
  version: string;
  mediaId: string;
  authorization: string | undefined;
  queryToken: string | undefined;
  phoneNumberId: string | undefined;
};

/** DELETE /{version}/{media-id} (§3.3): only the owner's token (and number, if given) may delete. */
export function handleMediaDelete(
  sandbox: Sandbox,
  supportedVersions: string[],
  request: DeleteRequest,
): GraphResponse {
  if (!supportedVersions.includes(request.version)) {
    return toErrorResponse(graphErrors.expiredVersion(request.version, supportedVersions.at(-1) ?? 'v26.0'));
  }
  const token = readBearer(request.authorization) ?? request.queryToken;
  if (!token || !Object.values(sandbox.state.numbers).some((number) => number.accessToken === token)) {
    return toErrorResponse(graphErrors.invalidToken());
  }
  const media = sandbox.media.get(request.mediaId);
  const owner = media ? sandbox.findNumber(media.phoneNumberId) : null;
  const isOwner = owner !== null && owner.accessToken === token;
  const isRightNumber = request.phoneNumberId === undefined || request.phoneNumberId === media?.phoneNumberId;
  if (!media || !isOwner || !isRightNumber) {
    return toErrorResponse(graphErrors.unknownObject('delete', request.mediaId));
  }
  sandbox.media.delete(media.id);
  return { status: 200, body: { success: true } };
}
