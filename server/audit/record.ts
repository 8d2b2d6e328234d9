import { auditEvents } from '../../drizzle/schema/index.ts';
import type { FieldChange } from '../../shared/schemas/audit.ts';
import type { Db } from '../db/client.ts';

export interface Actor {
  id: string | null;
  email: string;
  ip?: string | null;
}

/** The actor for changes made by Switchboard itself or by the command line. */
export const SYSTEM_ACTOR: Actor = { id: null, email: 'system' };

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  targetLabel?: string | null;
  /** The channel the change concerns; it then shows in that channel's history. */
  channelId?: string | null;
  changes?: FieldChange[];
}

/** Records one change; call it inside the transaction that makes the change, so both land or neither. */
export async function recordAudit(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    actorId: actor.id,
    actorEmail: actor.email,
    ip: actor.ip ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    targetLabel: entry.targetLabel ?? null,
    channelId: entry.channelId ?? null,
    changes: entry.changes ?? [],
  });
}
