import type { UploadedMedia } from '@charla/contracts';
import { CHARLA_REQUEST_HEADER } from '../../../lib/api';
import { describeUploadFailure, type UploadFailure } from './upload-error';

export class UploadError extends Error {
  readonly failure: UploadFailure;
  constructor(failure: UploadFailure) {
    super(failure.kind === 'refused' ? failure.message : `Upload failed (${failure.kind})`);
    this.name = 'UploadError';
    this.failure = failure;
  }
}

type UploadOptions = {
  conversationId: string;
  file: Blob;
  filename: string;
  /** 0..1 as bytes leave the browser. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
};

/** POST /api/conversations/:id/media: a file to send in that conversation. */
export function uploadMedia({ conversationId, ...rest }: UploadOptions) {
  return postFile(`/api/conversations/${encodeURIComponent(conversationId)}/media`, rest);
}

/** POST /api/channels/:id/media: a file of one number, for rules, bots and sequences to send on it. */
export function uploadChannelFile({
  channelId,
  ...rest
}: Omit<UploadOptions, 'conversationId'> & { channelId: string }) {
  return postFile(`/api/channels/${encodeURIComponent(channelId)}/media`, rest);
}

/**
 * POST /api/media?kind=: a file of the workspace, the sample a template's media header shows
 * Meta's reviewer; checked as `kind` (the header's format).
 */
export function uploadHeaderSample({
  kind,
  ...rest
}: Omit<UploadOptions, 'conversationId'> & { kind: 'image' | 'video' | 'document' }) {
  return postFile(`/api/media?kind=${kind}`, rest);
}

/**
 * Multipart with one `file` part. XMLHttpRequest rather than fetch because only it reports
 * upload progress.
 */
function postFile(
  url: string,
  { file, filename, onProgress, signal }: Omit<UploadOptions, 'conversationId'>,
) {
  return new Promise<UploadedMedia>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('accept', 'application/json');
    request.setRequestHeader(CHARLA_REQUEST_HEADER.name, CHARLA_REQUEST_HEADER.value);
    request.withCredentials = true;
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        try {
          resolve(JSON.parse(request.responseText) as UploadedMedia);
        } catch {
          reject(new UploadError({ kind: 'unknown', status: request.status }));
        }
        return;
      }
      reject(new UploadError(describeUploadFailure(request.status, request.responseText)));
    };
    request.onerror = () => reject(new UploadError({ kind: 'network' }));
    request.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, filename);
    request.send(form);
  });
}
