import type { z } from 'zod';
import type { sequenceNegotiationParties } from '../../drizzle/schema/index.ts';
import type { negotiationInputSchema } from '../../shared/schemas/sequence.ts';
import { computeSequence, type SequenceComputation } from '../../shared/sequence/compute.ts';
import type { Actor } from '../audit/record.ts';
import { existingChannelIds } from '../channels/queries.ts';
import type { Db } from '../db/client.ts';
import { DomainError } from '../errors.ts';

export type NegotiationValues = z.output<typeof negotiationInputSchema>;
export type PartyRow = typeof sequenceNegotiationParties.$inferSelect;
type NewParty = Omit<typeof sequenceNegotiationParties.$inferInsert, 'negotiationId'>;
type PartyInputRow = Omit<NewParty, 'enteredBy' | 'enteredById' | 'enteredAt'>;

export const ICM_PARTY_NAME = 'ICM';

/** A party's channel must exist: it says which IOM shop the number belongs to. */
export async function assertChannelsExist(db: Db, values: NegotiationValues): Promise<void> {
  const wanted = values.parties.map((p) => p.channelId).filter((id): id is string => Boolean(id));
  const existing = await existingChannelIds(db, wanted);
  const fieldErrors: Record<string, string> = {};
  values.parties.forEach((p, i) => {
    if (p.channelId && !existing.has(p.channelId))
      fieldErrors[`parties.${i}.channelId`] = `There is no channel ${p.channelId}; pick one of the channels.`;
  });
  const messages = Object.values(fieldErrors);
  if (messages.length) throw new DomainError('BAD_REQUEST', messages.join(' '), fieldErrors);
}

/** Computes the start from validated input; a bad number becomes a field error named like the form's field. */
export function computeOrRefuse(values: NegotiationValues): SequenceComputation {
  const result = computeSequence({
    icmStartsWith: values.icmStartsWith,
    icmBlockSize: values.icmBlockSize ?? null,
    newBlockSize: values.newBlockSize ?? null,
    parties: values.parties.map((p) => ({ name: p.name, kind: p.kind, largest: p.largest })),
    prefix: values.prefix ?? null,
  });
  if (result.ok) return result.value;
  const fieldErrors = Object.fromEntries(result.errors.map((e) => [e.field, e.message]));
  throw new DomainError('BAD_REQUEST', result.errors.map((e) => e.message).join(' '), fieldErrors);
}

const sameInput = (a: PartyInputRow, b: PartyRow) =>
  a.kind === b.kind &&
  a.name === b.name &&
  (a.channelId ?? null) === b.channelId &&
  a.largest === b.largest &&
  a.source === b.source;

/**
 * The party rows to store: ICM first, then the others in their order. An input that did not change keeps
 * who entered it and when; a new or changed one is entered by `actor` now.
 */
export function partyRows(
  values: NegotiationValues,
  computation: SequenceComputation,
  actor: Actor,
  previous: PartyRow[] = [],
): NewParty[] {
  const icm: PartyInputRow = {
    position: 0,
    kind: 'icm',
    name: ICM_PARTY_NAME,
    channelId: null,
    largest: BigInt(computation.icmStartsWith),
    entered: String(values.icmStartsWith).trim(),
    source: values.icmSource,
    evidence: values.icmEvidence ?? null,
  };
  const others: PartyInputRow[] = values.parties.map((p, i) => ({
    position: i + 1,
    kind: p.kind,
    name: computation.parties[i]?.name ?? p.name.trim(),
    channelId: p.channelId ?? null,
    largest: BigInt(computation.parties[i]?.largest ?? '0'),
    entered: p.largest.trim(),
    source: p.source,
    evidence: p.evidence ?? null,
  }));
  const now = new Date();
  return [icm, ...others].map((row) => {
    const kept = previous.find((old) => sameInput(row, old));
    return kept
      ? { ...row, enteredBy: kept.enteredBy, enteredById: kept.enteredById, enteredAt: kept.enteredAt }
      : { ...row, enteredBy: actor.email, enteredById: actor.id, enteredAt: now };
  });
}

/** A negotiation's inputs as flat fields, for the audit log's field-level diff. */
export function auditableInputs(
  n: {
    title: string;
    blockSize: bigint;
    prefix: string | null;
    start: bigint;
    note: string | null;
    computation: Pick<SequenceComputation, 'newBlockSize'>;
  },
  parties: Pick<NewParty, 'name' | 'largest'>[],
): Record<string, unknown> {
  return {
    title: n.title,
    blockSize: n.blockSize.toString(),
    // Computations stored before the option existed have no newBlockSize: they kept the block size.
    newBlockSize: n.computation.newBlockSize ?? null,
    prefix: n.prefix,
    start: n.start.toString(),
    note: n.note,
    ...Object.fromEntries(parties.map((p) => [`party:${p.name}`, p.largest.toString()])),
  };
}
