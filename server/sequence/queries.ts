import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { auditEvents, sequenceNegotiations } from '../../drizzle/schema/index.ts';
import { negotiationListSchema } from '../../shared/schemas/sequence.ts';
import type { SequenceComputation } from '../../shared/sequence/compute.ts';
import { renderOutputs } from '../../shared/sequence/render.ts';
import { allowedActions } from '../../shared/sequence/workflow.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import { partiesOf, TARGET_TYPE, type NegotiationRow } from './commands.ts';

const summaryColumns = {
  id: sequenceNegotiations.id,
  number: sequenceNegotiations.number,
  title: sequenceNegotiations.title,
  state: sequenceNegotiations.state,
  start: sequenceNegotiations.start,
  blockSize: sequenceNegotiations.blockSize,
  prefix: sequenceNegotiations.prefix,
  version: sequenceNegotiations.version,
  createdAt: sequenceNegotiations.createdAt,
  createdBy: sequenceNegotiations.createdBy,
  updatedAt: sequenceNegotiations.updatedAt,
  proposedBy: sequenceNegotiations.proposedBy,
  approvedBy: sequenceNegotiations.approvedBy,
  appliedAt: sequenceNegotiations.appliedAt,
  supersededById: sequenceNegotiations.supersededById,
};

/** Newest first. Negotiations are few (one per go-live or migration), so there is no paging. */
export async function listNegotiations(db: Db, raw: unknown) {
  const { state } = negotiationListSchema.parse(raw);
  return db
    .select(summaryColumns)
    .from(sequenceNegotiations)
    .where(state ? eq(sequenceNegotiations.state, state) : undefined)
    .orderBy(desc(sequenceNegotiations.number))
    .limit(500);
}

async function getRow(db: Db, id: string): Promise<NegotiationRow> {
  const [row] = await db.select().from(sequenceNegotiations).where(eq(sequenceNegotiations.id, id));
  if (!row) throw notFound('There is no such negotiation; it may have been removed. Reload the list.');
  return row;
}

/** Every step of the negotiation as the audit log recorded it, oldest first. */
export function trailOf(db: Db, id: string) {
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorEmail: auditEvents.actorEmail,
      action: auditEvents.action,
      changes: auditEvents.changes,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, TARGET_TYPE), eq(auditEvents.targetId, id)))
    .orderBy(asc(auditEvents.at), asc(auditEvents.id));
}

/**
 * The outputs are rendered again from the stored start whenever a record is read: a record stored by an
 * earlier version carries the outputs of its time (one of them told operators to run DBInit, which wipes a live
 * ICM's tables), and nobody may be shown those again. The number itself never changes.
 */
export function withCurrentOutputs(computation: SequenceComputation): SequenceComputation {
  const newBlockSize = computation.newBlockSize ?? null;
  return { ...computation, newBlockSize, outputs: renderOutputs(computation.start, newBlockSize) };
}

/** The whole record: inputs with who entered them, options, start, outputs, the trail and its neighbours. */
export async function getNegotiationRecord(db: Db, id: string) {
  const row = await getRow(db, id);
  const related = [row.supersedesId, row.supersededById].filter((x): x is string => x !== null);
  const neighbours = related.length
    ? await db
        .select({
          id: sequenceNegotiations.id,
          number: sequenceNegotiations.number,
          title: sequenceNegotiations.title,
        })
        .from(sequenceNegotiations)
        .where(inArray(sequenceNegotiations.id, related))
    : [];
  const find = (nid: string | null) => neighbours.find((n) => n.id === nid) ?? null;
  return {
    ...row,
    computation: withCurrentOutputs(row.computation),
    parties: await partiesOf(db, id),
    trail: await trailOf(db, id),
    supersedes: find(row.supersedesId),
    supersededBy: find(row.supersededById),
  };
}

export type NegotiationRecord = Awaited<ReturnType<typeof getNegotiationRecord>>;

/** The record, plus what the asking admin may do with it now and, where not, why. */
export async function getNegotiation(db: Db, userId: string, id: string) {
  const record = await getNegotiationRecord(db, id);
  return { ...record, actions: allowedActions(record, userId) };
}
