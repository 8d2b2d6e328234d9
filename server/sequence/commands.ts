import { asc, eq, sql } from 'drizzle-orm';
import { sequenceNegotiationParties, sequenceNegotiations } from '../../drizzle/schema/index.ts';
import { diffFields } from '../../shared/diff.ts';
import {
  negotiationIdSchema,
  negotiationInputSchema,
  negotiationUpdateSchema,
  type NegotiationInput,
  type NegotiationUpdateInput,
} from '../../shared/schemas/sequence.ts';
import { whyNot } from '../../shared/sequence/workflow.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { conflict, notFound } from '../errors.ts';
import {
  assertChannelsExist,
  auditableInputs,
  computeOrRefuse,
  partyRows,
  type NegotiationValues,
} from './inputs.ts';

/** Who acts on a negotiation: always a signed-in admin, so the four-eyes rule can compare ids. */
export type NegotiationActor = Actor & { id: string };

export type NegotiationRow = typeof sequenceNegotiations.$inferSelect;

export const TARGET_TYPE = 'sequence-negotiation';
export const label = (n: Pick<NegotiationRow, 'number' | 'title'>) => `#${n.number} ${n.title}`;

/** Locks the negotiation for a change, refusing a stale version with who changed it and when. */
export async function lockNegotiation(tx: Db, id: string, version?: number): Promise<NegotiationRow> {
  const [row] = await tx
    .select()
    .from(sequenceNegotiations)
    .where(eq(sequenceNegotiations.id, id))
    .for('update');
  if (!row) throw notFound('There is no such negotiation; it may have been removed. Reload the list.');
  if (version !== undefined && row.version !== version)
    throw conflict(
      `This negotiation was changed by ${row.updatedBy} at ${row.updatedAt.toISOString()} — reload to see their change.`,
    );
  return row;
}

export const partiesOf = (tx: Db, id: string) =>
  tx
    .select()
    .from(sequenceNegotiationParties)
    .where(eq(sequenceNegotiationParties.negotiationId, id))
    .orderBy(asc(sequenceNegotiationParties.position));

function columnsFrom(values: NegotiationValues, computation: ReturnType<typeof computeOrRefuse>) {
  return {
    title: values.title,
    blockSize: BigInt(computation.blockSize),
    blockSizeSource: computation.blockSizeDefaulted ? ('default' as const) : values.icmSource,
    prefix: computation.prefix,
    start: BigInt(computation.start),
    computation,
    note: values.note || null,
  };
}

/** A new record's audit entry names what it has, not the options left empty. */
const withoutEmpty = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined));

async function insertNegotiation(
  tx: Db,
  actor: NegotiationActor,
  values: NegotiationValues,
  supersedes: NegotiationRow | null,
) {
  const computation = computeOrRefuse(values);
  await assertChannelsExist(tx, values);
  const columns = columnsFrom(values, computation);
  const [row] = await tx
    .insert(sequenceNegotiations)
    .values({
      ...columns,
      supersedesId: supersedes?.id ?? null,
      createdBy: actor.email,
      updatedBy: actor.email,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  const previous = supersedes ? await partiesOf(tx, supersedes.id) : [];
  const parties = partyRows(values, computation, actor, previous);
  await tx.insert(sequenceNegotiationParties).values(parties.map((p) => ({ ...p, negotiationId: row.id })));
  await recordAudit(tx, actor, {
    action: 'sequence.created',
    targetType: TARGET_TYPE,
    targetId: row.id,
    targetLabel: label(row),
    changes: diffFields(
      null,
      withoutEmpty({
        state: 'draft',
        ...auditableInputs(row, parties),
        ...(supersedes ? { supersedes: label(supersedes) } : {}),
      }),
    ),
  });
  return row;
}

export async function createNegotiation(db: Db, actor: NegotiationActor, raw: NegotiationInput) {
  const values = negotiationInputSchema.parse(raw);
  return db.transaction((tx) => insertNegotiation(tx, actor, values, null));
}

/** Changes the inputs of a draft or proposed negotiation; a proposal goes back to draft, to be proposed again. */
export async function updateNegotiation(db: Db, actor: NegotiationActor, raw: NegotiationUpdateInput) {
  const { id, version, ...values } = negotiationUpdateSchema.parse(raw);
  return db.transaction(async (tx) => {
    const current = await lockNegotiation(tx, id, version);
    const refused = whyNot('edit', current, actor.id);
    if (refused) throw conflict(refused);
    const computation = computeOrRefuse(values);
    await assertChannelsExist(tx, values);
    const columns = columnsFrom(values, computation);
    const previous = await partiesOf(tx, id);
    const parties = partyRows(values, computation, actor, previous);
    const changes = diffFields(auditableInputs(current, previous), auditableInputs(columns, parties));
    for (const gone of previous.filter((p) => !parties.some((q) => q.name === p.name)))
      changes.push({ field: `party:${gone.name}`, from: gone.largest.toString(), to: null });
    const backToDraft = current.state === 'proposed';
    if (backToDraft) changes.push({ field: 'state', from: 'proposed', to: 'draft' });
    const [row] = await tx
      .update(sequenceNegotiations)
      .set({
        ...columns,
        ...(backToDraft
          ? { state: 'draft' as const, proposedAt: null, proposedBy: null, proposedById: null }
          : {}),
        version: sql`${sequenceNegotiations.version} + 1`,
        updatedAt: new Date(),
        updatedBy: actor.email,
      })
      .where(eq(sequenceNegotiations.id, id))
      .returning();
    if (!row) throw new Error('update returned no row');
    await tx.delete(sequenceNegotiationParties).where(eq(sequenceNegotiationParties.negotiationId, id));
    await tx.insert(sequenceNegotiationParties).values(parties.map((p) => ({ ...p, negotiationId: id })));
    if (changes.length > 0)
      await recordAudit(tx, actor, {
        action: 'sequence.updated',
        targetType: TARGET_TYPE,
        targetId: id,
        targetLabel: label(row),
        changes,
      });
    return row;
  });
}

/**
 * Starts the negotiation that will replace an approved or applied one: a new draft with the same inputs (who
 * entered them is kept). The old one is marked superseded when the new one is approved.
 */
export async function supersedeNegotiation(db: Db, actor: NegotiationActor, raw: { id: string }) {
  const { id } = negotiationIdSchema.parse(raw);
  return db.transaction(async (tx) => {
    const old = await lockNegotiation(tx, id);
    const refused = whyNot('supersede', old, actor.id);
    if (refused) throw conflict(refused);
    const parties = await partiesOf(tx, id);
    const [icm, ...others] = parties;
    const values = negotiationInputSchema.parse({
      title: `${old.title} (revised)`.slice(0, 200),
      icmStartsWith: icm?.largest ?? 0n,
      icmBlockSize: old.blockSizeSource === 'default' ? null : old.blockSize,
      newBlockSize: old.computation.newBlockSize ?? null,
      icmSource: icm?.source ?? 'typed',
      icmEvidence: icm?.evidence ?? null,
      parties: others.map((p) => ({ ...p, kind: p.kind === 'icm' ? 'other' : p.kind, largest: p.largest })),
      prefix: old.prefix,
      note: old.note,
    });
    return insertNegotiation(tx, actor, values, old);
  });
}
