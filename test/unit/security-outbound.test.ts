import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyRefusedError } from '../../server/exports/classify.ts';
import { IomHttpClient } from '../../server/exports/transport.ts';
import { classifyAddress } from '../../server/outbound/addresses.ts';
import { createOutboundPolicy, type OutboundPolicy } from '../../server/outbound/policy.ts';
import { runProbe } from '../../server/probe/ladder.ts';
import type { ProbeEnvironment, ProbeTarget, Resolver } from '../../server/probe/types.ts';

/**
 * SPEC §7's outbound policy against targets that SSRF filters are known to miss, through the two real entry
 * points (the connectivity ladder and the exporter's HTTP client), and DNS answers that change between calls.
 */

/** A DNS that knows a few tricky names; anything else is a public address. */
const TRICKY_DNS: Record<string, string> = {
  'localhost.': '127.0.0.1',
  localhost: '127.0.0.1',
  'metadata.google.internal': '169.254.169.254',
  'metadata.google.internal.': '169.254.169.254',
  'rebind.example': '127.0.0.1',
  'private.example': '10.1.2.3',
  'cgnat.example': '100.64.0.9',
  'ula.example': 'fd00::1234',
  'site-local.example': 'fec0::1',
};
const trickyResolver =
  (asked: string[]): Resolver =>
  (host) => {
    asked.push(host);
    return Promise.resolve([{ address: TRICKY_DNS[host.toLowerCase()] ?? '93.184.216.34', family: 4 }]);
  };

const target = (endpoint: string, timeoutMs = 500): ProbeTarget => ({
  type: 'order-export',
  endpoint,
  username: 'u',
  password: 'p',
  timeoutMs,
  trustedCertificateSha256: null,
  shopId: 1n,
  shopName: 's',
});

/** Every endpoint that must be refused before any connection is made, with no allow-list at all. */
const REFUSED: string[] = [
  'http://2130706433/',
  'http://017700000001/',
  'http://0x7f000001/',
  'http://0x7f.1/',
  'http://127.1/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://[0:0:0:0:0:ffff:127.0.0.1]/',
  'http://[::1]/',
  'http://localhost./',
  'http://LOCALHOST/',
  'http://169.254.169.254/latest/meta-data/',
  'http://2852039166/',
  'http://0xa9fea9fe/',
  'http://[::ffff:169.254.169.254]/',
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://metadata.google.internal./',
  'http://[fd00::1]/',
  'http://[fd12:3456::1]/',
  'http://ula.example/',
  'http://[fec0::1]/',
  'http://[fefe::1]/',
  'http://site-local.example/',
  'http://100.64.0.1/',
  'http://100.127.255.254/',
  'http://cgnat.example/',
  'http://10.0.0.1/',
  'http://private.example/',
  'http://0.0.0.0/',
  'http://0/',
  'http://[::]/',
  'http://[fe80::1]/',
  'http://224.0.0.1/',
  'http://user@evil@localhost/',
  'http://user:pass@127.0.0.1:8080/',
  // IPv4 hidden in IPv6: IPv4-compatible, NAT64 (which routes to the IPv4 address on NAT64 networks) and 6to4.
  'http://[::127.0.0.1]/',
  'http://[64:ff9b::169.254.169.254]/',
  'http://[64:ff9b::10.0.0.1]/',
  'http://[64:ff9b::127.0.0.1]/',
  'http://[2002:7f00:1::]/',
  'http://[2002:a9fe:a9fe::1]/',
  'http://[::ffff:0:127.0.0.1]/',
  // Not http at all.
  'file:///etc/passwd',
  'ftp://iom.example.com/',
  'gopher://127.0.0.1:25/',
  'ws://iom.example.com/',
  'data:text/plain,hello',
  'javascript:alert(1)',
  'dict://127.0.0.1:11211/',
];

