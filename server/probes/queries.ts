import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { probeRuns } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/client.ts';

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
