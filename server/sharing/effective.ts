import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import {
  channels,
  channelServiceActivations,
  organizations,
  serviceConfigs,
} from '../../drizzle/schema/index.ts';
import { SERVICE_TYPES, type ServiceType } from '../../shared/catalogue/types.ts';
import { resolveEffective, type EffectiveConfig } from '../../shared/sharing/effective.ts';
import type { Db } from '../db/client.ts';
import type { ServiceRow } from '../services/queries.ts';

export interface EffectiveEntry {
  type: ServiceType;
  effective: EffectiveConfig;
  /** The configuration the channel uses for this type, or null. */
  inUse: ServiceRow | null;
  local: ServiceRow | null;
  inherited: ServiceRow | null;
  activation: { active: boolean; by: string; at: Date } | null;
}

export interface ChannelEffective {
  channelId: string;
  organizationId: string;
  organizationName: string;
  entries: EffectiveEntry[];
}

/** Changes an organization configuration is about to get, to see their effect before they are saved. */
export interface OrgConfigChange {
  configId: string;
  active?: boolean;
  sharingRule?: ServiceRow['sharingRule'];
  deleted?: boolean;
}

/**
 * What each channel uses per service type: its own configuration, or its organization's under the sharing
 * rule and the channel's own switch. Everything that uses a configuration — tests, exports, coverage — asks
 * this. `change` previews an organization configuration change without saving it.
 */
export async function effectiveForChannels(
  db: Db,
  channelIds: string[],
  change?: OrgConfigChange,
): Promise<Map<string, ChannelEffective>> {
  const result = new Map<string, ChannelEffective>();
  if (channelIds.length === 0) return result;
  // Three independent reads, sent together (pipelined inside a transaction).
  const ofChannels = db
    .select({ organizationId: channels.organizationId })
    .from(channels)
    .where(inArray(channels.id, channelIds));
  const [channelRows, configs, activations] = await Promise.all([
    db
      .select({ id: channels.id, organizationId: channels.organizationId, orgName: organizations.name })
      .from(channels)
      .leftJoin(organizations, eq(organizations.id, channels.organizationId))
      .where(inArray(channels.id, channelIds)),
    db
      .select()
      .from(serviceConfigs)
      .where(
        and(
          isNull(serviceConfigs.deletedAt),
          or(
            inArray(serviceConfigs.channelId, channelIds),
            inArray(serviceConfigs.organizationId, ofChannels),
          ),
        ),
      ),
    db
      .select()
      .from(channelServiceActivations)
      .where(inArray(channelServiceActivations.channelId, channelIds)),
  ]);
  const orgName = new Map(channelRows.map((c) => [c.organizationId, c.orgName ?? c.organizationId]));

  const adjusted = configs
    .map((c) =>
      change && c.id === change.configId
        ? {
            ...c,
            ...(change.active === undefined ? {} : { active: change.active }),
            ...(change.sharingRule ? { sharingRule: change.sharingRule } : {}),
            deletedAt: change.deleted ? new Date() : c.deletedAt,
          }
        : c,
    )
    .filter((c) => c.deletedAt === null);

  for (const channel of channelRows) {
    const entries: EffectiveEntry[] = [];
    for (const type of SERVICE_TYPES) {
      const local = adjusted.find((c) => c.channelId === channel.id && c.type === type) ?? null;
      const inherited =
        adjusted.find((c) => c.organizationId === channel.organizationId && c.type === type) ?? null;
      if (!local && !inherited) continue;
      const act = inherited
        ? activations.find((a) => a.channelId === channel.id && a.configId === inherited.id)
        : undefined;
      const effective = resolveEffective(
        inherited && inherited.sharingRule
          ? {
              id: inherited.id,
              organizationName: orgName.get(channel.organizationId) ?? channel.organizationId,
              rule: inherited.sharingRule,
              active: inherited.active,
            }
          : null,
        local ? { id: local.id, active: local.active } : null,
        act ? { active: act.active, by: act.updatedBy } : null,
      );
      const inUse =
        effective.configId === local?.id ? local : effective.configId === inherited?.id ? inherited : null;
      entries.push({
        type,
        effective,
        inUse,
        local,
        inherited,
        activation: act ? { active: act.active, by: act.updatedBy, at: act.updatedAt } : null,
      });
    }
    result.set(channel.id, {
      channelId: channel.id,
      organizationId: channel.organizationId,
      organizationName: orgName.get(channel.organizationId) ?? channel.organizationId,
      entries,
    });
  }
  return result;
}

export function effectiveActiveTypes(channel: ChannelEffective | undefined): ServiceType[] {
  return (channel?.entries ?? []).filter((e) => e.effective.active).map((e) => e.type);
}
