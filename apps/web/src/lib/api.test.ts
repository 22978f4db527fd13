import { describe, expect, it } from 'vitest';
import { toApiError } from './api';

describe('toApiError', () => {
  it('keeps the code, message and fields of Charla error bodies', () => {
    const error = toApiError(422, {
      error: {
        code: 'validation_failed',
        message: 'Check the fields',
        fields: [{ path: 'password', message: 'Use at least 10 characters' }],
      },
    });
    expect(error.status).toBe(422);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('Check the fields');
    expect(error.fields).toEqual([{ path: 'password', message: 'Use at least 10 characters' }]);
  });

  it('falls back to an http_<status> code when the body is not an error shape', () => {
    const error = toApiError(502, '<html>Bad gateway</html>');
    expect(error.code).toBe('http_502');
    expect(error.fields).toEqual([]);
  });
});
