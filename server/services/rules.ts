import { checkActivation } from '../../shared/catalogue/rules.ts';
import type { ServiceType } from '../../shared/catalogue/types.ts';
import type { Db, Tx } from '../db/client.ts';
import { DomainError, invalid } from '../errors.ts';
import { effectiveActiveTypes, effectiveForChannels, type ChannelEffective } from '../sharing/effective.ts';

/**
 * Checks, after a write inside its transaction, that no affected channel now uses `type` beside a type it
 * must not be active with (a throw rolls the write back). Returns the warnings to show.
 */
export async function assertActivationRules(
  tx: Tx | Db,
  type: ServiceType,
  channelIds: string[],
): Promise<string[]> {
  if (channelIds.length === 0) return [];
  const effective = await effectiveForChannels(tx, channelIds);
  const blocked: string[] = [];
  const warnings = new Set<string>();
  for (const channelId of channelIds) {
    const active = effectiveActiveTypes(effective.get(channelId));
    if (!active.includes(type)) continue;
    const check = checkActivation(type, active);
    if (check.blocking.length)
      blocked.push(
        channelIds.length > 1 ? `${channelId}: ${check.blocking.join(' ')}` : check.blocking.join(' '),
      );
    for (const w of check.warnings) warnings.add(channelIds.length > 1 ? `${channelId}: ${w}` : w);
  }
  if (blocked.length) throw invalid('active', blocked.join(' '));
  return [...warnings];
}

/** Channels that use configuration `configId` (active) in `before` but not in `after`. */
export function channelsLosing(
  configId: string,
  before: Map<string, ChannelEffective>,
  after: Map<string, ChannelEffective>,
): string[] {
  const uses = (map: Map<string, ChannelEffective>, channelId: string) =>
    map.get(channelId)?.entries.some((e) => e.inUse?.id === configId && e.effective.active) ?? false;
  return [...before.keys()].filter((id) => uses(before, id) && !uses(after, id)).sort();
}

export function assertLossConfirmed(losing: string[], confirmed: boolean | undefined): void {
  if (losing.length === 0 || confirmed) return;
  const message = `This change takes the configuration away from ${losing.length} channel(s) that use it: ${losing.join(', ')}. Confirm to proceed.`;
  throw Object.assign(new DomainError('CONFLICT', message, { sharingRule: message }), {
    affectedChannels: losing,
  });
}

/** After a channel moved to another organization: no pair of its effective active types may conflict. */
export async function assertChannelConsistent(tx: Tx | Db, channelId: string): Promise<void> {
  const active = effectiveActiveTypes((await effectiveForChannels(tx, [channelId])).get(channelId));
  const blocking = [...new Set(active.flatMap((type) => checkActivation(type, active).blocking))];
  if (blocking.length)
    throw invalid(
      'organizationId',
      `In that organization the channel would use conflicting services: ${blocking.join(' ')}`,
    );
}
