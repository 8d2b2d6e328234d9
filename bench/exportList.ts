import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../drizzle/schema/index.ts';
import type { SessionUser } from '../server/auth/sessions.ts';
import { createContextInner } from '../server/context.ts';
import type { Db } from '../server/db/client.ts';
import { migrate, rowsOf } from '../server/db/migrate.ts';
import { loadEnv } from '../server/env.ts';
import { createLogger } from '../server/logger.ts';
import { probeEnvironmentFrom } from '../server/probes/environment.ts';
import { createCaller } from '../server/routers/index.ts';
import { createSecretBox } from '../server/secrets/secretBox.ts';
import type { ExportListInput } from '../shared/schemas/exports.ts';
import { benchCsvDownload } from './exportListCsv.ts';
import { ensureBenchDatabase, ensureDataSet } from './exportListData.ts';
import { writeSection } from './lib.ts';

const WARM_UP = 5;
const RUNS = 30;

type Input = Omit<Partial<ExportListInput>, 'filter'> & { filter?: Partial<ExportListInput['filter']> };

/** The five filters support uses most, and a channel manager's first page. */
function cases(anchor: Date): { name: string; input: Input; user: 'support' | 'manager' }[] {
  const dayBefore = new Date(anchor.getTime() - 86_400_000);
  return [
    {
      name: 'failed of one channel, newest first',
      input: { filter: { state: 'failed', channelId: 'bench-03' } },
      user: 'support',
    },
    { name: 'all, newest first', input: {}, user: 'support' },
    {
      name: 'IOM error code, newest first',
      input: { filter: { iomErrorCode: 'INVALID_TAX_RATE' } },
      user: 'support',
    },
    {
      name: 'order-number prefix (100 matches)',
      input: { filter: { orderNumber: 'INT00471', orderNumberMatch: 'prefix' } },
      user: 'support',
    },
    {
      name: 'last 24 h, most attempts first',
      input: { filter: { from: dayBefore, to: anchor }, sort: 'attempts', order: 'DESC' },
      user: 'support',
    },
    { name: 'channel manager (3 channels), newest first', input: {}, user: 'manager' },
  ];
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

/** A statement with its parameters written in as literals, for psql. */
function inline(query: string, params: unknown[]): string {
  return query.replace(/\$(\d+)/g, (_m, n: string) => {
    const value = params[Number(n) - 1];
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'number') return String(value);
    const text =
      typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : JSON.stringify(value);
    return `'${text.replace(/'/g, "''")}'`;
  });
}

/** psql's own timing (`\timing`) of the statements, `runs` times after a warm-up: one total per run. */
function psqlTimes(url: string, statements: string[], runs: number): number[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-psql-'));
  const file = path.join(dir, 'list.sql');
  const round = statements.map((s) => `${s};`).join('\n');
  writeFileSync(
    file,
    `\\timing on\n\\o /dev/null\n${Array.from({ length: WARM_UP + runs }, () => round).join('\n')}\n`,
  );
  const out = execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', file], {
    encoding: 'utf8',
  });
  const times = [...out.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]));
  const totals: number[] = [];
  for (let r = WARM_UP; r < WARM_UP + runs; r += 1)
    totals.push(times.slice(r * statements.length, (r + 1) * statements.length).reduce((a, b) => a + b, 0));
  return totals;
}

