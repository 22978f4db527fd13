import { AppError } from '../../../platform/errors';

/** Search pages run newest first; the cursor is the last hit's (time, arrival order). */
export function encodeSearchCursor(occurredAt: Date | string, seq: string | number): string {
  return Buffer.from(`${new Date(occurredAt).toISOString()}|${seq}`).toString('base64url');
}

export function decodeSearchCursor(cursor: string): { at: string; seq: string } {
  const [at, seq] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !seq || !/^\d{1,18}$/.test(seq) || Number.isNaN(Date.parse(at))) {
    throw new AppError('invalid', 'invalid_cursor', 'The cursor is not one this API handed out.');
  }
  return { at, seq };
}
