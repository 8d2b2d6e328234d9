import { BlockList, isIP } from 'node:net';

export type AddressClass =
  'public' | 'private' | 'loopback' | 'link-local' | 'metadata' | 'unspecified' | 'multicast' | 'reserved';

/** Cloud metadata services: never a legitimate IOM host, whatever the allow-list says. */
const METADATA = new BlockList();
METADATA.addAddress('169.254.169.254', 'ipv4');
METADATA.addAddress('169.254.170.2', 'ipv4');
METADATA.addAddress('100.100.100.200', 'ipv4');
METADATA.addAddress('fd00:ec2::254', 'ipv6');

const ranges = (entries: [string, number, 'ipv4' | 'ipv6'][]) => {
  const list = new BlockList();
  for (const [net, prefix, type] of entries) list.addSubnet(net, prefix, type);
  return list;
};

const LINK_LOCAL = ranges([
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
]);
const LOOPBACK = ranges([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);
const PRIVATE = ranges([
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['fc00::', 7, 'ipv6'],
  // Site-local, deprecated (RFC 3879) but still routed inside some networks: as internal as a ULA.
  ['fec0::', 10, 'ipv6'],
]);
const UNSPECIFIED = ranges([
  ['0.0.0.0', 8, 'ipv4'],
  ['::', 128, 'ipv6'],
]);
const MULTICAST = ranges([
  ['224.0.0.0', 4, 'ipv4'],
  ['ff00::', 8, 'ipv6'],
]);
const RESERVED = ranges([
  ['240.0.0.0', 4, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  // Documentation, discard-only and Teredo (whose IPv4 part is obfuscated, so it cannot be judged).
  ['2001:db8::', 32, 'ipv6'],
  ['100::', 64, 'ipv6'],
  ['2001::', 32, 'ipv6'],
  // NAT64's local-use prefix: the IPv4 part's place depends on the network's configuration.
  ['64:ff9b:1::', 48, 'ipv6'],
]);

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part counts as two), or null. */
function ipv6Groups(address: string): number[] | null {
  if (isIP(address) !== 6) return null;
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number);
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const part = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const front = part(head);
  const back = tail === undefined ? [] : part(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const ipv4Of = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/**
 * The IPv4 address an IPv6 address stands for, where the network delivers it there: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64's well-known prefix
 * (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::). Judged as IPv6, "64:ff9b::10.0.0.1" would pass as public
 * while a NAT64 gateway takes it to the private 10.0.0.1.
 */
function embeddedIpv4(g: number[]): string | null {
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const [g0 = 0, g1 = 0, g2 = 0, , , g5 = 0, g6 = 0, g7 = 0] = g;
  if (zero(0, 5) && g5 === 0xffff) return ipv4Of(g6, g7);
  if (zero(0, 4) && g[4] === 0xffff && g5 === 0) return ipv4Of(g6, g7);
  if (zero(0, 6) && (g6 !== 0 || g7 > 1)) return ipv4Of(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && zero(2, 6)) return ipv4Of(g6, g7);
  if (g0 === 0x2002) return ipv4Of(g1, g2);
  return null;
}

/**
 * An IPv4 address written as IPv6 (::ffff:127.0.0.1, ::ffff:7f00:1, 64:ff9b::a9fe:a9fe, …) is the IPv4
 * address: judge it as such, or "::ffff:169.254.169.254" would slip past the IPv4 rules.
 */
export function normaliseAddress(address: string): { address: string; type: 'ipv4' | 'ipv6' } {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(bare) === 4) return { address: bare, type: 'ipv4' };
  const groups = ipv6Groups(bare);
  const embedded = groups ? embeddedIpv4(groups) : null;
  if (embedded) return { address: embedded, type: 'ipv4' };
  return { address: bare, type: 'ipv6' };
}

export function classifyAddress(raw: string): AddressClass {
  const { address, type } = normaliseAddress(raw);
  if (METADATA.check(address, type)) return 'metadata';
  if (LINK_LOCAL.check(address, type)) return 'link-local';
  if (LOOPBACK.check(address, type)) return 'loopback';
  if (UNSPECIFIED.check(address, type)) return 'unspecified';
  if (PRIVATE.check(address, type)) return 'private';
  if (MULTICAST.check(address, type)) return 'multicast';
  if (RESERVED.check(address, type)) return 'reserved';
  return 'public';
}
