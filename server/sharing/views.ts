import type { z } from 'zod';
import type { orgChangePreviewSchema } from '../../shared/schemas/services.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { assertChannelInScope } from '../channels/scope.ts';
import type { Db } from '../db/client.ts';
import { invalid } from '../errors.ts';
import { latestRuns } from '../probes/queries.ts';
import { channelsOfOrganization } from '../services/ownership.ts';
import { getServiceRow, toView } from '../services/queries.ts';
import { channelsLosing } from '../services/rules.ts';
import { effectiveForChannels } from './effective.ts';

/** A channel's Services tab: per type what it uses, own and inherited configurations, and the latest test. */
export async function channelEffective(db: Db, user: SessionUser, channelId: string) {
  assertChannelInScope(user, channelId);
  const effective = (await effectiveForChannels(db, [channelId])).get(channelId);
  if (!effective) throw invalid('channelId', `There is no channel ${channelId}.`);
  const ids = effective.entries
    .flatMap((e) => [e.local?.id, e.inherited?.id])
    .filter((id): id is string => Boolean(id));
  const runs = await latestRuns(db, ids);
  return {
    organizationId: effective.organizationId,
    organizationName: effective.organizationName,
    entries: effective.entries.map((e) => {
      const run = e.inUse
        ? runs.find((r) => r.configId === e.inUse?.id && r.channelId === channelId)
        : undefined;
      return {
        type: e.type,
        effective: e.effective,
        local: e.local ? toView(e.local) : null,
        inherited: e.inherited ? toView(e.inherited) : null,
        activation: e.activation,
        latestTest: run
          ? { outcome: run.outcome, message: run.message, at: run.startedAt, id: run.id }
          : null,
      };
    }),
  };
}

/** Which channels would lose or gain an organization configuration through a change, before it is made. */
export async function previewOrgChange(db: Db, input: z.output<typeof orgChangePreviewSchema>) {
  const config = await getServiceRow(db, input.id);
  if (!config.organizationId)
    throw invalid('id', 'Only organization configurations are shared with channels.');
  const channels = await channelsOfOrganization(db, config.organizationId);
  const before = await effectiveForChannels(db, channels);
  const after = await effectiveForChannels(db, channels, {
    configId: config.id,
    ...(input.active === undefined ? {} : { active: input.active }),
    ...(input.sharingRule ? { sharingRule: input.sharingRule } : {}),
    ...(input.deleted ? { deleted: true } : {}),
  });
  return {
    losing: channelsLosing(config.id, before, after),
    gaining: channelsLosing(config.id, after, before),
  };
}
