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
]);

/**
 * An IPv4 address written as IPv6 (::ffff:127.0.0.1, ::ffff:7f00:1) is the IPv4 address: judge it as such,
 * or "::ffff:169.254.169.254" would slip past the IPv4 rules.
 */
export function normaliseAddress(address: string): { address: string; type: 'ipv4' | 'ipv6' } {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/.exec(bare) ?? /^::ffff:(.+)$/.exec(bare);
  if (mapped?.[1]) {
    const rest = mapped[1];
    if (isIP(rest) === 4) return { address: rest, type: 'ipv4' };
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(rest);
    if (hex?.[1] && hex[2]) {
      const hi = parseInt(hex[1], 16);
      const lo = parseInt(hex[2], 16);
      return { address: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, type: 'ipv4' };
    }
  }
  return { address: bare, type: isIP(bare) === 4 ? 'ipv4' : 'ipv6' };
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
