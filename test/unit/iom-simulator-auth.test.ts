import { describe, expect, it } from 'vitest';
import { parseBasicAuth } from '../../server/iom-simulator/auth.ts';
import { basic, CONSUMER_AUTH, get, postOrder, useSimulator } from '../helpers/simulator.ts';

const sim = useSimulator({
  users: [
    { username: 'consumer_ws', password: 'consumer_ws' },
    { username: 'b2c_ws', password: 'b2c_ws', shops: [10000] },
    { username: 'colon_ws', password: 'pa:ss:word', shops: ['inTRONICS Business'] },
    { username: 'jürgen', password: 'pässwörd€', shops: '*' },
    { username: 'reader_ws', password: 'reader_ws', permissions: ['Order status web service'] },
  ],
});

const orderStates = (shopId: number) =>
  `${sim().endpoints.orderService}/shops/${shopId}/order-states?limit=1`;

describe('IOM simulator: Basic auth', () => {
  it('refuses a request without credentials with 401, a Basic challenge and no body (as the contract has it)', async () => {
    const res = await get(orderStates(10000), null);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="IOM"/);
    expect(await res.text()).toBe('');
  });

  it('adds an error report to a 401 only with errorBodies', async () => {
    sim().setDialect({ errorBodies: true });
    try {
      const res = await get(orderStates(10000), null);
      expect(await res.json()).toMatchObject({ status: 401, errors: [{ code: 'UNAUTHORIZED' }] });
    } finally {
      sim().setDialect({});
    }
  });

  it('refuses a wrong password, an unknown user and malformed headers', async () => {
    const attempts = [
      basic('consumer_ws', 'wrong'),
      basic('nobody', 'consumer_ws'),
      'Basic !!!not-base64!!!',
      `Basic ${Buffer.from('consumer_ws').toString('base64')}`,
      'Bearer consumer_ws',
      'Basic',
    ];
    for (const auth of attempts) {
      const res = await get(orderStates(10000), auth);
      expect(res.status, auth).toBe(401);
    }
  });

  it('accepts the configured user', async () => {
    expect((await get(orderStates(10000), CONSUMER_AUTH)).status).toBe(200);
  });

  // Split at the last colon, the same header would be user "colon_ws:pa:ss" with password "word": refused.
  it('splits user and password at the first colon only', async () => {
    expect((await get(orderStates(10001), basic('colon_ws', 'pa:ss:word'))).status).toBe(200);
    expect((await get(orderStates(10001), basic('colon_ws', 'pa'))).status).toBe(401);
  });

  it('reads credentials as UTF-8, so non-ASCII names and passwords work', async () => {
    expect((await get(orderStates(10000), basic('jürgen', 'pässwörd€'))).status).toBe(200);
    const latin1 = `Basic ${Buffer.from('jürgen:pässwörd', 'latin1').toString('base64')}`;
    expect((await get(orderStates(10000), latin1)).status).toBe(401);
  });

  it('answers 403 without a body for a shop the user may not use; with errorBodies it names both', async () => {
    const res = await get(orderStates(10001), basic('b2c_ws', 'b2c_ws'));
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('');
    sim().setDialect({ errorBodies: true });
    const reported = await get(orderStates(10001), basic('b2c_ws', 'b2c_ws'));
    sim().setDialect({});
    const report = (await reported.json()) as { errors: { code: string; message: string }[] };
    expect(report.errors[0]?.code).toBe('FORBIDDEN');
    expect(report.errors[0]?.message).toContain('b2c_ws');
    expect(report.errors[0]?.message).toContain('10001');
    expect((await get(orderStates(10000), basic('b2c_ws', 'b2c_ws'))).status).toBe(200);
  });

  it('applies the shop rule to shop names too (RMA)', async () => {
    const url = `${sim().endpoints.rma}/shops/${encodeURIComponent('inTRONICS')}/return-reasons`;
    expect((await get(url, basic('colon_ws', 'pa:ss:word'))).status).toBe(403);
    expect((await get(url, basic('b2c_ws', 'b2c_ws'))).status).toBe(200);
  });

  it('refuses a call needing a permission the user lacks with 403 before looking at the request', async () => {
    const reader = basic('reader_ws', 'reader_ws');
    const empty = await postOrder(sim(), 10000, {}, { auth: reader });
    expect(empty.status).toBe(403);
    expect(await empty.text()).toBe('');
    const rma = `${sim().endpoints.rma}/shops/inTRONICS/return-reasons`;
    expect((await get(rma, reader)).status).toBe(403);
    expect((await get(orderStates(10000), reader)).status).toBe(200);
    // Left out, a user holds every permission (the ShopServiceClient role): an empty order is merely invalid.
    const invalid = await postOrder(sim(), 10000, {});
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/json/);
    const report = (await invalid.json()) as { status: number; errors: { code: string }[] };
    expect(report.status).toBe(400);
    expect(new Set(report.errors.map((e) => e.code))).toEqual(new Set(['VALIDATION_EXCEPTION']));
    expect(sim().findOrder(10000, '')).toBeUndefined();
  });

  it('serves the health status without credentials', async () => {
    expect((await get(sim().endpoints.health, null)).status).toBe(200);
  });
});

describe('parseBasicAuth', () => {
  it('decodes user and password, the password keeping its colons', () => {
    expect(parseBasicAuth(basic('a', 'b:c:'))).toEqual({ username: 'a', password: 'b:c:' });
    expect(parseBasicAuth(basic('a', ''))).toEqual({ username: 'a', password: '' });
    expect(parseBasicAuth(`basic ${Buffer.from('x:y').toString('base64')}`)).toEqual({
      username: 'x',
      password: 'y',
    });
  });

  it('refuses what is not a well-formed Basic header', () => {
    expect(parseBasicAuth(undefined)).toBeNull();
    expect(parseBasicAuth('Basic abc')).toBeNull();
    expect(parseBasicAuth(`Basic ${Buffer.from('no-colon').toString('base64')}`)).toBeNull();
    expect(parseBasicAuth(`Basic ${Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString('base64')}`)).toBeNull();
  });
});
