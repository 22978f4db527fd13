import type { TestApp } from './test-app';

/** A customer sends a file through the simulator, as WhatsApp delivers one; answers WhatsApp's media id. */
export function customerSendsFile(
  t: TestApp,
  waId: string,
  bytes: Buffer,
  opts: { mimeType?: string; caption?: string } = {},
): string {
  const { mediaId } = t.simulator.sendAsCustomer({
    phoneNumberId: t.sandbox.phoneNumberId,
    waId,
    message: { type: 'image', image: opts.caption === undefined ? {} : { caption: opts.caption } },
    media: { base64: bytes.toString('base64'), mimeType: opts.mimeType ?? 'image/jpeg' },
  });
  return mediaId!;
}
