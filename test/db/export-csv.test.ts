import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, orderExports } from '../../drizzle/schema/index.ts';
import { buildApp } from '../../server/http/app.ts';
import { SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { loadEnv } from '../../server/env.ts';
import { signedInAs, testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { expectedOrder, seedExports, type SeededExport } from '../helpers/exportListSeed.ts';

let tdb: TestDatabase;
let app: FastifyInstance;
let seeded: SeededExport[];
let supportToken: string;
let managerToken: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await tdb.reset();
  seeded = await seedExports(tdb.db);
  // Text a spreadsheet would misread: a comma and quotes in a name, a formula for an order number.
  await tdb.db.update(channels).set({ name: 'Outlet, "Europe"' }).where(eq(channels.id, 'outlet'));
  await tdb.db
    .update(orderExports)
    .set({ shopOrderNumber: '=HYPERLINK("http://evil.example")' })
    .where(eq(orderExports.id, seeded[8]?.id as string));
  app = await buildApp({
    database: tdb,
    env: loadEnv({}),
    logger: testLogger,
    secrets: testSecrets,
    probeEnv: testProbeEnv,
  });
  supportToken = (await signedInAs(tdb.db, 'support')).token;
  managerToken = (await signedInAs(tdb.db, 'channel_manager', { channels: ['b2c'] })).token;
});
afterAll(async () => {
  await app.close();
  await tdb.close();
});

const download = (query: string, token: string | null) =>
  app.inject({
    method: 'GET',
    url: `/api/exports.csv${query}`,
    headers: token ? { cookie: `${SESSION_COOKIE}=${token}` } : {},
  });

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return records;
}

describe('GET /api/exports.csv', () => {
  it('needs a session', async () => {
    for (const token of [null, 'not-a-session']) {
      const response = await download('', token);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: 'unauthorized' });
    }
  });

  it('streams every visible export as CSV, newest first, without payloads', async () => {
    const response = await download('', supportToken);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="exports-\d{8}T\d{4}Z\.csv"$/,
    );
    expect(response.body.startsWith('\uFEFFid,channel,shop order number,state,')).toBe(true);
    const [header, ...records] = parseCsv(response.body.slice(1));
    expect(header).toHaveLength(14);
    expect(records.map((r) => r[0])).toEqual(expectedOrder(seeded, 'createdAt', 'DESC'));
    expect(records.every((r) => r.length === 14)).toBe(true);
    expect(response.body).not.toContain('"shopOrderNumber"'); // the payload's JSON
  });

  it('quotes fields and keeps formulas as text', async () => {
    const response = await download('?channelId=outlet', supportToken);
    const records = parseCsv(response.body.slice(1)).slice(1);
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r[1] === 'Outlet, "Europe"')).toBe(true);
    expect(response.body).toContain('"Outlet, ""Europe"""');
    const formula = parseCsv(response.body.slice(1)).find((r) => r[0] === seeded[8]?.id);
    // seeded[8] is in channel outlet by the seed's plan
    expect(formula?.[2]).toBe(`'=HYPERLINK("http://evil.example")`);
    const failed = records.find((r) => r[3] === 'failed' || r[3] === 'resolved');
    expect(failed?.[8]).toMatch(/^IOM refused the order \(422\):/);
    expect(failed?.[8]).not.toMatch(/\n/);
  });

  it('applies the filter, the sort and the channel scope', async () => {
    const failed = await download('?state=failed&sort=attempts&order=ASC', supportToken);
    const ids = parseCsv(failed.body.slice(1))
      .slice(1)
      .map((r) => r[0]);
    expect(ids).toEqual(
      expectedOrder(
        seeded.filter((e) => e.state === 'failed'),
        'attempts',
        'ASC',
      ),
    );
    const own = await download('', managerToken);
    const ownIds = parseCsv(own.body.slice(1))
      .slice(1)
      .map((r) => r[0]);
    expect(ownIds).toEqual(
      expectedOrder(
        seeded.filter((e) => e.channelId === 'b2c'),
        'createdAt',
        'DESC',
      ),
    );
    const foreign = await download('?channelId=b2b', managerToken);
    expect(foreign.statusCode).toBe(200);
    expect(parseCsv(foreign.body.slice(1))).toHaveLength(1); // the header only
    const prefix = await download(
      `?orderNumber=${encodeURIComponent('AB%')}&orderNumberMatch=prefix`,
      supportToken,
    );
    expect(
      parseCsv(prefix.body.slice(1))
        .slice(1)
        .map((r) => r[2]),
    ).toEqual(['AB%1']);
  });

  it('refuses a bad filter with 400 naming the field, before any row', async () => {
    const cases: [string, string][] = [
      ['?state=lost', 'state'],
      ['?from=2026-03-02&to=2026-03-01', 'to'],
      ['?from=yesterday', 'from'],
      ['?sort=payload', 'sort'],
      ['?order=sideways', 'order'],
      ['?perPage=10', '_'],
      ['?state=failed&state=held', 'state'],
    ];
    for (const [query, field] of cases) {
      const response = await download(query, supportToken);
      expect(response.statusCode, query).toBe(400);
      const body = response.json<{ error: string; message: string; fieldErrors: Record<string, string> }>();
      expect(body.error).toBe('bad_request');
      expect(Object.keys(body.fieldErrors), query).toContain(field);
      expect(body.message.length).toBeGreaterThan(0);
    }
  });
});
