import { asc, desc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderExports } from '../../drizzle/schema/index.ts';
import { encodeCursor } from '../../server/exports/cursor.ts';
import { whereOfFilter } from '../../server/exports/filter.ts';
import { exportRowBatches, listExports } from '../../server/exports/list.ts';
import { exportsByState } from '../../server/exports/metrics.ts';
import { OUTCOME_OF_CLASS, type OutcomeClass } from '../../shared/exports.ts';
import {
  exportListInputSchema,
  type ExportFilter,
  type ExportListInput,
} from '../../shared/schemas/exports.ts';
import { signedInAs } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';
import { expectedOrder, seedExports, type SeededExport } from '../helpers/exportListSeed.ts';

let tdb: TestDatabase;
let seeded: SeededExport[];
let support: Awaited<ReturnType<typeof signedInAs>>;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let manager: Awaited<ReturnType<typeof signedInAs>>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await tdb.reset();
  seeded = await seedExports(tdb.db);
  support = await signedInAs(tdb.db, 'support');
  admin = await signedInAs(tdb.db, 'admin');
  manager = await signedInAs(tdb.db, 'channel_manager', { channels: ['b2c'] });
});
afterAll(() => tdb.close());

type Caller = (typeof support)['caller'];
type Input = Partial<Omit<ExportListInput, 'filter'>> & { filter?: Partial<ExportFilter> };

/** Every row of a list, page by page through the cursors. */
async function allPages(caller: Caller, input: Input, perPage = 7) {
  const ids: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < 100; page += 1) {
    const result = await caller.exports.list({ ...input, perPage, after });
    ids.push(...result.data.map((r) => r.id));
    expect(result.data.length).toBeLessThanOrEqual(perPage);
    if (!result.nextCursor) return ids;
    after = result.nextCursor;
  }
  throw new Error('paging did not end');
}

/** What the filter means, in JavaScript, independent of the SQL. */
function matches(e: SeededExport, f: Partial<ExportFilter>): boolean {
  const micro = (d: Date) => d.toISOString().replace('Z', '000Z'); // compared to the microsecond, as stored
  return (
    (!f.channelId || e.channelId === f.channelId) &&
    (!f.state || e.state === f.state) &&
    (!f.outcomeClass || e.outcome === OUTCOME_OF_CLASS[f.outcomeClass]) &&
    (!f.iomErrorCode || e.lastIomErrorCode === f.iomErrorCode) &&
    (!f.from || e.createdAt >= micro(f.from)) &&
    (!f.to || e.createdAt <= micro(f.to)) &&
    (!f.orderNumber ||
      (f.orderNumberMatch === 'prefix'
        ? e.shopOrderNumber.startsWith(f.orderNumber)
        : e.shopOrderNumber === f.orderNumber))
  );
}

describe('exports.list filters', () => {
  const filters: Partial<ExportFilter>[] = [
    {},
    { channelId: 'b2b' },
    { channelId: 'nowhere' },
    ...(['pending', 'in_progress', 'held', 'exported', 'failed', 'escalated', 'resolved'] as const).map(
      (state) => ({ state }),
    ),
    ...(['technical', 'needs_fix', 'duplicate'] as OutcomeClass[]).map((outcomeClass) => ({ outcomeClass })),
    { iomErrorCode: 'INVALID_ADDRESS' },
    { iomErrorCode: 'NO_SUCH_CODE' },
    { from: new Date('2026-03-01T08:05:00Z') },
    { to: new Date('2026-03-01T08:05:00Z') },
    // Both ends inclusive, to the microsecond.
    { from: new Date('2026-03-01T08:03:00Z'), to: new Date('2026-03-01T08:10:00Z') },
    { orderNumber: 'ORD-1010', orderNumberMatch: 'exact' },
    { orderNumber: 'ORD-101', orderNumberMatch: 'exact' },
    { orderNumber: 'ORD-101', orderNumberMatch: 'prefix' },
    { orderNumber: 'AB%', orderNumberMatch: 'prefix' },
    { orderNumber: 'A_', orderNumberMatch: 'prefix' },
    { orderNumber: 'A\\', orderNumberMatch: 'prefix' },
    { orderNumber: '%', orderNumberMatch: 'prefix' },
    { channelId: 'b2c', state: 'failed', iomErrorCode: 'INVALID_ADDRESS' },
    { state: 'exported', outcomeClass: 'duplicate', channelId: 'b2c' },
  ];

  it.each(filters.map((f) => [JSON.stringify(f), f] as const))('%s', async (_name, filter) => {
    const full = { orderNumberMatch: 'exact' as const, ...filter };
    const expected = expectedOrder(
      seeded.filter((e) => matches(e, full)),
      'createdAt',
      'DESC',
    );
    const page = await support.caller.exports.list({ filter: full, perPage: 500 });
    expect(page.data.map((r) => r.id)).toEqual(expected);
    expect(page.total).toEqual({ count: expected.length, exact: true });
    expect(page.nextCursor).toBeNull();
  });

  it('has rows to find for each filter above (the seed covers them)', () => {
    for (const f of filters.filter(
      (f) => !f.channelId?.startsWith('no') && f.iomErrorCode !== 'NO_SUCH_CODE',
    ))
      if (!(f.orderNumber === 'ORD-101' && f.orderNumberMatch === 'exact') && f.orderNumber !== '%')
        expect(
          seeded.some((e) => matches(e, { orderNumberMatch: 'exact', ...f })),
          JSON.stringify(f),
        ).toBe(true);
  });

  it('returns the columns a person scans, the last error on one line', async () => {
    const failed = seeded.find((e) => e.state === 'failed') as SeededExport;
    const page = await support.caller.exports.list({
      filter: { orderNumber: failed.shopOrderNumber, orderNumberMatch: 'exact' },
    });
    const [row] = page.data;
    expect(row).toMatchObject({
      id: failed.id,
      channelId: failed.channelId,
      channelName: `Channel ${failed.channelId}`,
      shopOrderNumber: failed.shopOrderNumber,
      state: 'failed',
      outcome: 'validation_error',
      outcomeClass: 'needs_fix',
      attempts: failed.attempts,
      lastIomErrorCode: failed.lastIomErrorCode,
      ownerEmail: null,
      nextAttemptAt: null,
    });
    expect(row?.lastError).toMatch(/^IOM refused the order \(422\): \w+: the address is incomplete\. detail/);
    expect(row?.lastError?.length).toBeLessThanOrEqual(200);
    expect(row?.lastError?.endsWith('…')).toBe(true);
    expect(row?.createdAt).toBeInstanceOf(Date);
    expect(Object.keys(row ?? {})).not.toContain('payload');
  });
});