describe('tricky targets through the connectivity ladder', () => {
  const none: ProbeEnvironment = { policy: createOutboundPolicy([]), resolve: trickyResolver([]) };

  it.each(REFUSED)('%s is blocked before any connection', async (endpoint) => {
    const result = await runProbe(target(endpoint), none);
    expect(result.outcome, result.message).toBe('blocked');
    expect(result.steps.find((s) => s.step === 'tcp')?.status).toBe('skipped');
  });

  it('judges the host of http://user@evil@host, not the user information', async () => {
    const asked: string[] = [];
    const result = await runProbe(target('http://user@evil@localhost/'), {
      policy: createOutboundPolicy([]),
      resolve: trickyResolver(asked),
    });
    expect(asked).toEqual(['localhost']);
    expect(result.message).toContain('localhost resolves to 127.0.0.1');
  });

  it('never allows metadata or link-local, even when the allow-list names them', async () => {
    const listed: ProbeEnvironment = {
      policy: createOutboundPolicy([
        'metadata.google.internal',
        '169.254.0.0/16',
        'fe80::/10',
        '::ffff:169.254.169.254',
      ]),
      resolve: trickyResolver([]),
    };
    for (const endpoint of [
      'http://metadata.google.internal/',
      'http://metadata.google.internal./',
      'http://2852039166/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://[64:ff9b::a9fe:a9fe]/',
      'http://[fe80::1]/',
    ]) {
      const result = await runProbe(target(endpoint), listed);
      expect(result.outcome, endpoint).toBe('blocked');
      expect(result.message, endpoint).toMatch(/never contacts/);
    }
  });
});

