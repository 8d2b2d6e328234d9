import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { sequenceNegotiations } from '../../drizzle/schema/index.ts';
import { negotiationApplySchema, negotiationStepSchema } from '../../shared/schemas/sequence.ts';
import { whyNot, type NegotiationAction } from '../../shared/sequence/workflow.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { conflict, forbidden } from '../errors.ts';
import {
  label,
  lockNegotiation,
  TARGET_TYPE,
  type NegotiationActor,
  type NegotiationRow,
} from './commands.ts';

type Changes = Partial<typeof sequenceNegotiations.$inferInsert>;

async function step(
  tx: Db,
  actor: NegotiationActor,
  current: NegotiationRow,
  action: NegotiationAction,
  set: Changes,
  extra: Record<string, unknown> = {},
): Promise<NegotiationRow> {
  const [row] = await tx
    .update(sequenceNegotiations)
    .set({
      ...set,
      version: sql`${sequenceNegotiations.version} + 1`,
      updatedAt: new Date(),
      updatedBy: actor.email,
    })
    .where(eq(sequenceNegotiations.id, current.id))
    .returning();
  if (!row) throw new Error('update returned no row');
  await recordAudit(tx, actor, {
    action: `sequence.${action === 'approve' ? 'approved' : action === 'apply' ? 'applied' : 'proposed'}`,
    targetType: TARGET_TYPE,
    targetId: row.id,
    targetLabel: label(row),
    changes: [
      { field: 'state', from: current.state, to: row.state },
      ...Object.entries(extra).map(([field, to]) => ({ field, from: null, to })),
    ],
  });
  return row;
}

function refuseUnless(action: NegotiationAction, row: NegotiationRow, actor: NegotiationActor) {
  const refused = whyNot(action, row, actor.id);
  if (!refused) return;
  throw action === 'approve' && row.state === 'proposed' ? forbidden(refused) : conflict(refused);
}

/** The proposer asks another admin to approve the inputs as they are now. */
export async function proposeNegotiation(
  db: Db,
  actor: NegotiationActor,
  raw: { id: string; version: number },
) {
  const input = negotiationStepSchema.parse(raw);
  return db.transaction(async (tx) => {
    const row = await lockNegotiation(tx, input.id, input.version);
    refuseUnless('propose', row, actor);
    return step(tx, actor, row, 'propose', {
      state: 'proposed',
      proposedAt: new Date(),
      proposedBy: actor.email,
      proposedById: actor.id,
    });
  });
}

/**
 * Another admin than the proposer approves; the inputs are fixed from now on. The negotiation in force before
 * (approved or applied) is superseded in the same transaction. Approvals are serialised, so two at once cannot
 * both think they replace the same predecessor.
 */
export async function approveNegotiation(
  db: Db,
  actor: NegotiationActor,
  raw: { id: string; version: number },
) {
  const input = negotiationStepSchema.parse(raw);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext('switchboard.sequence_negotiations.current'))`,
    );
    const row = await lockNegotiation(tx, input.id, input.version);
    refuseUnless('approve', row, actor);
    const inForce = await tx
      .select()
      .from(sequenceNegotiations)
      .where(
        and(
          inArray(sequenceNegotiations.state, ['approved', 'applied']),
          ne(sequenceNegotiations.id, row.id),
        ),
      )
      .for('update');
    for (const old of inForce) {
      if (old.state === 'applied' && old.start >= row.start)
        throw conflict(
          `${label(old)} is applied and starts at ${old.start}, not below this start ${row.start}: approving this would hand out numbers ICM may already have used. Update ICM's startsWith from a fresh sequences-info.properties.`,
        );
      await tx
        .update(sequenceNegotiations)
        .set({
          state: 'superseded',
          supersededById: row.id,
          supersededAt: new Date(),
          version: sql`${sequenceNegotiations.version} + 1`,
          updatedAt: new Date(),
          updatedBy: actor.email,
        })
        .where(eq(sequenceNegotiations.id, old.id));
      await recordAudit(tx, actor, {
        action: 'sequence.superseded',
        targetType: TARGET_TYPE,
        targetId: old.id,
        targetLabel: label(old),
        changes: [
          { field: 'state', from: old.state, to: 'superseded' },
          { field: 'supersededBy', from: null, to: label(row) },
        ],
      });
    }
    return step(
      tx,
      actor,
      row,
      'approve',
      { state: 'approved', approvedAt: new Date(), approvedBy: actor.email, approvedById: actor.id },
      inForce.length ? { supersedes: inForce.map(label).join(', ') } : {},
    );
  });
}

/** Records that the approved start was deployed, with a note saying where and when. */
export async function applyNegotiation(
  db: Db,
  actor: NegotiationActor,
  raw: { id: string; version: number; note: string },
) {
  const input = negotiationApplySchema.parse(raw);
  return db.transaction(async (tx) => {
    const row = await lockNegotiation(tx, input.id, input.version);
    refuseUnless('apply', row, actor);
    return step(
      tx,
      actor,
      row,
      'apply',
      { state: 'applied', appliedAt: new Date(), appliedBy: actor.email, appliedNote: input.note },
      { appliedNote: input.note },
    );
  });
}
