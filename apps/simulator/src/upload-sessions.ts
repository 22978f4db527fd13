import { randomBytes } from 'node:crypto';
import { type GraphApiError, graphErrors } from './graph-error';

type Session = { fileLength: number; fileType: string; fileName: string };

/** Types Meta takes as template header examples (§3.4 Resumable Upload). */
const ALLOWED_TYPES = new Set(['image/jpeg', 'image/png', 'video/mp4', 'application/pdf']);
const MAX_BYTES = 100 * 1024 * 1024;

type Result<T> = { ok: true; value: T } | { ok: false; error: GraphApiError };

/** `POST /{APP_ID}/uploads` then `POST /upload:…` with the bytes → a `4::…` handle (§3.4). */
export class UploadSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly handles = new Map<string, Session>();

  create(query: { file_length?: string; file_type?: string; file_name?: string }): Result<{ id: string }> {
    const fileLength = Number(query.file_length);
    if (!Number.isInteger(fileLength) || fileLength <= 0 || fileLength > MAX_BYTES) {
      return {
        ok: false,
        error: graphErrors.invalidParameter(
          'Param file_length must be a positive number of bytes up to 100 MB.',
        ),
      };
    }
    if (!query.file_type || !ALLOWED_TYPES.has(query.file_type)) {
      return {
        ok: false,
        error: graphErrors.invalidParameter(
          `Param file_type must be one of ${[...ALLOWED_TYPES].join(', ')}.`,
        ),
      };
    }
    const id = `upload:${randomBytes(24).toString('base64url')}`;
    this.sessions.set(id, { fileLength, fileType: query.file_type, fileName: query.file_name ?? 'file' });
    return { ok: true, value: { id } };
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  upload(id: string, offset: string | undefined, bytes: Buffer): Result<{ h: string }> {
    const session = this.sessions.get(id);
    if (!session) return { ok: false, error: graphErrors.unknownObject('post', id) };
    if ((offset ?? '0') !== '0')
      return {
        ok: false,
        error: graphErrors.invalidParameter(
          'Header file_offset must be 0: the simulator takes the whole file at once.',
        ),
      };
    if (bytes.length !== session.fileLength) {
      return {
        ok: false,
        error: graphErrors.invalidParameter(
          `The upload has ${bytes.length} bytes but the session announced file_length ${session.fileLength}.`,
        ),
      };
    }
    const h = `4::${Buffer.from(`${session.fileType}:${randomBytes(18).toString('base64url')}`).toString('base64')}`;
    this.handles.set(h, session);
    this.sessions.delete(id);
    return { ok: true, value: { h } };
  }
}
