import { readBearer } from './graph-auth';
import { graphErrors } from './graph-error';
import type { GraphResponse } from './graph-messages';
import { toErrorResponse } from './graph-messages';
import type { Sandbox } from './sandbox';

type MediaRequest = {
  version: string;
  mediaId: string;
  authorization: string | undefined;
  queryToken: string | undefined;
  /** §3.2: when given, the request only succeeds for the number that owns the media. */
  phoneNumberId: string | undefined;
  baseUrl: string;
};

/** GET /{version}/{media-id} (§3.2): a fresh download URL valid 5 minutes. */
export function handleMediaGet(
  sandbox: Sandbox,
  supportedVersions: string[],
  request: MediaRequest,
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
  if (!media || !isOwner || !isRightNumber) return toErrorResponse(graphErrors.unknownMedia(request.mediaId));
  return {
    status: 200,
    body: {
      messaging_product: 'whatsapp',
      url: sandbox.media.createDownloadUrl(request.baseUrl, media.id),
      mime_type: media.mimeType,
      sha256: media.sha256,
      file_size: media.size,
      id: media.id,
    },
  };
}
