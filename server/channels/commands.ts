import { eq, inArray, sql } from 'drizzle-orm';
import {
  channels,
  channelServiceActivations,
  DEFAULT_ORGANIZATION_ID,
  organizations,
  userChannels,
} from '../../drizzle/schema/index.ts';
import { diffFields } from '../../shared/diff.ts';
import {
  channelCreateSchema,
  channelUpdateSchema,
  type ChannelCreateInput,
  type ChannelUpdateInput,
} from '../../shared/schemas/channels.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../errors.ts';
import { getChannelRow } from './queries.ts';
import { assertChannelConsistent } from '../services/rules.ts';
import { assertChannelInScope } from './scope.ts';

/** Who acts and, for people, what they may touch; the CLI and provisioning act as the system. */
export type ChannelActor = Actor & { user: SessionUser | null };

const idTaken = (id: string) =>
  conflict(`A channel with the id ${id} exists already; channel ids are unique.`, {
    id: `The channel ${id} exists already.`,
  });

/** Values as the audit log shows them: shop IDs as digit strings (JSON has no bigint). */
const auditable = (c: Partial<typeof channels.$inferSelect>) =>
  Object.fromEntries(Object.entries(c).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]));

async function assertOrganizationExists(db: Db, id: string) {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id));
  if (!row)
    throw invalid('organizationId', `There is no organization ${id}; create it first or pick another.`);
}

const nameOf = async (db: Db, id: string) =>
  (await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id)))[0]
    ?.name ?? id;

/**
 * A channel manager adds channels only where they already work: an organization that holds one of their
 * channels, or the default one while they have none. A channel elsewhere would let them read that
 * organization's configurations and inherit its shared services.
 */
async function assertMayCreateIn(db: Db, user: SessionUser, organizationId: string) {
  if (user.role === 'admin') return;
  const held = user.channels.length
    ? await db
        .selectDistinct({ id: channels.organizationId })
        .from(channels)
        .where(inArray(channels.id, user.channels))
    : [];
  const allowed = held.length ? held.map((r) => r.id).sort() : [DEFAULT_ORGANIZATION_ID];
  if (allowed.includes(organizationId)) return;
  const names = await Promise.all(allowed.map((id) => nameOf(db, id)));
  const message = `You manage no channel in the organization ${await nameOf(db, organizationId)}, so you cannot create a channel there. Create it in ${names.join(' or ')}, or ask an admin to create it (or to give you a channel of that organization).`;
  throw new DomainError('FORBIDDEN', message, { organizationId: message });
}

export async function createChannel(db: Db, actor: ChannelActor, raw: ChannelCreateInput) {
  const input = channelCreateSchema.parse(raw);
  try {
    await db.transaction(async (tx) => {
      if (input.organizationId) await assertOrganizationExists(tx, input.organizationId);
      if (actor.user)
        await assertMayCreateIn(tx, actor.user, input.organizationId ?? DEFAULT_ORGANIZATION_ID);
      const [existing] = await tx.select({ id: channels.id }).from(channels).where(eq(channels.id, input.id));
      if (existing) throw idTaken(input.id);
      await tx.insert(channels).values({ ...input, updatedBy: actor.email });
      // A channel manager who creates a channel manages it.
      if (actor.user?.role === 'channel_manager') {
        await tx
          .insert(userChannels)
          .values({ userId: actor.user.id, channelId: input.id })
          .onConflictDoNothing();
      }
      await recordAudit(tx, actor, {
        action: 'channel.created',
        targetType: 'channel',
        targetId: input.id,
        targetLabel: input.name,
        channelId: input.id,
        changes: diffFields(null, auditable(input)),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw idTaken(input.id);
    throw error;
  }
  return getChannelRow(db, input.id);
}

export async function updateChannel(db: Db, actor: ChannelActor, raw: ChannelUpdateInput) {
  const input = channelUpdateSchema.parse(raw);
  if (actor.user) assertChannelInScope(actor.user, input.id);
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(channels).where(eq(channels.id, input.id)).for('update');
    if (!current) throw notFound(`There is no channel ${input.id}.`);
    if (current.version !== input.version) {
      throw conflict(
        `This channel was changed by ${current.updatedBy ?? 'someone else'} at ${current.updatedAt.toISOString()} — reload to see their change.`,
      );
    }
    const { id, version: _version, ...changes } = input;
    if (changes.organizationId !== undefined && changes.organizationId !== current.organizationId) {
      if (actor.user && actor.user.role !== 'admin') {
        throw forbidden(
          'Only admins move a channel to another organization: it changes which configurations the channel inherits.',
        );
      }
      await assertOrganizationExists(tx, changes.organizationId);
    }
    const diff = diffFields(auditable(current), auditable(changes));
    if (diff.length === 0) return;
    await tx
      .update(channels)
      .set({
        ...changes,
        version: sql`${channels.version} + 1`,
        updatedAt: new Date(),
        updatedBy: actor.email,
      })
      .where(eq(channels.id, id));
    if (changes.organizationId !== undefined && changes.organizationId !== current.organizationId) {
      // Switches for the old organization's configurations mean nothing in the new one.
      await tx.delete(channelServiceActivations).where(eq(channelServiceActivations.channelId, id));
      await assertChannelConsistent(tx, id);
    }
    await recordAudit(tx, actor, {
      action: 'channel.updated',
      targetType: 'channel',
      targetId: id,
      targetLabel: changes.name ?? current.name,
      channelId: id,
      changes: diff,
    });
  });
  return getChannelRow(db, input.id);
}
