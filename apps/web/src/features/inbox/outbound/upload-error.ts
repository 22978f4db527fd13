import { toApiError } from '../../../lib/api';

/**
 * What the agent reads when an upload fails. The server's refusal (too big, a type WhatsApp
 * does not take) is shown verbatim: it names the limit, which only the server knows for sure.
 */
export type UploadFailure =
  | { kind: 'refused'; message: string; code: string }
  | { kind: 'network' }
  | { kind: 'windowClosed' }
  | { kind: 'unknown'; status: number };

export function describeUploadFailure(status: number, responseText: string): UploadFailure {
  if (status === 0) return { kind: 'network' };
  let payload: unknown = null;
  try {
    payload = JSON.parse(responseText);
  } catch {
    // A proxy's HTML error page, for instance.
  }
  const error = toApiError(status, payload);
  if (error.code === 'window_closed') return { kind: 'windowClosed' };
  if (!error.code.startsWith('http_') && error.message) {
    return { kind: 'refused', message: error.message, code: error.code };
  }
  // A reverse proxy's own "413 Request Entity Too Large" has no JSON body.
  if (status === 413) return { kind: 'refused', message: '', code: 'payload_too_large' };
  return { kind: 'unknown', status };
}
