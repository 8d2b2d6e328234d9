import { and, eq, inArray, isNull } from 'drizzle-orm';
import { channels, serviceConfigs } from '../../drizzle/schema/index.ts';
import type { ChannelRow } from '../channels/queries.ts';
import type { Db } from '../db/client.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { secretContext } from '../services/commands.ts';
import type { ServiceRow } from '../services/queries.ts';
import type { ProbeTarget } from '../probe/types.ts';

/** A saved configuration as the probe needs it: the channel's shop identifiers and the decrypted password. */
export function targetOf(
  channel: ChannelRow,
  config: ServiceRow,
  secrets: SecretBox,
  probeProductId?: string,
): ProbeTarget {
  return {
    type: config.type,
    endpoint: config.endpoint,
    username: config.username,
    password: config.passwordEncrypted
      ? secrets.decrypt(config.passwordEncrypted, secretContext(config.id))
      : null,
    timeoutMs: config.timeoutMs,
    trustedCertificateSha256: config.trustedCertificateSha256,
    shopId: channel.iomShopId,
    shopName: channel.iomShopName,
    ...(probeProductId ? { probeProductId } : {}),
  };
}

export interface ChannelConfigPair {
  channel: ChannelRow;
  config: ServiceRow;
}

/** The configurations a channel uses and that are switched on: what "test all" tests. */
export async function activeConfigsOf(db: Db, channelIds: string[] | 'all'): Promise<ChannelConfigPair[]> {
  const channelRows = await db
    .select()
    .from(channels)
    .where(channelIds === 'all' ? undefined : inArray(channels.id, channelIds.length ? channelIds : ['']));
  if (channelRows.length === 0) return [];
  const byId = new Map(channelRows.map((c) => [c.id, c]));
  const configs = await db
    .select()
    .from(serviceConfigs)
    .where(
      and(
        inArray(serviceConfigs.channelId, [...byId.keys()]),
        eq(serviceConfigs.active, true),
        isNull(serviceConfigs.deletedAt),
      ),
    );
  return configs
    .map((config) => ({ channel: byId.get(config.channelId), config }))
    .filter((p): p is ChannelConfigPair => p.channel !== undefined)
    .sort((a, b) => a.channel.id.localeCompare(b.channel.id) || a.config.type.localeCompare(b.config.type));
}
