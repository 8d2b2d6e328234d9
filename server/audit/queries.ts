import { and, asc, count, desc, eq, gte, ilike, lte, or, type SQL } from 'drizzle-orm';
import { auditEvents } from '../../drizzle/schema/index.ts';
import { auditListSchema, type AuditListInput } from '../../shared/schemas/audit.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const sortColumns = {
  at: auditEvents.at,
  action: auditEvents.action,
  actorEmail: auditEvents.actorEmail,
} as const;

export async function listAuditEvents(db: Db, input: AuditListInput) {
  const { page, perPage, sort, order, filter } = auditListSchema.parse(input);
  const conditions: (SQL | undefined)[] = [
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    filter.actorEmail ? ilike(auditEvents.actorEmail, `%${escapeLike(filter.actorEmail)}%`) : undefined,
    filter.targetType ? eq(auditEvents.targetType, filter.targetType) : undefined,
    filter.targetId ? eq(auditEvents.targetId, filter.targetId) : undefined,
    filter.from ? gte(auditEvents.at, new Date(filter.from)) : undefined,
    filter.to ? lte(auditEvents.at, new Date(filter.to)) : undefined,
    filter.q
      ? or(
          ilike(auditEvents.action, `%${escapeLike(filter.q)}%`),
          ilike(auditEvents.actorEmail, `%${escapeLike(filter.q)}%`),
          ilike(auditEvents.targetLabel, `%${escapeLike(filter.q)}%`),
        )
      : undefined,
  ];
  const where = and(...conditions);
  const direction = order === 'DESC' ? desc : asc;
  const data = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(direction(sortColumns[sort]), direction(auditEvents.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  const [totalRow] = await db.select({ n: count() }).from(auditEvents).where(where);
  return { data, total: totalRow?.n ?? 0 };
}

export async function getAuditEvent(db: Db, id: number) {
  const [row] = await db.select().from(auditEvents).where(eq(auditEvents.id, id)).limit(1);
  if (!row) throw notFound('This audit entry does not exist.');
  return row;
}

/** The distinct actions recorded so far, for the list's filter. */
export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditEvents.action })
    .from(auditEvents)
    .orderBy(auditEvents.action);
  return rows.map((r) => r.action);
}
