import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { probeEnvironmentFrom } from '../../server/probes/environment.ts';
import { callerFor, signedInAs } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';
import { postOrder, useSimulator } from '../helpers/simulator.ts';

const sim = useSimulator();
const failing = useSimulator({ faults: { errorRate: 1 } });
const hanging = useSimulator({ faults: { hangRate: 1 } });

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(async () => {
  await tdb.reset();
  sim().reset();
});

async function post(shopId: number, numbers: string[]) {
  for (const n of numbers) expect((await postOrder(sim(), shopId, sampleOrder(n))).status).toBe(201);
}

type Admin = Awaited<ReturnType<typeof signedInAs>>;

async function channel(admin: Admin, id: string, shopId: string, organizationId = 'default') {
  await admin.caller.channels.create({
    id,
    name: id,
    iomShopId: shopId,
    iomShopName: `shop ${id}`,
    organizationId,
  });
}

async function service(
  admin: Admin,
  owner: { channelId: string } | { organizationId: string; sharingRule: 'shared-active' },
  type: 'order-history' | 'order-export',
  options: { endpoint?: string; password?: string; active?: boolean; timeoutMs?: number } = {},
) {
  await admin.caller.services.create({
    ...owner,
    type,
    endpoint: options.endpoint ?? sim().endpoints.orderService,
    username: 'consumer_ws',
    password: options.password ?? 'consumer_ws',
    active: options.active ?? true,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}

describe('the largest order number from IOM', () => {
  it('takes the numeric maximum although IOM sorts the numbers as text, using the effective configuration', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    await admin.caller.organizations.create({ id: 'inspired', name: 'inSPIRED' });
    await channel(admin, 'b2c', '10000', 'inspired');
    // The channel has no configuration of its own: it uses the organization's, shared active.
    await service(admin, { organizationId: 'inspired', sharingRule: 'shared-active' }, 'order-history');
    await post(10000, ['9', '10', '100', '99', 'ORD-7', '0042']);

    const result = await admin.caller.sequence.fetchIomLargest({ channelId: 'b2c' });
    expect(result).toMatchObject({
      outcome: 'ok',
      largest: '100',
      shopId: '10000',
      sortedAs: 'text',
      numbers: ['100', '99', '42', '10', '9'],
      skipped: ['ORD-7'],
      totalCount: 6,
      config: { type: 'order-history' },
    });
    expect(result.message).toContain('as text');
    expect(result.queries.map((q) => q.request)).toEqual([
      '/rest/order-service/shops/10000/order-states?limit=50&offset=0&orderBy=shopOrderNumber&sortDirection=DESC',
      '/rest/order-service/shops/10000/order-states?limit=50&offset=0&orderBy=shopOrderCreationDate&sortDirection=DESC',
    ]);
    expect(JSON.stringify(result)).not.toContain('consumer_ws');
  });

  it('pages through long lists and smaller pages when an answer would be cut off', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    await channel(admin, 'b2c', '10000');
    await service(admin, { channelId: 'b2c' }, 'order-export');
    await post(
      10000,
      Array.from({ length: 130 }, (_, i) => String(i + 1)),
    );
    const result = await admin.caller.sequence.fetchIomLargest({ channelId: 'b2c', limit: 120 });
    expect(result).toMatchObject({ outcome: 'ok', largest: '130', totalCount: 130 });
    // 50 simulator orders are ~72 kB, more than one answer may carry: the page is asked again with 25.
    const [cutOff, retried] = result.queries;
    expect(cutOff).toMatchObject({
      status: 200,
      count: 0,
      request: expect.stringContaining('limit=50&offset=0') as string,
    });
    expect(retried).toMatchObject({
      count: 25,
      request: expect.stringContaining('limit=25&offset=0') as string,
    });
    expect(
      result.queries.filter((q) => q.orderBy === 'shopOrderNumber').reduce((n, q) => n + q.count, 0),
    ).toBe(120);
  });

  it('uses the active order-export configuration when order history is switched off', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    await channel(admin, 'b2c', '10000');
    await service(admin, { channelId: 'b2c' }, 'order-history', {
      active: false,
      endpoint: failing().endpoints.orderService,
    });
    await service(admin, { channelId: 'b2c' }, 'order-export');
    await post(10000, ['7']);
    expect(await admin.caller.sequence.fetchIomLargest({ channelId: 'b2c' })).toMatchObject({
      outcome: 'ok',
      largest: '7',
      config: { type: 'order-export' },
    });
  });

  it('gives no number when IOM has no orders, or only non-numeric ones', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    await channel(admin, 'b2c', '10000');
    await service(admin, { channelId: 'b2c' }, 'order-history');
    expect(await admin.caller.sequence.fetchIomLargest({ channelId: 'b2c' })).toMatchObject({
      outcome: 'empty',
      largest: null,
    });
    await post(10000, ['ORD-1', 'ORD-2']);
    const nonNumeric = await admin.caller.sequence.fetchIomLargest({ channelId: 'b2c' });
    expect(nonNumeric).toMatchObject({ outcome: 'non_numeric', largest: null, skipped: ['ORD-2', 'ORD-1'] });
    expect(nonNumeric.message).toContain('no digit-only numbers');
  });

  it('gives no number, only the reason, when IOM fails, refuses or hangs', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    const cases = [
      ['broken', { endpoint: failing().endpoints.orderService }, 'server_error'],
      ['wrongpw', { password: 'wrong' }, 'auth_failed'],
      ['slow', { endpoint: hanging().endpoints.orderService, timeoutMs: 400 }, 'timeout'],
    ] as const;
    for (const [id, options, outcome] of cases) {
      await channel(admin, id, '10000');
      await service(admin, { channelId: id }, 'order-history', options);
      const result = await admin.caller.sequence.fetchIomLargest({ channelId: id });
      expect(result).toMatchObject({ outcome, largest: null, numbers: [] });
      expect(result.message.length).toBeGreaterThan(20);
    }
  });

  it('respects the outbound policy: a loopback IOM is refused unless allowed', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    await channel(admin, 'b2c', '10000');
    await service(admin, { channelId: 'b2c' }, 'order-history');
    await post(10000, ['5']);
    const before = sim().counts.total;
    const strict = callerFor(tdb.db, admin.user, {
      probeEnv: probeEnvironmentFrom({ SWITCHBOARD_OUTBOUND_ALLOW: [] }),
    });
    const result = await strict.sequence.fetchIomLargest({ channelId: 'b2c' });
    expect(result).toMatchObject({ outcome: 'blocked', largest: null, queries: [] });
    expect(result.message).toContain('SWITCHBOARD_OUTBOUND_ALLOW');
    expect(sim().counts.total).toBe(before);
  });

  it('says what to do when the channel has no usable service', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    await channel(admin, 'b2c', '10000');
    await service(admin, { channelId: 'b2c' }, 'order-history', { active: false });
    const error = await rejection(admin.caller.sequence.fetchIomLargest({ channelId: 'b2c' }));
    expect(error.fieldErrors.channelId).toContain('no active Order History or Order Export service');
    expect(
      (await rejection(admin.caller.sequence.fetchIomLargest({ channelId: 'nope' }))).fieldErrors.channelId,
    ).toBe('There is no channel nope.');
    const sources = await admin.caller.sequence.iomSources();
    expect(sources).toEqual([expect.objectContaining({ channelId: 'b2c', config: null })]);
  });
});
