import { desc, eq } from 'drizzle-orm';
import { auditEvents } from '../../drizzle/schema/index.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import { assertChannelInScope } from './scope.ts';

/** Every recorded change of a channel and its services, newest first. */
export async function channelHistory(db: Db, user: SessionUser, channelId: string, limit = 200) {
  assertChannelInScope(user, channelId);
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorEmail: auditEvents.actorEmail,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetLabel: auditEvents.targetLabel,
      changes: auditEvents.changes,
    })
    .from(auditEvents)
    .where(eq(auditEvents.channelId, channelId))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
}
