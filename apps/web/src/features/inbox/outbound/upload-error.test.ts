import { describe, expect, it } from 'vitest';
import { describeUploadFailure } from './upload-error';

const body = (code: string, message: string) => JSON.stringify({ error: { code, message } });

describe('upload failures', () => {
  it("shows the server's refusal verbatim, limit included", () => {
    expect(
      describeUploadFailure(
        413,
        body('media_too_large', 'WhatsApp accepts images up to 5 MB; this one is 7.2 MB.'),
      ),
    ).toEqual({
      kind: 'refused',
      code: 'media_too_large',
      message: 'WhatsApp accepts images up to 5 MB; this one is 7.2 MB.',
    });
    expect(
      describeUploadFailure(415, body('unsupported_media_type', 'WhatsApp does not take image/webp photos.')),
    ).toEqual({
      kind: 'refused',
      code: 'unsupported_media_type',
      message: 'WhatsApp does not take image/webp photos.',
    });
  });

  it('tells a closed window apart, so the composer can show the notice', () => {
    expect(describeUploadFailure(422, body('window_closed', 'closed'))).toEqual({ kind: 'windowClosed' });
  });

  it("handles a proxy's bare 413 and other answers without JSON", () => {
    expect(describeUploadFailure(413, '<html>Request Entity Too Large</html>')).toEqual({
      kind: 'refused',
      code: 'payload_too_large',
      message: '',
    });
    expect(describeUploadFailure(502, '')).toEqual({ kind: 'unknown', status: 502 });
  });

  it('reads status 0 as the network', () => {
    expect(describeUploadFailure(0, '')).toEqual({ kind: 'network' });
  });
});
