import { and, eq } from 'drizzle-orm';
import { channelServiceActivations } from '../../drizzle/schema/index.ts';
import { CATALOGUE } from '../../shared/catalogue/index.ts';
import { inheritedActivationSchema } from '../../shared/schemas/services.ts';
import { recordAudit } from '../audit/record.ts';
import type { ChannelActor } from '../channels/commands.ts';
import { assertChannelInScope } from '../channels/scope.ts';
import type { Db } from '../db/client.ts';
import { invalid } from '../errors.ts';
import { lockOwner } from '../services/ownership.ts';
import { getServiceRow } from '../services/queries.ts';
import { assertActivationRules } from '../services/rules.ts';
import { effectiveForChannels, type EffectiveEntry } from './effective.ts';

/**
 * A channel switches a configuration it inherits from its organization on or off, where the sharing rule
 * allows: shared-active may be switched off, shared-inactive must be switched on; mandatory and unshared
 * configurations cannot be switched. Switching back to the rule's default removes the channel's own switch.
 */
export async function setInheritedActive(
  db: Db,
  actor: ChannelActor,
  raw: unknown,
): Promise<{ entry: EffectiveEntry; warnings: string[] }> {
  const input = inheritedActivationSchema.parse(raw);
  if (actor.user) assertChannelInScope(actor.user, input.channelId);
  const warnings = await db.transaction(async (tx) => {
    const { channel } = await lockOwner(tx, { kind: 'channel', channelId: input.channelId });
    const config = await getServiceRow(tx, input.configId);
    const label = CATALOGUE[config.type].label;
    if (
      config.organizationId === null ||
      config.organizationId !== channel?.organizationId ||
      config.deletedAt
    ) {
      throw invalid(
        'configId',
        `This is not a configuration that channel ${input.channelId} inherits from its organization.`,
      );
    }
    if (config.sharingRule === 'shared-mandatory') {
      throw invalid(
        'active',
        `The organization makes its ${label} mandatory: a channel can neither deactivate nor replace it.`,
      );
    }
    if (config.sharingRule === 'unshared' || config.sharingRule === null) {
      throw invalid('active', `The organization does not share its ${label} with its channels.`);
    }
    const where = and(
      eq(channelServiceActivations.channelId, input.channelId),
      eq(channelServiceActivations.configId, config.id),
    );
    const [existing] = await tx.select().from(channelServiceActivations).where(where);
    const byDefault = config.sharingRule === 'shared-active';
    const before = existing ? existing.active : byDefault;
    if (before === input.active) return [];
    if (input.active === byDefault) await tx.delete(channelServiceActivations).where(where);
    else {
      await tx
        .insert(channelServiceActivations)
        .values({
          channelId: input.channelId,
          configId: config.id,
          active: input.active,
          updatedBy: actor.email,
        })
        .onConflictDoUpdate({
          target: [channelServiceActivations.channelId, channelServiceActivations.configId],
          set: { active: input.active, updatedBy: actor.email, updatedAt: new Date() },
        });
    }
    const warnings = input.active ? await assertActivationRules(tx, config.type, [input.channelId]) : [];
    await recordAudit(tx, actor, {
      action: input.active ? 'service.inherited_activated' : 'service.inherited_deactivated',
      targetType: 'service',
      targetId: config.id,
      targetLabel: `${input.channelId} / ${config.type} (inherited from ${config.organizationId})`,
      channelId: input.channelId,
      changes: [{ field: 'active', from: before, to: input.active }],
    });
    return warnings;
  });
  const effective = await effectiveForChannels(db, [input.channelId]);
  const config = await getServiceRow(db, input.configId);
  const entry = effective.get(input.channelId)?.entries.find((e) => e.type === config.type);
  if (!entry) throw new Error('the effective configuration vanished');
  return { entry, warnings };
}
