import type { ProbeOutcome } from '../../shared/probe.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { channelScope } from '../channels/scope.ts';
import type { Db } from '../db/client.ts';
import { latestRuns } from './queries.ts';
import { activeConfigsOf } from './targets.ts';

export interface GridCell {
  channelId: string;
  type: string;
  configId: string;
  outcome: ProbeOutcome | null;
  message: string | null;
  testedAt: Date | null;
}

/** For the dashboard: every active configuration of the visible channels with its latest test. */
export async function probeGrid(
  db: Db,
  user: SessionUser,
): Promise<{ channels: string[]; cells: GridCell[] }> {
  const pairs = await activeConfigsOf(db, channelScope(user));
  const latest = await latestRuns(
    db,
    pairs.map((p) => p.config.id),
  );
  const byKey = new Map(latest.map((r) => [`${r.channelId}/${r.configId}`, r]));
  const cells = pairs.map(({ channel, config }) => {
    const run = byKey.get(`${channel.id}/${config.id}`);
    return {
      channelId: channel.id,
      type: config.type,
      configId: config.id,
      outcome: run?.outcome ?? null,
      message: run?.message ?? null,
      testedAt: run?.startedAt ?? null,
    };
  });
  return { channels: [...new Set(pairs.map((p) => p.channel.id))], cells };
}
