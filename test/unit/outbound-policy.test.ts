import { describe, expect, it } from 'vitest';
import { classifyAddress } from '../../server/outbound/addresses.ts';
import { checkAddress, checkScheme, createOutboundPolicy } from '../../server/outbound/policy.ts';

const none = createOutboundPolicy([]);
const allowed = (policy: ReturnType<typeof createOutboundPolicy>, host: string, address: string) =>
  checkAddress(policy, host, address).allowed;

describe('address classes', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.31.255.1', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fec0::1', 'private'],
    ['feff:ffff::1', 'private'],
    ['fe80::1:2', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['0:0:0:0:0:ffff:169.254.169.254', 'metadata'],
    ['[::1]', 'loopback'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe('outbound policy', () => {
  it('allows public addresses and refuses other schemes', () => {
    expect(allowed(none, 'iom.example.com', '93.184.216.34')).toBe(true);
    expect(checkScheme(new URL('https://iom.example.com')).allowed).toBe(true);
    expect(checkScheme(new URL('ftp://iom.example.com'))).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('ftp:') as string,
    });
  });

  it('refuses loopback and private ranges unless allowed, saying how to allow them', () => {
    const verdict = checkAddress(none, 'iom.internal', '10.0.0.5');
    expect(verdict).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('SWITCHBOARD_OUTBOUND_ALLOW') as string,
    });
    expect(allowed(none, 'localhost', '127.0.0.1')).toBe(false);
    const policy = createOutboundPolicy(['10.0.0.0/8', '127.0.0.1', 'iom.internal', 'fd00::/8']);
    expect(allowed(policy, 'anything', '10.200.0.1')).toBe(true);
    expect(allowed(policy, 'localhost', '127.0.0.1')).toBe(true);
    expect(allowed(policy, 'localhost', '127.0.0.2')).toBe(false);
    expect(allowed(policy, 'IOM.internal.', '192.168.7.7')).toBe(true);
    expect(allowed(policy, 'other.internal', '192.168.7.7')).toBe(false);
    expect(allowed(policy, 'v6', 'fd12::1')).toBe(true);
    expect(allowed(none, 'site-local', 'fec0::1')).toBe(false);
    expect(allowed(policy, 'site-local', 'fec0::1')).toBe(false);
    expect(allowed(createOutboundPolicy(['fec0::/10']), 'site-local', 'fec0::1')).toBe(true);
  });

  it('judges IPv4-mapped IPv6 as the IPv4 address it is', () => {
    const policy = createOutboundPolicy(['127.0.0.1']);
    expect(allowed(none, 'x', '::ffff:127.0.0.1')).toBe(false);
    expect(allowed(policy, 'x', '::ffff:7f00:1')).toBe(true);
  });

  it('never allows metadata or link-local, even when listed', () => {
    const policy = createOutboundPolicy(['169.254.0.0/16', 'metadata.google.internal', 'fe80::/10']);
    expect(checkAddress(policy, 'metadata.google.internal', '169.254.169.254')).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('cloud metadata') as string,
    });
    expect(allowed(policy, 'x', '169.254.10.10')).toBe(false);
    expect(allowed(policy, 'x', 'fe80::1')).toBe(false);
    expect(allowed(policy, 'x', '::ffff:169.254.169.254')).toBe(false);
  });

  it('sees through decimal, octal and hex spellings of an address (the URL parser normalises them)', () => {
    for (const spelled of [
      'http://2130706433/',
      'http://0x7f.0.0.1/',
      'http://017700000001/',
      'http://127.1/',
    ]) {
      const host = new URL(spelled).hostname;
      expect(host).toBe('127.0.0.1');
      expect(allowed(none, host, host)).toBe(false);
    }
    expect(new URL('http://0xa9fea9fe/').hostname).toBe('169.254.169.254');
  });
});
