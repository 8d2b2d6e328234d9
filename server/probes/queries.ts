import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { probeRuns } from '../../drizzle/schema/index.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { assertChannelInScope, inScope } from '../channels/scope.ts';
import type { Db } from '../db/client.ts';
import { getService } from '../services/queries.ts';

export type ProbeRunRow = typeof probeRuns.$inferSelect;

/** The latest test of each configuration (per channel), for health columns in lists. */
export async function latestRuns(db: Db, configIds: string[]): Promise<ProbeRunRow[]> {
  if (configIds.length === 0) return [];
  return db
    .selectDistinctOn([probeRuns.configId, probeRuns.channelId])
    .from(probeRuns)
    .where(inArray(probeRuns.configId, configIds))
    .orderBy(probeRuns.configId, probeRuns.channelId, desc(probeRuns.startedAt));
}

export async function runsOf(
  db: Db,
  configId: string,
  channelId: string | undefined,
  limit = 50,
): Promise<ProbeRunRow[]> {
  return db
    .select()
    .from(probeRuns)
    .where(and(eq(probeRuns.configId, configId), channelId ? eq(probeRuns.channelId, channelId) : undefined))
    .orderBy(desc(probeRuns.startedAt))
    .limit(limit);
}

/** The tests of a configuration the user may read, for one channel or every channel of theirs that used it. */
export async function probeHistory(
  db: Db,
  user: SessionUser,
  input: { configId: string; channelId?: string | undefined },
): Promise<ProbeRunRow[]> {
  const config = await getService(db, user, input.configId);
  if (input.channelId) assertChannelInScope(user, input.channelId);
  const runs = await runsOf(db, config.id, input.channelId);
  return runs.filter((r) => inScope(user, r.channelId));
}

export async function latestRunsOfChannels(db: Db, channelIds: string[]): Promise<ProbeRunRow[]> {
  if (channelIds.length === 0) return [];
  return db
    .selectDistinctOn([probeRuns.channelId, probeRuns.configId])
    .from(probeRuns)
    .where(inArray(probeRuns.channelId, channelIds))
    .orderBy(probeRuns.channelId, probeRuns.configId, desc(probeRuns.startedAt));
}

export async function countRuns(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(probeRuns);
  return row?.n ?? 0;
}
