import { eq, inArray, sql } from 'drizzle-orm';
import {
  channels,
  channelServiceActivations,
  organizations,
  probeRuns,
  serviceConfigs,
} from '../../drizzle/schema/index.ts';
import { diffFields } from '../../shared/diff.ts';
import {
  organizationCreateSchema,
  organizationIdSchema,
  organizationUpdateSchema,
  type OrganizationCreateInput,
  type OrganizationUpdateInput,
} from '../../shared/schemas/organizations.ts';
import { DEFAULT_ORGANIZATION_ID } from '../../drizzle/schema/organizations.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { conflict, DomainError, notFound } from '../errors.ts';
import { getOrganization } from './queries.ts';

const idTaken = (id: string) =>
  conflict(`An organization with the id ${id} exists already.`, {
    id: `The organization ${id} exists already.`,
  });

export async function createOrganization(db: Db, actor: Actor, raw: OrganizationCreateInput) {
  const input = organizationCreateSchema.parse(raw);
  try {
    await db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.id, input.id));
      if (existing) throw idTaken(input.id);
      await tx.insert(organizations).values({ ...input, updatedBy: actor.email });
      await recordAudit(tx, actor, {
        action: 'organization.created',
        targetType: 'organization',
        targetId: input.id,
        targetLabel: input.name,
        changes: diffFields(null, input),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw idTaken(input.id);
    throw error;
  }
  return getOrganization(db, input.id);
}

export async function updateOrganization(db: Db, actor: Actor, raw: OrganizationUpdateInput) {
  const input = organizationUpdateSchema.parse(raw);
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.id, input.id))
      .for('update');
    if (!current) throw notFound(`There is no organization ${input.id}.`);
    if (current.version !== input.version) {
      throw conflict(
        `This organization was changed by ${current.updatedBy ?? 'someone else'} at ${current.updatedAt.toISOString()} — reload to see their change.`,
      );
    }
    const { id, version: _version, ...changes } = input;
    const diff = diffFields(current, changes);
    if (diff.length === 0) return;
    await tx
      .update(organizations)
      .set({
        ...changes,
        version: sql`${organizations.version} + 1`,
        updatedAt: new Date(),
        updatedBy: actor.email,
      })
      .where(eq(organizations.id, id));
    await recordAudit(tx, actor, {
      action: 'organization.updated',
      targetType: 'organization',
      targetId: id,
      targetLabel: changes.name ?? current.name,
      changes: diff,
    });
  });
  return getOrganization(db, input.id);
}

/**
 * Deletes an organization that holds no channels, with its own configurations (their audit history stays).
 * The default organization stays: channels created without one land there.
 */
export async function deleteOrganization(db: Db, actor: Actor, rawId: string) {
  const id = organizationIdSchema.parse(rawId);
  if (id === DEFAULT_ORGANIZATION_ID) {
    throw new DomainError(
      'BAD_REQUEST',
      'The default organization holds channels created without one; rename it instead of deleting it.',
    );
  }
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(organizations).where(eq(organizations.id, id)).for('update');
    if (!current) throw notFound(`There is no organization ${id}.`);
    const held = await tx.select({ id: channels.id }).from(channels).where(eq(channels.organizationId, id));
    if (held.length) {
      throw conflict(
        `The organization ${id} still has ${held.length} channel(s): ${held
          .map((c) => c.id)
          .sort()
          .join(', ')}. Move them to another organization first.`,
      );
    }
    const configs = await tx
      .select({ id: serviceConfigs.id, type: serviceConfigs.type })
      .from(serviceConfigs)
      .where(eq(serviceConfigs.organizationId, id));
    const configIds = configs.map((c) => c.id);
    if (configIds.length) {
      await tx
        .delete(channelServiceActivations)
        .where(inArray(channelServiceActivations.configId, configIds));
      await tx.delete(probeRuns).where(inArray(probeRuns.configId, configIds));
      await tx.delete(serviceConfigs).where(inArray(serviceConfigs.id, configIds));
    }
    await tx.delete(organizations).where(eq(organizations.id, id));
    await recordAudit(tx, actor, {
      action: 'organization.deleted',
      targetType: 'organization',
      targetId: id,
      targetLabel: current.name,
      changes: configs.length
        ? [{ field: 'services', from: configs.map((c) => c.type).sort(), to: null }]
        : [],
    });
  });
  return { id };
}