/** The indexes (or scans) a statement's plan reads, from EXPLAIN ANALYZE. */
async function planOf(db: Db, statement: string): Promise<{ uses: string }> {
  const lines = rowsOf<{ 'QUERY PLAN': string }>(
    await db.execute(sql.raw(`explain (analyze, buffers) ${statement}`)),
  ).map((r) => r['QUERY PLAN']);
  const uses = new Set<string>();
  for (const line of lines) {
    const index = /(?:Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/.exec(
      line,
    );
    if (index?.[1] && !index[1].startsWith('channels')) uses.add(index[1]);
    if (/Seq Scan on order_exports/.test(line)) uses.add('Seq Scan');
    const sort = /Sort Method: ([\w-]+)/.exec(line);
    if (sort?.[1]) uses.add(`sort: ${sort[1]}`);
  }
  return { uses: [...uses].join(', ') };
}

/**
 * p50/p95 of exports.list through a tRPC caller for typical filters at 1 000 000 exports, next to the same statements'
 * time in psql, and the CSV download of every export. Needs PostgreSQL (TEST_DATABASE_URL or DATABASE_URL).
 */
export async function run(): Promise<string> {
  const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) {
    const note =
      'Skipped: the exports list benchmark needs PostgreSQL (set DATABASE_URL or TEST_DATABASE_URL).';
    writeSection('export-list', 'Exports list at 1 000 000 exports', note);
    return note;
  }
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const url = await ensureBenchDatabase(base);
  const client = postgres(url, {
    max: 10,
    onnotice: () => undefined,
    connection: { application_name: 'switchboard' },
  });
  let capture: { query: string; params: unknown[] }[] | null = null;
  const db = drizzle({
    client,
    schema,
    logger: { logQuery: (query, params) => capture?.push({ query, params }) },
  }) as unknown as Db;
  try {
    await migrate(db);
    const { generatedMs } = await ensureDataSet(url, log);
    const [anchorRow] = rowsOf<{ at: string | Date }>(
      await db.execute(sql`select max(created_at) as at from order_exports`),
    );
    const anchor = new Date(anchorRow?.at ?? Date.now());
    const services = {
      db,
      logger: createLogger('warn'),
      env: loadEnv({}),
      secrets: createSecretBox(Buffer.alloc(32, 7)),
      probeEnv: probeEnvironmentFrom({ SWITCHBOARD_OUTBOUND_ALLOW: [] }),
    };
    const users: Record<'support' | 'manager', SessionUser> = {
      support: {
        id: randomUUID(),
        email: 'bench-support@example.com',
        name: 'Bench support',
        role: 'support',
        channels: [],
        mustChangePassword: false,
      },
      manager: {
        id: randomUUID(),
        email: 'bench-manager@example.com',
        name: 'Bench manager',
        role: 'channel_manager',
        channels: ['bench-02', 'bench-07', 'bench-15'],
        mustChangePassword: false,
      },
    };
    const rows: string[] = [];
    const results: string[] = [];
    for (const c of cases(anchor)) {
      const caller = createCaller(createContextInner({ ...services, user: users[c.user] }));
      capture = [];
      const first = await caller.exports.list(c.input);
      const statements = capture.map((q) => inline(q.query, q.params));
      capture = null;
      for (let i = 0; i < WARM_UP; i += 1) await caller.exports.list(c.input);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const t0 = performance.now();
        await caller.exports.list(c.input);
        times.push(performance.now() - t0);
      }
      const psql = psqlTimes(url, statements, RUNS);
      const page = statements.find((s) => /order by/i.test(s) && !/^explain/i.test(s)) ?? '';
      const counted = statements.find((s) => /count\(/i.test(s)) ?? '';
      const plan = {
        uses: `page: ${(await planOf(db, page)).uses}; count: ${(await planOf(db, counted)).uses}`,
      };
      const [p50, p95, q50, q95] = [
        percentile(times, 50),
        percentile(times, 95),
        percentile(psql, 50),
        percentile(psql, 95),
      ];
      const total = `${first.total.exact ? '' : '≈ '}${first.total.count.toLocaleString('en-US')}`;
      rows.push(
        `| ${c.name} | ${first.data.length} | ${total} | ${ms(p50)} | ${ms(p95)} | ${ms(q50)} | ${ms(q95)} | ${(p50 / q50).toFixed(2)} | ${statements.length} | ${plan.uses} |`,
      );
      results.push(
        `${c.name}: procedure p50 ${ms(p50)} ms p95 ${ms(p95)} ms; psql p50 ${ms(q50)} ms p95 ${ms(q95)} ms`,
      );
    }
    const rssAfterList = process.memoryUsage().rss;
    const csv = await benchCsvDownload(db, services, log);
    const [size] = rowsOf<{ exports: string; attempts: string; table: string; indexes: string }>(
      await db.execute(sql`select (select count(*) from order_exports) as exports,
        (select count(*) from export_attempts) as attempts,
        pg_size_pretty(pg_table_size('order_exports')) as table,
        pg_size_pretty(pg_indexes_size('order_exports')) as indexes`),
    );
    const [version] = rowsOf<{ v: string }>(
      await db.execute(sql`select current_setting('server_version') as v`),
    );
    const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
    const header = [
      '| filter (25 rows per page) | rows | total | procedure p50 ms | p95 ms | psql p50 ms | p95 ms | ratio p50 | statements | indexes read (EXPLAIN ANALYZE) |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ];
    const table = [...header, ...rows].join('\n');
    const body = `PostgreSQL ${version?.v ?? '?'} (database \`switchboard_bench\`, ICU en-US collation), ${Number(size?.exports).toLocaleString('en-US')} exports over 20 channels and ${Number(size?.attempts).toLocaleString('en-US')} attempts; order_exports ${size?.table} + ${size?.indexes} of indexes.${generatedMs === null ? ' Data set reused.' : ` Data set generated in ${Math.round(generatedMs / 1000)} s.`}

\`exports.list\` through a tRPC caller (zod input, channel scope, keyset page of 25 + the capped count, and EXPLAIN's estimate when more than 10 000 match), ${WARM_UP} warm-up and ${RUNS} measured calls each; next to the very statements the procedure sent (captured by drizzle's logger, parameters written in) run by \`psql\` with \`\\timing\`, one after the other. The procedure runs the page and the count in parallel on two connections.

${table}

Server RSS after the list benchmark: ${mb(rssAfterList)}.

CSV download of every export (\`GET /api/exports.csv\`, keyset batches of 1 000, streamed): ${csv.rows.toLocaleString('en-US')} rows, ${mb(csv.bytes)} in ${(csv.ms / 1000).toFixed(1)} s (${Math.round(csv.rows / (csv.ms / 1000)).toLocaleString('en-US')} rows/s); server RSS ${mb(csv.rssBefore)} before, at most ${mb(csv.rssPeak)} while streaming.
`;
    writeSection('export-list', 'Exports list at 1 000 000 exports', body);
    return [
      ...results,
      `RSS after list: ${mb(rssAfterList)}; CSV ${csv.rows} rows in ${(csv.ms / 1000).toFixed(1)} s, peak RSS ${mb(csv.rssPeak)}`,
      '',
      table,
    ].join('\n');
  } finally {
    await client.end();
  }
}
