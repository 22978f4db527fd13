import { BlockList, isIP } from 'node:net';

/**
 * Which destinations Charla's own outgoing HTTP (bots' HTTP steps, rules, webhooks) may reach.
 * By default only public addresses: never loopback, private networks, link-local (the cloud
 * metadata service at 169.254.169.254), carrier-grade NAT, multicast or reserved ranges, in
 * either IP family. `OUTBOUND_HTTP_ALLOW` opens exceptions: addresses or CIDRs (any port), or
 * `host:port` pairs (that host name and port only, e.g. a CRM on the office network).
 */
export interface OutboundPolicy {
  /** Whether a resolved address may be connected to. */
  addressAllowed(address: string): boolean;
  /** Whether a URL's host and port are allowed by name, whatever they resolve to. */
  hostAllowed(host: string, port: number): boolean;
}

const NOT_PUBLIC_V4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const NOT_PUBLIC_V6: [string, number][] = [
  ['::', 128],
  ['::1', 128],
  // IPv4 inside IPv6 (mapped, translated, 6to4): the IPv4 address decides, and it is not checked here.
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2002::', 16],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
];

// Two lists: a BlockList matches IPv4 addresses against IPv4-mapped IPv6 rules too.
const notPublicV4 = new BlockList();
for (const [net, prefix] of NOT_PUBLIC_V4) notPublicV4.addSubnet(net, prefix, 'ipv4');
const notPublicV6 = new BlockList();
for (const [net, prefix] of NOT_PUBLIC_V6) notPublicV6.addSubnet(net, prefix, 'ipv6');

/** An address on the public internet (not loopback, private, link-local, reserved…). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return family === 4 ? !notPublicV4.check(address, 'ipv4') : !notPublicV6.check(address, 'ipv6');
}

/** Reads `OUTBOUND_HTTP_ALLOW`'s entries (already checked by the config). */
export function outboundPolicy(allow: string[] = []): OutboundPolicy {
  const allowed = new BlockList();
  const hosts = new Set<string>();
  for (const entry of allow) {
    const [addr = '', prefix] = entry.split('/');
    const family = isIP(addr);
    if (family !== 0) {
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) allowed.addAddress(addr, type);
      else allowed.addSubnet(addr, Number(prefix), type);
    } else hosts.add(entry.toLowerCase());
  }
  return {
    addressAllowed: (address) => {
      const family = isIP(address);
      if (family === 0) return false;
      return isPublicAddress(address) || allowed.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
    hostAllowed: (host, port) => hosts.has(`${host.toLowerCase()}:${port}`),
  };
}

/** An `OUTBOUND_HTTP_ALLOW` entry: an address, a CIDR, or `host:port`. */
export function isOutboundAllowEntry(entry: string): boolean {
  const [addr = '', prefix, extra] = entry.split('/');
  const family = isIP(addr);
  if (family !== 0) {
    if (extra !== undefined) return false;
    if (prefix === undefined) return true;
    return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
  }
  return (
    /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?:\d{1,5}$/i.test(entry) && Number(entry.split(':')[1]) <= 65535
  );
}
