import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db/client.ts';
import { rowsOf } from '../../server/db/migrate.ts';

/**
 * Columns that record who asked, not what changed: a refused request may move them (a token's or a session's
 * last use), so a fingerprint leaves them out.
 */
const BOOKKEEPING_COLUMNS = ['last_used_at', 'last_seen_at', 'expires_at'];
/** Tables that record attempts rather than state: login failures, sessions. */
const BOOKKEEPING_TABLES = ['sessions', 'login_failures', '__drizzle_migrations'];

/** The public tables a fingerprint covers. */
export async function stateTables(db: Db): Promise<string[]> {
  const rows = rowsOf<{ tablename: string }>(
    await db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by 1`),
  );
  return rows.map((r) => r.tablename).filter((t) => !BOOKKEEPING_TABLES.includes(t));
}

/** Every row of every given table, hashed per table in one statement: equal fingerprints, equal data. */
export async function fingerprint(db: Db, tables: string[]): Promise<string> {
  const drop = BOOKKEEPING_COLUMNS.map((c) => ` - '${c}'`).join('');
  const parts = tables.map((t) =>
    sql.raw(
      `select '${t}' as t, md5(coalesce(string_agg((to_jsonb(x)${drop})::text, '|' order by (to_jsonb(x)${drop})::text), '')) as h from "${t}" x`,
    ),
  );
  const rows = rowsOf<{ t: string; h: string }>(await db.execute(sql.join(parts, sql` union all `)));
  return rows.map((r) => `${r.t}:${r.h}`).join(',');
}