describe('exports.list keyset paging', () => {
  const orders = [
    ['createdAt', 'DESC'],
    ['createdAt', 'ASC'],
    ['attempts', 'DESC'],
    ['attempts', 'ASC'],
  ] as const;

  it.each(orders)('pages through every row by %s %s as one ordered query would', async (sort, order) => {
    const key = sort === 'attempts' ? orderExports.attempts : orderExports.createdAt;
    const direction = order === 'ASC' ? asc : desc;
    const oneQuery = await tdb.db
      .select({ id: orderExports.id })
      .from(orderExports)
      .orderBy(direction(key), direction(orderExports.id));
    const paged = await allPages(support.caller, { sort, order });
    expect(paged).toEqual(oneQuery.map((r) => r.id));
    expect(paged).toEqual(expectedOrder(seeded, sort, order));
    expect(new Set(paged).size).toBe(seeded.length);
  });

  it.each(orders)('pages through a filter by %s %s', async (sort, order) => {
    const filter = { channelId: 'b2c', orderNumberMatch: 'exact' as const };
    const paged = await allPages(support.caller, { sort, order, filter }, 3);
    expect(paged).toEqual(
      expectedOrder(
        seeded.filter((e) => matches(e, filter)),
        sort,
        order,
      ),
    );
  });

  it('streams every row in batches for the CSV in the same order', async () => {
    const user = support.user;
    const batches: number[] = [];
    const ids: string[] = [];
    for await (const batch of exportRowBatches(
      tdb.db,
      user,
      { filter: {}, sort: 'createdAt', order: 'ASC' },
      7,
    )) {
      batches.push(batch.length);
      ids.push(...batch.map((r) => r.id));
    }
    expect(ids).toEqual(expectedOrder(seeded, 'createdAt', 'ASC'));
    expect(batches.every((n) => n <= 7)).toBe(true);
    expect(batches).toHaveLength(Math.ceil(seeded.length / 7));
  });

  it('ends with a null cursor exactly at the last row', async () => {
    const page = await support.caller.exports.list({ perPage: seeded.length });
    expect(page.data).toHaveLength(seeded.length);
    expect(page.nextCursor).toBeNull();
    const short = await support.caller.exports.list({ perPage: seeded.length - 1 });
    expect(short.nextCursor).not.toBeNull();
  });
});

describe('exports.list scope and totals', () => {
  it('shows a channel manager only their channels; another channel filtered is empty, not an error', async () => {
    const own = await allPages(manager.caller, {});
    expect(own).toEqual(
      expectedOrder(
        seeded.filter((e) => e.channelId === 'b2c'),
        'createdAt',
        'DESC',
      ),
    );
    const other = await manager.caller.exports.list({ filter: { channelId: 'b2b' } });
    expect(other).toEqual({ data: [], nextCursor: null, total: { count: 0, exact: true } });
    expect(await manager.caller.exports.errorCodes({ channelId: 'b2b' })).toEqual([]);
  });

  it('shows support and admin every channel', async () => {
    for (const who of [support, admin]) {
      const page = await who.caller.exports.list({ perPage: 500 });
      expect(page.total).toEqual({ count: seeded.length, exact: true });
      expect(new Set(page.data.map((r) => r.channelId))).toEqual(new Set(['b2c', 'b2b', 'outlet']));
    }
  });

  it('counts exactly up to the cap and estimates above it', async () => {
    const input = (filter: Partial<ExportFilter> = {}) => exportListInputSchema.parse({ filter, perPage: 5 });
    expect((await listExports(tdb.db, support.user, input(), { countCap: seeded.length })).total).toEqual({
      count: seeded.length,
      exact: true,
    });
    const over = await listExports(tdb.db, support.user, input(), { countCap: 10 });
    expect(over.total.exact).toBe(false);
    expect(over.total.count).toBeGreaterThan(10);
    expect(over.data).toHaveLength(5);
    // A filter under the cap stays exact.
    const failed = seeded.filter((e) => e.state === 'failed').length;
    expect(
      (await listExports(tdb.db, support.user, input({ state: 'failed' }), { countCap: 10 })).total,
    ).toEqual({ count: failed, exact: true });
  });
});

