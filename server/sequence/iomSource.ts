import { asc } from 'drizzle-orm';
import { channels } from '../../drizzle/schema/index.ts';
import type { ChannelRow } from '../channels/queries.ts';
import { getChannelRow } from '../channels/queries.ts';
import type { Db } from '../db/client.ts';
import { invalid } from '../errors.ts';
import type { ServiceRow } from '../services/queries.ts';
import { effectiveForChannels, type ChannelEffective } from '../sharing/effective.ts';

/** Order History reads orders, so it is asked first; the Order Export configuration reaches the same API. */
const SOURCE_TYPES = ['order-history', 'order-export'] as const;

/** The configuration a channel actually uses (its effective one) and has switched on, of the first usable type. */
function usableConfig(effective: ChannelEffective | undefined): ServiceRow | null {
  for (const type of SOURCE_TYPES) {
    const entry = effective?.entries.find((e) => e.type === type);
    if (entry?.effective.active && entry.inUse) return entry.inUse;
  }
  return null;
}

export async function iomSourceOf(
  db: Db,
  channelId: string,
): Promise<{ channel: ChannelRow; config: ServiceRow }> {
  const channel = await getChannelRow(db, channelId).catch(() => {
    throw invalid('channelId', `There is no channel ${channelId}.`);
  });
  const config = usableConfig((await effectiveForChannels(db, [channelId])).get(channelId));
  if (!config)
    throw invalid(
      'channelId',
      `Channel ${channelId} uses no active Order History or Order Export service, so Switchboard cannot ask its IOM. Activate one, or type IOM's largest order number in.`,
    );
  return { channel, config };
}

/** Every channel with the configuration "fetch from IOM" would use, or why there is none. */
export async function listIomSources(db: Db) {
  const rows = await db.select().from(channels).orderBy(asc(channels.id));
  const effective = await effectiveForChannels(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((channel) => {
    const config = usableConfig(effective.get(channel.id));
    return {
      channelId: channel.id,
      channelName: channel.name,
      iomShopId: channel.iomShopId,
      config: config
        ? { id: config.id, type: config.type, endpoint: config.endpoint, timeoutMs: config.timeoutMs }
        : null,
      unavailable: config ? null : 'No active Order History or Order Export service.',
    };
  });
}
