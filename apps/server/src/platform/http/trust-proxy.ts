/**
 * TRUST_PROXY as Fastify's `trustProxy`: false (the socket's address), a hop count (the client
 * is the address the nth proxy saw: X-Forwarded-For read from the right, never the client's own
 * leftmost value), or the proxies' addresses and CIDRs.
 */
export function trustProxyOption(
  setting: false | number | string[],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting;
}