describe('exports.list refuses bad input', () => {
  const validCursor = encodeCursor({
    sort: 'createdAt',
    order: 'DESC',
    value: '2026-03-01T08:00:00.000000Z',
    id: '00000000-0000-0000-0000-000000000000',
  });
  const cases: [string, unknown, string][] = [
    ['an unknown state', { filter: { state: 'lost' } }, 'filter.state'],
    ['an unknown outcome class', { filter: { outcomeClass: 'meh' } }, 'filter.outcomeClass'],
    ['from after to', { filter: { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' } }, 'filter.to'],
    ['a date that is none', { filter: { from: 'yesterday' } }, 'filter.from'],
    ['10 000 rows per page', { perPage: 10_000 }, 'perPage'],
    ['an unknown sort', { sort: 'payload' }, 'sort'],
    ['a malformed cursor', { after: 'garbage!' }, 'after'],
    [
      'a tampered cursor',
      {
        after: `AAAA${validCursor.slice(4)}`,
      },
      'after',
    ],
    [
      'a cursor of another sort',
      {
        sort: 'attempts',
        after: validCursor,
      },
      'after',
    ],
    ['an IOM code with spaces', { filter: { iomErrorCode: 'a b' } }, 'filter.iomErrorCode'],
    ['an unknown filter field', { filter: { payload: 'x' } }, 'filter'],
  ];

  it.each(cases)('%s', async (_name, input, field) => {
    const error = await rejection(support.caller.exports.list(input as never));
    expect(error.code).toBe('BAD_REQUEST');
    expect(Object.keys(error.fieldErrors)).toContain(field);
    expect(error.message).toContain(field.split('.').pop() === '' ? field : field.replace(/^filter\./, ''));
  });

  it('refuses callers without a session', async () => {
    const { callerFor } = await import('../helpers/app.ts');
    expect((await rejection(callerFor(tdb.db, null).exports.list({}))).code).toBe('UNAUTHORIZED');
  });
});

describe('exports.errorCodes', () => {
  const countsOf = (rows: SeededExport[]) => {
    const counts = new Map<string, number>();
    for (const e of rows)
      if (e.lastIomErrorCode) counts.set(e.lastIomErrorCode, (counts.get(e.lastIomErrorCode) ?? 0) + 1);
    return [...counts]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
  };

  it('counts the IOM codes of current exports, most frequent first, in scope', async () => {
    expect(await support.caller.exports.errorCodes({})).toEqual(countsOf(seeded));
    expect(await support.caller.exports.errorCodes()).toEqual(countsOf(seeded));
    expect(await support.caller.exports.errorCodes({ channelId: 'b2b' })).toEqual(
      countsOf(seeded.filter((e) => e.channelId === 'b2b')),
    );
    expect(await manager.caller.exports.errorCodes({})).toEqual(
      countsOf(seeded.filter((e) => e.channelId === 'b2c')),
    );
    const bad = await rejection(support.caller.exports.errorCodes({ channelId: '../etc' }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(Object.keys(bad.fieldErrors)).toEqual(['channelId']);
  });

  it('agrees with the list filter on what a code matches', async () => {
    for (const { code, count } of await support.caller.exports.errorCodes({})) {
      const page = await support.caller.exports.list({ filter: { iomErrorCode: code }, perPage: 500 });
      expect(page.data).toHaveLength(count);
    }
    const where = whereOfFilter({ iomErrorCode: 'INVALID_ADDRESS' }, support.user);
    const [row] = await tdb.db
      .select({ n: sql<number>`count(*)::int` })
      .from(orderExports)
      .where(where);
    expect(row?.n).toBe(seeded.filter((e) => e.lastIomErrorCode === 'INVALID_ADDRESS').length);
  });
});

describe('/metrics at scale', () => {
  it('counts the small states exactly and takes exported/created from the statistics', async () => {
    await tdb.db.execute(sql`analyze order_exports`);
    const exact = await exportsByState(tdb.db);
    const estimated = await exportsByState(tdb.db, 0);
    // After ANALYZE of a small table the statistics are exact, so both ways agree.
    expect(estimated).toEqual(exact);
    const total = exact.reduce((sum, r) => sum + r.n, 0);
    expect(total).toBe(seeded.length);
    expect(exact.find((r) => r.state === 'exported' && r.outcome === 'created')?.n).toBe(
      seeded.filter((e) => e.state === 'exported' && e.outcome === 'created').length,
    );
  });
});
