import { BlockList, isIP } from 'node:net';
import { classifyAddress, normaliseAddress, type AddressClass } from './addresses.ts';

/**
 * Where tests and exports may connect. Public addresses are allowed; loopback and private ranges only when
 * SWITCHBOARD_OUTBOUND_ALLOW names the address, its range or the host name; link-local and cloud metadata
 * never. Built once from the environment.
 */
export interface OutboundPolicy {
  allowedHosts: ReadonlySet<string>;
  allowedAddresses: BlockList;
  /** The entries as configured, for messages. */
  entries: readonly string[];
}

export type Verdict = { allowed: true } | { allowed: false; reason: string };

const hostKey = (host: string) => host.toLowerCase().replace(/\.$/, '');

export function createOutboundPolicy(entries: readonly string[]): OutboundPolicy {
  const allowedAddresses = new BlockList();
  const allowedHosts = new Set<string>();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    if (!address) continue;
    const family = isIP(address);
    if (family && bits !== undefined)
      allowedAddresses.addSubnet(address, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
    else if (family) {
      const n = normaliseAddress(address);
      allowedAddresses.addAddress(n.address, n.type);
    } else allowedHosts.add(hostKey(address));
  }
  return { allowedHosts, allowedAddresses, entries };
}

const NEVER: Partial<Record<AddressClass, string>> = {
  metadata: 'is a cloud metadata address, which Switchboard never contacts',
  'link-local': 'is a link-local address, which Switchboard never contacts',
  unspecified: 'is not a routable address',
  multicast: 'is a multicast address',
  reserved: 'is in a reserved range',
};

/** The scheme check of step 1: only http and https leave Switchboard. */
export function checkScheme(url: URL): Verdict {
  if (url.protocol === 'http:' || url.protocol === 'https:') return { allowed: true };
  return {
    allowed: false,
    reason: `Only http:// and https:// endpoints are allowed, not ${url.protocol}//.`,
  };
}

/**
 * Whether connecting to `address` (the address actually connected to, after resolving `host` once) is allowed.
 */
export function checkAddress(policy: OutboundPolicy, host: string, address: string): Verdict {
  const kind = classifyAddress(address);
  const never = NEVER[kind];
  if (never) return { allowed: false, reason: `${host} resolves to ${address}, which ${never}.` };
  if (kind === 'public') return { allowed: true };
  const n = normaliseAddress(address);
  if (policy.allowedHosts.has(hostKey(host)) || policy.allowedAddresses.check(n.address, n.type))
    return { allowed: true };
  const what = kind === 'loopback' ? 'a loopback address (this machine)' : 'a private-network address';
  return {
    allowed: false,
    reason: `${host} resolves to ${address}, ${what}. IOM hosts on internal networks must be allowed by an admin: add "${isIP(host) ? address : hostKey(host)}" or its range to SWITCHBOARD_OUTBOUND_ALLOW.`,
  };
}
