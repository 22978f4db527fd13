import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { SimMedia } from './sandbox-state';
import type { Clock } from './simulator-options';

/** Files up to this size survive a restart (base64 in the state file); bigger ones live in memory only. */
export const PERSISTED_MEDIA_MAX_BYTES = 256 * 1024;
/** Media URLs are valid 5 minutes (§3.2). */
export const MEDIA_URL_TTL_MS = 5 * 60 * 1000;

export type StoredMedia = Omit<SimMedia, 'base64'> & { bytes: Buffer };

type MediaStoreDeps = {
  /** The state file's media map: only small files are written into it. */
  persisted: Record<string, SimMedia>;
  clock: Clock;
  persist: () => void;
};

/** Media bytes by id, with Meta-style signed download URLs that expire. */
export class MediaStore {
  private readonly deps: MediaStoreDeps;
  private readonly files = new Map<string, StoredMedia>();
  // Per process: URLs handed out before a restart stop working, which real URLs do after 5 minutes anyway.
  private readonly signingKey = randomBytes(32);

  constructor(deps: MediaStoreDeps) {
    this.deps = deps;
    for (const { base64, ...meta } of Object.values(deps.persisted)) {
      this.files.set(meta.id, { ...meta, bytes: Buffer.from(base64, 'base64') });
    }
  }

  put(input: {
    phoneNumberId: string;
    bytes: Buffer;
    mimeType: string;
    filename?: string | null;
  }): StoredMedia {
    const media: StoredMedia = {
      id: createMediaId(),
      phoneNumberId: input.phoneNumberId,
      mimeType: input.mimeType,
      sha256: createHash('sha256').update(input.bytes).digest('base64'),
      size: input.bytes.byteLength,
      filename: input.filename ?? null,
      createdAt: this.deps.clock.now(),
      bytes: input.bytes,
    };
    this.files.set(media.id, media);
    if (media.size <= PERSISTED_MEDIA_MAX_BYTES) {
      const { bytes, ...meta } = media;
      this.deps.persisted[media.id] = { ...meta, base64: bytes.toString('base64') };
      this.deps.persist();
    }
    return media;
  }

  get(id: string): StoredMedia | null {
    return this.files.get(id) ?? null;
  }

  /** Forgets the file (§3.3 DELETE); returns whether it existed. */
  delete(id: string): boolean {
    const existed = this.files.delete(id);
    if (this.deps.persisted[id]) {
      delete this.deps.persisted[id];
      this.deps.persist();
    }
    return existed;
  }

  /** `${baseUrl}/_sim/media/:id/download?exp=<ms>&sig=<hmac>`, valid 5 minutes from now. */
  createDownloadUrl(baseUrl: string, id: string): string {
    const exp = this.deps.clock.now() + MEDIA_URL_TTL_MS;
    return `${baseUrl}/_sim/media/${encodeURIComponent(id)}/download?exp=${exp}&sig=${this.sign(id, exp)}`;
  }

  /** True when the signature matches and the URL has not expired on the simulator's clock. */
  isValidDownload(id: string, exp: string | undefined, sig: string | undefined): boolean {
    if (!exp || !/^\d+$/.test(exp) || !sig) return false;
    const expected = Buffer.from(this.sign(id, Number(exp)));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    return this.deps.clock.now() <= Number(exp);
  }

  private sign(id: string, exp: number): string {
    return createHmac('sha256', this.signingKey).update(`${id}.${exp}`).digest('base64url');
  }
}

// Meta's media ids are 15-16 digit numbers.
function createMediaId(): string {
  return `${randomInt(1, 10)}${String(randomInt(0, 2 ** 47)).padStart(15, '0')}`;
}
