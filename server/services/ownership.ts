import { eq } from 'drizzle-orm';
import { channels, organizations } from '../../drizzle/schema/index.ts';
import { isAllowed } from '../../shared/access.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { ChannelActor } from '../channels/commands.ts';
import { assertChannelInScope, inScope } from '../channels/scope.ts';
import type { Db, Tx } from '../db/client.ts';
import { forbidden, notFound } from '../errors.ts';

export type Owner = { kind: 'channel'; channelId: string } | { kind: 'organization'; organizationId: string };

export const ownerOf = (row: { channelId: string | null; organizationId: string | null }): Owner =>
  row.channelId !== null
    ? { kind: 'channel', channelId: row.channelId }
    : { kind: 'organization', organizationId: row.organizationId ?? '' };

/** Channel configurations: the channel's managers and admins. Organization configurations: admins only. */
export function assertMayWrite(actor: ChannelActor, owner: Owner): void {
  if (!actor.user) return;
  if (owner.kind === 'channel') assertChannelInScope(actor.user, owner.channelId);
  else if (actor.user.role !== 'admin') {
    throw forbidden(
      'Only admins change organization configurations; a channel may switch an inherited one on or off, or override it.',
    );
  }
}

/** The rule of assertMayWrite as a question, for a person: may they change this owner's configurations? */
export function mayWrite(user: SessionUser, owner: Owner): boolean {
  if (!isAllowed(user.role, 'services.write')) return false;
  return owner.kind === 'channel' ? inScope(user, owner.channelId) : user.role === 'admin';
}

/**
 * Locks the organization row that a write can affect: writes within one organization (its own configurations
 * and its channels') happen one after the other, so the activation rules hold across channels.
 */
export async function lockOwner(tx: Tx | Db, owner: Owner) {
  let organizationId: string;
  let channel: typeof channels.$inferSelect | null = null;
  if (owner.kind === 'channel') {
    const [row] = await tx.select().from(channels).where(eq(channels.id, owner.channelId));
    if (!row) throw notFound(`There is no channel ${owner.channelId}.`);
    channel = row;
    organizationId = row.organizationId;
  } else organizationId = owner.organizationId;
  const [organization] = await tx
    .select()
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .for('update');
  if (!organization) throw notFound(`There is no organization ${organizationId}.`);
  return { organization, channel };
}

export async function channelsOfOrganization(tx: Tx | Db, organizationId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: channels.id })
    .from(channels)
    .where(eq(channels.organizationId, organizationId));
  return rows.map((r) => r.id).sort();
}
