import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { apiTokens, channels } from '../../drizzle/schema/index.ts';
import { channelIdSchema } from '../../shared/schemas/common.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import { newToken, sha256 } from '../auth/tokens.ts';
import { existingChannelIds } from '../channels/queries.ts';
import type { Db } from '../db/client.ts';
import { DomainError, invalid, notFound } from '../errors.ts';

export const TOKEN_PREFIX = 'sbt_';

export const tokenCreateSchema = z
  .object({
    name: z
      .string({ error: 'Name the token after who uses it, e.g. "ICM production".' })
      .trim()
      .min(1, 'Name the token after who uses it, e.g. "ICM production".')
      .max(100, 'A token name has at most 100 characters.'),
    channels: z
      .array(channelIdSchema)
      .min(1, 'A token needs at least one channel it may send orders for.')
      .max(1000),
  })
  .strict();
export type TokenCreateInput = z.input<typeof tokenCreateSchema>;

/** Everything about a token except the secret itself. */
const publicColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  channelIds: apiTokens.channelIds,
  createdAt: apiTokens.createdAt,
  createdBy: apiTokens.createdBy,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  revokedBy: apiTokens.revokedBy,
};

export async function createToken(db: Db, actor: Actor, raw: TokenCreateInput) {
  const input = tokenCreateSchema.parse(raw);
  const channels = [...new Set(input.channels)].sort();
  const known = await existingChannelIds(db, channels);
  const unknown = channels.filter((c) => !known.has(c));
  if (unknown.length)
    throw invalid(
      'channels',
      `Unknown channel(s): ${unknown.join(', ')}. Create the channel first or correct the id.`,
    );
  const token = `${TOKEN_PREFIX}${newToken(32)}`;
  const [row] = await db.transaction(async (tx) => {
    const rows = await tx
      .insert(apiTokens)
      .values({
        name: input.name,
        tokenHash: sha256(token),
        prefix: token.slice(0, 10),
        channelIds: channels,
        createdBy: actor.email,
      })
      .returning(publicColumns);
    await recordAudit(tx, actor, {
      action: 'token.created',
      targetType: 'api_token',
      targetId: rows[0]?.id ?? null,
      targetLabel: input.name,
      changes: [
        { field: 'name', from: null, to: input.name },
        { field: 'channels', from: null, to: channels },
      ],
    });
    return rows;
  });
  if (!row) throw new Error('insert returned no row');
  /** The only time the token is ever shown. */
  return { token, record: row };
}

export async function listTokens(db: Db) {
  return db.select(publicColumns).from(apiTokens).orderBy(desc(apiTokens.createdAt));
}

export async function getToken(db: Db, id: string) {
  const [row] = await db.select(publicColumns).from(apiTokens).where(eq(apiTokens.id, id));
  if (!row) throw notFound('This API token does not exist.');
  return row;
}

export async function revokeToken(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select(publicColumns).from(apiTokens).where(eq(apiTokens.id, id)).for('update');
    if (!row) throw notFound('This API token does not exist.');
    if (row.revokedAt)
      throw new DomainError(
        'BAD_REQUEST',
        `This token was revoked already, by ${row.revokedBy ?? 'someone'}.`,
      );
    await tx
      .update(apiTokens)
      .set({ revokedAt: new Date(), revokedBy: actor.email })
      .where(eq(apiTokens.id, id));
    await recordAudit(tx, actor, {
      action: 'token.revoked',
      targetType: 'api_token',
      targetId: id,
      targetLabel: row.name,
    });
  });
  return getToken(db, id);
}

/**
 * The token behind an `Authorization: Bearer …` value, or null when unknown or revoked, and whether
 * `channelId` names an existing channel — one statement, as the intake asks both on every request. Records
 * the use at most once a minute per token, so a busy client does not turn every request into a write.
 */
export async function authenticateToken(db: Db, bearer: string | undefined, channelId?: string) {
  if (!bearer?.startsWith(TOKEN_PREFIX) || bearer.length > 200) return null;
  const channelExists =
    channelId === undefined
      ? sql<boolean>`false`
      : sql<boolean>`exists (select 1 from ${channels} where ${channels.id} = ${channelId})`;
  const [row] = await db
    .select({ ...publicColumns, channelExists })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(bearer)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return row;
}