describe('address classes of the tricky spellings', () => {
  it.each([
    ['::7f00:1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b::808:808', 'public'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:a9fe:a9fe::1', 'metadata'],
    ['2002:808:808::1', 'public'],
    ['::ffff:0:7f00:1', 'loopback'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fd00::1', 'private'],
    ['fec0::1', 'private'],
    ['fec0:0:0:1::1', 'private'],
    ['100.64.0.1', 'private'],
    ['100.127.255.255', 'private'],
    ['100.128.0.1', 'public'],
    ['2001:db8::1', 'reserved'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe('tricky targets through the exporter’s HTTP client', () => {
  const client = new IomHttpClient(
    { policy: createOutboundPolicy([]), resolve: trickyResolver([]) },
    { connections: 1 },
  );
  afterAll(() => client.close());

  it.each(REFUSED.filter((e) => /^https?:/.test(e) || /^(ftp|ws|gopher|dict|file):/.test(e)))(
    '%s is refused by the policy',
    async (endpoint) => {
      const exchange = client.exchange(
        {
          configId: endpoint,
          version: 1,
          endpoint,
          username: 'u',
          password: 'p',
          timeoutMs: 500,
          trustedCertificateSha256: null,
        },
        { method: 'GET', url: endpoint, headers: {} },
      );
      await expect(exchange).rejects.toBeInstanceOf(PolicyRefusedError);
    },
  );
});

/** An HTTP server on one loopback address that counts the requests it gets. */
async function listen(host: string, port = 0): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createHttpServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"orderStates":[]}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return { server, port: (server.address() as AddressInfo).port, hits };
}

describe('DNS answers that change between calls', () => {
  let vetted: Awaited<ReturnType<typeof listen>>;
  let trap: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    vetted = await listen('127.0.0.1');
    // The same port on another loopback address: where a second lookup would lead.
    trap = await listen('127.0.0.2', vetted.port);
  });
  afterAll(() => {
    vetted.server.close();
    trap.server.close();
  });

  /** Answers `first` on the first lookup and `then` on every later one. */
  function changing(first: string, then: string) {
    const asked: string[] = [];
    const resolve: Resolver = (host) => {
      asked.push(host);
      return Promise.resolve([{ address: asked.length === 1 ? first : then, family: 4 }]);
    };
    return { asked, resolve };
  }
  const onlyFirst = createOutboundPolicy(['127.0.0.1']);

  it('the ladder asks DNS once and connects only to the address it vetted', async () => {
    const dns = changing('127.0.0.1', '127.0.0.2');
    const result = await runProbe(target(`http://rebind.example:${vetted.port}/rest`, 3000), {
      policy: onlyFirst,
      resolve: dns.resolve,
    });
    expect(dns.asked).toEqual(['rebind.example']);
    expect(result.steps.find((s) => s.step === 'dns')?.detail).toBe('rebind.example → 127.0.0.1');
    expect(vetted.hits.length).toBeGreaterThan(0);
    expect(trap.hits).toEqual([]);
  });

  it('first a public answer, then 127.0.0.1: the loopback service is never reached', async () => {
    vetted.hits.length = 0;
    // 198.51.100.0/24 (TEST-NET-2) is judged public and routes nowhere: the connection times out.
    const dns = changing('198.51.100.7', '127.0.0.1');
    const result = await runProbe(target(`http://rebind.example:${vetted.port}/rest`, 300), {
      policy: createOutboundPolicy([]),
      resolve: dns.resolve,
    });
    expect(dns.asked).toHaveLength(1);
    expect(result.steps.find((s) => s.step === 'dns')?.detail).toBe('rebind.example → 198.51.100.7');
    expect(result.outcome).not.toBe('ok');
    expect(vetted.hits).toEqual([]);
  });

  it('the exporter’s client keeps the vetted address for its connections and re-vets a new answer', async () => {
    vetted.hits.length = 0;
    const dns = changing('127.0.0.1', '127.0.0.2');
    const client = new IomHttpClient({ policy: onlyFirst, resolve: dns.resolve }, { connections: 1 });
    const iom = {
      configId: 'c1',
      version: 1,
      endpoint: `http://rebind.example:${vetted.port}/rest`,
      username: 'u',
      password: 'p',
      timeoutMs: 2000,
      trustedCertificateSha256: null,
    };
    const call = { method: 'GET' as const, url: `${iom.endpoint}/x`, headers: {} };
    try {
      expect((await client.exchange(iom, call)).status).toBe(200);
      expect((await client.exchange(iom, call)).status).toBe(200);
      expect(dns.asked).toHaveLength(1);
      // A changed configuration asks DNS again: the new answer (127.0.0.2) is not allowed, so nothing is sent.
      await expect(client.exchange({ ...iom, version: 2 }, call)).rejects.toBeInstanceOf(PolicyRefusedError);
      expect(dns.asked).toHaveLength(2);
      expect(vetted.hits).toHaveLength(2);
      expect(trap.hits).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

describe('the allow-list', () => {
  const policy: OutboundPolicy = createOutboundPolicy(['iom.internal', '10.0.0.0/8']);
  const allowedTo = async (endpoint: string, address: string) => {
    const result = await runProbe(target(endpoint, 200), {
      policy,
      resolve: () => Promise.resolve([{ address, family: address.includes(':') ? 6 : 4 }]),
    });
    return result.steps.find((s) => s.step === 'dns')?.status === 'ok';
  };

  it('matches host names without case or the trailing dot, and nothing that merely contains them', async () => {
    expect(await allowedTo('http://IOM.internal./', '192.168.1.1')).toBe(true);
    expect(await allowedTo('http://iom.internal.evil.example/', '192.168.1.1')).toBe(false);
    expect(await allowedTo('http://eviliom.internal/', '192.168.1.1')).toBe(false);
    expect(await allowedTo('http://x.example/', '10.9.9.9')).toBe(true);
    expect(await allowedTo('http://x.example/', '::ffff:10.9.9.9')).toBe(true);
    expect(await allowedTo('http://x.example/', '11.0.0.1')).toBe(true); // public
    expect(await allowedTo('http://x.example/', '172.16.0.1')).toBe(false);
  });
});
