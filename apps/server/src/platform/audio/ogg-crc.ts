/**
 * The Ogg page checksum (RFC 3533 section 6): CRC-32 with polynomial 0x04C11DB7, computed
 * MSB-first (no bit reflection), initial value 0 and no final XOR. This is not the zlib CRC-32,
 * so node:zlib's crc32 cannot be reused.
 */

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let bit = 0; bit < 8; bit++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** Continues `crc` over `bytes`, so a page can be checksummed in pieces without copying. */
export function oggCrc32(bytes: Uint8Array, crc = 0): number {
  let c = crc;
  for (let i = 0; i < bytes.length; i++) c = ((c << 8) ^ TABLE[((c >>> 24) ^ bytes[i]!) & 0xff]!) >>> 0;
  return c;
}
