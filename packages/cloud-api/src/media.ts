import { z } from 'zod';

/** GET /{version}/{media-id} (§3.2): a download URL valid 5 minutes plus what the file should be. */
export const MediaInfoSchema = z.looseObject({
  messaging_product: z.literal('whatsapp').optional(),
  url: z.string().min(1),
  mime_type: z.string(),
  sha256: z.string(),
  // Documented as a string placeholder, sent as a number in practice (§3.2): accept both.
  file_size: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
  id: z.string(),
});
export type MediaInfo = { url: string; mime_type: string; sha256: string; file_size: number; id: string };

export type DownloadMediaOptions = {
  /** Refuse (and stop reading) a file larger than this. */
  maxBytes?: number;
  /** Downloads can be large; defaults to the client's timeout. */
  timeoutMs?: number;
};

export type DownloadedMedia = { bytes: Uint8Array; contentType: string };
