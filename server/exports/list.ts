import { and, asc, count, desc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import { channels, orderExports } from '../../drizzle/schema/index.ts';
import type { ExportFilter, ExportListInput } from '../../shared/schemas/exports.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/migrate.ts';
import { decodeCursor, encodeCursor, type ExportCursor } from './cursor.ts';
import { whereOfFilter } from './filter.ts';
import { oneLine, outcomeClassOf, type ExportListRow } from './listRow.ts';

/** Below this many matching exports the list's total is exact; above, PostgreSQL's estimate. */
export const EXACT_COUNT_CAP = 10_000;
/** How many IOM error codes the filter's choice offers. */
export const ERROR_CODES_SHOWN = 50;

export interface ExportListPage {
  data: ExportListRow[];
  nextCursor: string | null;
  total: { count: number; exact: boolean };
}

type Order = ExportListInput['order'];
type Sort = ExportListInput['sort'];

const e = orderExports;

/** The sort key as the cursor carries it: `createdAt` in UTC with microseconds, exactly as stored. */
const sortKeyOf = (sort: Sort): SQL<string | number> =>
  sort === 'attempts'
    ? sql<number>`${e.attempts}`
    : sql<string>`to_char(${e.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Rows after the cursor in the list's order: a row comparison the (key, id) indexes answer directly. */
function afterCursor(cursor: ExportCursor): SQL {
  const comparison = sql.raw(cursor.order === 'DESC' ? '<' : '>');
  return cursor.sort === 'attempts'
    ? sql`(${e.attempts}, ${e.id}) ${comparison} (${cursor.value}::integer, ${cursor.id}::uuid)`
    : sql`(${e.createdAt}, ${e.id}) ${comparison} (${cursor.value}::timestamptz, ${cursor.id}::uuid)`;
}

export interface PageParams {
  filter: Partial<ExportFilter>;
  sort: Sort;
  order: Order;
  limit: number;
  after: ExportCursor | null;
}

/** One keyset page of matching exports with their channel's name; what the list and the CSV download read. */
export function exportPageQuery(db: Db, user: SessionUser, params: PageParams) {
  const key = params.sort === 'attempts' ? e.attempts : e.createdAt;
  const direction = params.order === 'DESC' ? desc : asc;
  return db
    .select({
      id: e.id,
      channelId: e.channelId,
      channelName: channels.name,
      shopOrderNumber: e.shopOrderNumber,
      state: e.state,
      outcome: e.outcome,
      attempts: e.attempts,
      // Enough for one line; an IOM answer can be long and the list never shows more.
      lastErrorMessage: sql<string | null>`left(${e.lastErrorMessage}, 1000)`,
      lastErrorClass: e.lastErrorClass,
      lastIomErrorCode: e.lastIomErrorCode,
      nextAttemptAt: e.nextAttemptAt,
      lastAttemptAt: e.lastAttemptAt,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      ownerEmail: e.ownerEmail,
      sortKey: sortKeyOf(params.sort),
    })
    .from(e)
    .innerJoin(channels, eq(channels.id, e.channelId))
    .where(and(whereOfFilter(params.filter, user), params.after ? afterCursor(params.after) : undefined))
    .orderBy(direction(key), direction(e.id))
    .limit(params.limit);
}

type PageRecord = Awaited<ReturnType<typeof exportPageQuery>>[number];

function listRowOf(r: PageRecord): ExportListRow {
  return {
    id: r.id,
    channelId: r.channelId,
    channelName: r.channelName,
    shopOrderNumber: r.shopOrderNumber,
    state: r.state,
    outcome: r.outcome ?? null,
    outcomeClass: outcomeClassOf(r.outcome ?? null),
    attempts: r.attempts,
    lastError: oneLine(r.lastErrorMessage ?? r.lastErrorClass ?? null),
    lastIomErrorCode: r.lastIomErrorCode,
    nextAttemptAt: r.nextAttemptAt,
    lastAttemptAt: r.lastAttemptAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    ownerEmail: r.ownerEmail,
  };
}

/** A page of rows (fetched with one extra row) and the cursor that continues after it, or null at the end. */
function pageOf(records: PageRecord[], params: PageParams, size: number) {
  const rows = records.slice(0, size);
  const last = rows[rows.length - 1];
  const nextCursor =
    records.length > size && last
      ? encodeCursor({ sort: params.sort, order: params.order, value: last.sortKey, id: last.id })
      : null;
  return { rows: rows.map(listRowOf), nextCursor };
}

/**
 * How many exports match: counted exactly up to `cap` (the count reads at most cap + 1 index entries), beyond that
 * the planner's estimate, never a count(*) over a million rows.
 */
export async function exportTotal(
  db: Db,
  where: SQL,
  cap = EXACT_COUNT_CAP,
): Promise<{ count: number; exact: boolean }> {
  const capped = db
    .select({ one: sql`1`.as('one') })
    .from(e)
    .where(where)
    .limit(cap + 1)
    .as('capped');
  const [counted] = await db.select({ n: count() }).from(capped);
  const n = Number(counted?.n ?? 0);
  if (n <= cap) return { count: n, exact: true };
  return { count: Math.max(await estimatedRows(db, where), cap + 1), exact: false };
}

/** The planner's row estimate for the filter, from EXPLAIN (statistics; nothing is read). */
async function estimatedRows(db: Db, where: SQL): Promise<number> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`explain (format json) select 1 from ${e} where ${where}`),
  );
  const value = row ? Object.values(row)[0] : undefined;
  const plan = (typeof value === 'string' ? JSON.parse(value) : value) as [{ Plan: { 'Plan Rows': number } }];
  return Math.round(plan[0].Plan['Plan Rows']);
}

/** exports.list: a keyset page of the exports this user may see that match the filter, with the total. */
export async function listExports(
  db: Db,
  user: SessionUser,
  input: ExportListInput,
  options: { countCap?: number } = {},
): Promise<ExportListPage> {
  const after = input.after ? decodeCursor(input.after, input) : null;
  const params: PageParams = { ...input, limit: input.perPage + 1, after };
  const [records, total] = await Promise.all([
    exportPageQuery(db, user, params),
    exportTotal(db, whereOfFilter(input.filter, user), options.countCap),
  ]);
  const { rows, nextCursor } = pageOf(records, params, input.perPage);
  return { data: rows, nextCursor, total };
}

/**
 * Every matching export in list order, in keyset batches of `batchSize`: memory holds one batch however many
 * rows match (the CSV download).
 */
export async function* exportRowBatches(
  db: Db,
  user: SessionUser,
  query: { filter: Partial<ExportFilter>; sort: Sort; order: Order },
  batchSize = 1000,
): AsyncGenerator<ExportListRow[]> {
  let after: ExportCursor | null = null;
  for (;;) {
    const records = await exportPageQuery(db, user, { ...query, limit: batchSize + 1, after });
    const rows = records.slice(0, batchSize);
    if (rows.length > 0) yield rows.map(listRowOf);
    const last = rows[rows.length - 1];
    if (records.length <= batchSize || !last) return;
    after = { sort: query.sort, order: query.order, value: last.sortKey, id: last.id };
  }
}

/** exports.errorCodes: IOM error codes on the last attempt of exports this user may see, most frequent first. */
export async function exportErrorCodes(
  db: Db,
  user: SessionUser,
  input: { channelId?: string | undefined },
): Promise<{ code: string; count: number }[]> {
  const rows = await db
    .select({ code: e.lastIomErrorCode, count: count() })
    .from(e)
    .where(and(whereOfFilter({ channelId: input.channelId }, user), isNotNull(e.lastIomErrorCode)))
    .groupBy(e.lastIomErrorCode)
    .orderBy(desc(count()), asc(e.lastIomErrorCode))
    .limit(ERROR_CODES_SHOWN);
  return rows.map((r) => ({ code: r.code as string, count: Number(r.count) }));
}
