import { createHash, randomFillSync } from 'node:crypto';

// Random bytes are drawn 4 KiB at a time: one getrandom call per ~130 wamids instead of one each
// (it was the simulator's biggest single cost in a 100,000-send broadcast).
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomSlice(size: number): Buffer {
  if (poolOffset + size > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + size);
  poolOffset += size;
  return bytes;
}

/** A `wamid.`-prefixed id in the same base64 flavour Meta uses. */
export function createWamid(): string {
  return `wamid.${randomSlice(30).toString('base64')}`;
}

export function createFbtraceId(): string {
  return randomSlice(12).toString('base64url');
}

/** v23 and older give each message its own conversation id, stable across its status webhooks. */
export function createConversationId(wamid: string): string {
  return createHash('md5').update(wamid).digest('hex');
}
