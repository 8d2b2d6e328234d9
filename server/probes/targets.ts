import { inArray } from 'drizzle-orm';
import { channels } from '../../drizzle/schema/index.ts';
import type { ChannelRow } from '../channels/queries.ts';
import type { Db } from '../db/client.ts';
import { openClientCertificate } from '../secrets/clientCertificate.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { effectiveForChannels } from '../sharing/effective.ts';
import { secretContext } from '../services/commands.ts';
import type { ServiceRow } from '../services/queries.ts';
import type { ProbeTarget } from '../probe/types.ts';

/**
 * A saved configuration as the probe needs it: the channel's shop identifiers, the decrypted password and
 * client certificate.
 */
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
    clientCertificate: openClientCertificate(secrets, config),
    clientCertificateSubject: config.clientCertificateSubject,
    clientCertificateExpiresAt: config.clientCertificateExpiresAt,
    shopId: channel.iomShopId,
    shopName: channel.iomShopName,
    ...(probeProductId ? { probeProductId } : {}),
  };
}

export interface ChannelConfigPair {
  channel: ChannelRow;
  config: ServiceRow;
}

/** The configurations the channels use (their effective ones) and that are switched on: what "test all" tests. */
export async function activeConfigsOf(db: Db, channelIds: string[] | 'all'): Promise<ChannelConfigPair[]> {
  const channelRows = await db
    .select()
    .from(channels)
    .where(channelIds === 'all' ? undefined : inArray(channels.id, channelIds.length ? channelIds : ['']));
  const effective = await effectiveForChannels(
    db,
    channelRows.map((c) => c.id),
  );
  const pairs: ChannelConfigPair[] = [];
  for (const channel of channelRows) {
    for (const entry of effective.get(channel.id)?.entries ?? []) {
      if (entry.effective.active && entry.inUse) pairs.push({ channel, config: entry.inUse });
    }
  }
  return pairs.sort(
    (a, b) => a.channel.id.localeCompare(b.channel.id) || a.config.type.localeCompare(b.config.type),
  );
}

/** Whether `config` may be tested for `channel`: its own, or its organization's. */
export function belongsTo(config: ServiceRow, channel: ChannelRow): boolean {
  return (
    config.channelId === channel.id ||
    (config.channelId === null && config.organizationId === channel.organizationId)
  );
}
