import { inArray } from 'drizzle-orm';
import { channels } from '../../drizzle/schema/index.ts';
import type { ChannelRow } from '../channels/queries.ts';
import type { Db, Tx } from '../db/client.ts';
import type { ServiceRow } from '../services/queries.ts';
import { effectiveForChannels } from '../sharing/effective.ts';
import { exportSettingsOf, type ExportSettings } from './trigger.ts';

/** A channel's effective, active order-export configuration: what the exporter sends with. */
export interface ExportTarget {
  channel: ChannelRow;
  config: ServiceRow;
  settings: ExportSettings;
}

/**
 * The effective order-export configuration per channel (own or inherited, after the sharing rules), or null
 * where the channel has none active. Channels that do not exist are missing from the map.
 */
export async function exportTargets(
  db: Db | Tx,
  channelIds: string[],
): Promise<Map<string, ExportTarget | null>> {
  const result = new Map<string, ExportTarget | null>();
  const ids = [...new Set(channelIds)];
  if (ids.length === 0) return result;
  const [rows, effective] = await Promise.all([
    db.select().from(channels).where(inArray(channels.id, ids)),
    effectiveForChannels(db as Db, ids),
  ]);
  for (const channel of rows) {
    const entry = effective.get(channel.id)?.entries.find((e) => e.type === 'order-export');
    const config = entry?.effective.active ? entry.inUse : null;
    result.set(channel.id, config ? { channel, config, settings: exportSettingsOf(config.settings) } : null);
  }
  return result;
}

/** Only the settings of the channel's effective, active order-export configuration (null: none). */
export async function exportSettingsFor(db: Db | Tx, channelId: string): Promise<ExportSettings | null> {
  const effective = await effectiveForChannels(db, [channelId]);
  const entry = effective.get(channelId)?.entries.find((e) => e.type === 'order-export');
  return entry?.effective.active && entry.inUse ? exportSettingsOf(entry.inUse.settings) : null;
}

/** The targets per channel, each reused for a second: one look-up per claimed batch, not per export. */
export class TargetCache {
  private readonly entries = new Map<string, { at: number; target: ExportTarget | null }>();
  constructor(
    private readonly db: Db,
    private readonly maxAgeMs = 1000,
  ) {}

  async get(channelIds: string[]): Promise<Map<string, ExportTarget | null>> {
    const t = Date.now();
    const stale = [...new Set(channelIds)].filter(
      (c) => (this.entries.get(c)?.at ?? -Infinity) < t - this.maxAgeMs,
    );
    if (stale.length) {
      const loaded = await exportTargets(this.db, stale);
      for (const c of stale) this.entries.set(c, { at: t, target: loaded.get(c) ?? null });
    }
    return new Map(channelIds.map((c) => [c, this.entries.get(c)?.target ?? null]));
  }

  clear(): void {
    this.entries.clear();
  }
}
