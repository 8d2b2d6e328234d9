import { ceilingError, firstBlockFits } from './ceiling.ts';
import { BIGINT_CEILING, maxOf, parseDigits, type FieldError } from './numbers.ts';
import { applyPrefix, parsePrefix, PREFIX_MIN_COUNTER_DIGITS } from './prefix.ts';
import { renderOutputs, type SequenceOutputs } from './render.ts';

/** ICM's default `intershop.sequence.blockSize` when none is configured. */
export const DEFAULT_BLOCK_SIZE = 50n;
/** Below this many numbers left under the ceiling, the result carries a warning. */
const CEILING_WARNING_ROOM = 1_000_000n;

export const PARTY_KINDS = ['icm', 'iom', 'other'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

type NumberInput = string | bigint | number;

export interface PartyInput {
  name: string;
  kind?: PartyKind;
  /** The largest order number this party has used. */
  largest: NumberInput;
}

export interface SequenceInput {
  /** ICM's `intershop.sequence.startsWith`, as `ant export-sequence-info` reports it. */
  icmStartsWith: NumberInput;
  /** ICM's `intershop.sequence.blockSize`; empty means ICM's default, 50. */
  icmBlockSize?: NumberInput | null;
  /**
   * Only when the admin means to change ICM's block size: the block size from the start on. Empty keeps it, and
   * `intershop.sequence.blockSize` stays commented out in database.properties.
   */
  newBlockSize?: NumberInput | null;
  /** IOM (one per channel or instance) and any other system that creates order numbers. */
  parties?: readonly PartyInput[];
  /** Digits only: a date such as 20261122 or a machine identifier; see prefix.ts for how it combines. */
  prefix?: string | null;
}

export interface SequenceComputation {
  icmStartsWith: string;
  blockSize: string;
  blockSizeDefaulted: boolean;
  /** The block size ICM is to use from the start on; null keeps the current one (no blockSize line). */
  newBlockSize: string | null;
  parties: { name: string; kind: PartyKind; largest: string }[];
  prefix: string | null;
  /** The largest number on any side and who holds it. */
  largest: { value: string; heldBy: string[] };
  /** max + blockSize + 1: the start without a prefix. */
  base: string;
  /** What ICM's sequence starts with: `base`, or the prefix rule applied to it. */
  start: string;
  prefixRule: { counterDigits: number; capacity: string; lastWithPrefix: string } | null;
  /** The formula with the actual numbers, one sentence per step. */
  explanation: string[];
  notes: string[];
  warnings: string[];
  outputs: SequenceOutputs;
}

export type SequenceResult = { ok: true; value: SequenceComputation } | { ok: false; errors: FieldError[] };

/** The rule itself: start = max(every side's largest number) + blockSize + 1, exact for any size. */
export function baseStart(largest: readonly bigint[], blockSize: bigint): bigint {
  return maxOf(largest) + blockSize + 1n;
}

const isEmpty = (raw: NumberInput | null | undefined): raw is null | undefined | '' =>
  raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');

function parseBlockSize(raw: NumberInput, field: string, label: string, errors: FieldError[]) {
  const parsed = parseDigits(raw, field, `${label} (intershop.sequence.blockSize)`);
  if (!parsed.ok) return void errors.push(parsed.error);
  if (parsed.value < 1n)
    return void errors.push({
      field,
      message: `${label} must be at least 1: ICM hands out order numbers in blocks of this size.`,
    });
  return { value: parsed.value, defaulted: false, note: parsed.note };
}

const parseCurrentBlockSize = (raw: NumberInput | null | undefined, errors: FieldError[]) =>
  isEmpty(raw)
    ? { value: DEFAULT_BLOCK_SIZE, defaulted: true, note: null }
    : parseBlockSize(raw, 'icmBlockSize', 'The ICM block size', errors);

function parseParties(parties: readonly PartyInput[], errors: FieldError[], notes: string[]) {
  const seen = new Set<string>();
  return parties.map((party, i) => {
    const name = (party.name ?? '').trim();
    const label = name ? `The largest number of ${name}` : `The largest number of party ${i + 1}`;
    if (!name) errors.push({ field: `parties.${i}.name`, message: `Name party ${i + 1}, e.g. "IOM".` });
    else if (name.length > 100)
      errors.push({ field: `parties.${i}.name`, message: 'A party name has at most 100 characters.' });
    else if (seen.has(name.toLowerCase()))
      errors.push({
        field: `parties.${i}.name`,
        message: `The party name "${name}" is used twice; name each party once.`,
      });
    seen.add(name.toLowerCase());
    const parsed = parseDigits(party.largest, `parties.${i}.largest`, label);
    if (!parsed.ok) errors.push(parsed.error);
    else if (parsed.note) notes.push(parsed.note);
    return {
      name,
      kind: party.kind ?? 'other',
      value: parsed.ok ? parsed.value : 0n,
      field: `parties.${i}.largest`,
      label,
    };
  });
}

/** Validates every input (all problems at once, each naming its field) and computes the start. */
export function computeSequence(input: SequenceInput): SequenceResult {
  const errors: FieldError[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  const icm = parseDigits(
    input.icmStartsWith,
    'icmStartsWith',
    'ICM startsWith (intershop.sequence.startsWith)',
  );
  if (!icm.ok) errors.push(icm.error);
  else if (icm.note) notes.push(icm.note);
  const block = parseCurrentBlockSize(input.icmBlockSize, errors);
  if (block?.note) notes.push(block.note);
  const newBlock = isEmpty(input.newBlockSize)
    ? null
    : parseBlockSize(input.newBlockSize, 'newBlockSize', 'The new block size', errors);
  if (newBlock?.note) notes.push(newBlock.note);
  const parties = parseParties(input.parties ?? [], errors, notes);
  const prefixText = input.prefix?.trim() ? input.prefix.trim() : null;
  const prefix = prefixText === null ? null : parsePrefix(prefixText);
  if (prefix && !prefix.ok) errors.push(prefix.error);
  if (!icm.ok || !block || newBlock === undefined || errors.length > 0) return { ok: false, errors };

  const icmSide = {
    name: 'ICM startsWith',
    value: icm.value,
    field: 'icmStartsWith',
    label: 'ICM startsWith (intershop.sequence.startsWith)',
  };
  const sides = [icmSide, ...parties];
  const largest = maxOf(sides.map((s) => s.value));
  const holders = sides.filter((s) => s.value === largest);
  const heldBy = holders.map((s) => s.name);
  const base = baseStart([largest], block.value);
  const prefixed = prefix?.ok ? applyPrefix(base, BigInt(prefix.digits)) : null;
  const start = prefixed?.start ?? base;
  const formula = `${largest} + blockSize ${block.value} + 1 = ${base}`;
  // Asking for the block size ICM already uses is no change: database.properties keeps it commented out.
  const unchanged = newBlock !== null && !block.defaulted && newBlock.value === block.value;
  if (unchanged)
    notes.push(
      `The new block size ${newBlock.value} is the current one: nothing to change, intershop.sequence.blockSize stays as it is.`,
    );
  const newBlockSize = newBlock && !unchanged ? newBlock.value : null;
  if (!firstBlockFits(start, newBlockSize ?? block.value)) {
    // holders is never empty: the largest value is one of the sides'.
    const top = holders[0] ?? icmSide;
    return {
      ok: false,
      errors: [
        ceilingError({
          start,
          base,
          formula,
          blockSize: block,
          newBlockSize,
          prefix: prefixed ? prefixText : null,
          largest: { value: largest, field: top.field, label: top.label },
        }),
      ],
    };
  }

  const explanation = [
    `Largest number on any side: max(${sides.map((s) => `${s.name} ${s.value}`).join(', ')}) = ${largest} (${heldBy.join(', ')}).`,
    `start = ${largest} + blockSize ${block.value}${block.defaulted ? ' (ICM’s default)' : ''} + 1 = ${base}.`,
  ];
  if (prefixed) {
    explanation.push(
      `Prefix ${prefixText}: the start becomes the prefix followed by ${prefixed.counterDigits} zeros, the smallest such number (at least ${PREFIX_MIN_COUNTER_DIGITS} zeros) that is ≥ ${base}: ${start}. The next ${prefixed.capacity} numbers, up to ${prefixed.lastWithPrefix}, keep the prefix.`,
    );
    if (prefixed.lastWithPrefix > BIGINT_CEILING)
      warnings.push(
        `Only ${BIGINT_CEILING - start + 1n} numbers with the prefix fit below the bigint ceiling ${BIGINT_CEILING}.`,
      );
  }
  if (newBlockSize !== null)
    explanation.push(
      `From the start on, ICM takes blocks of ${newBlockSize} instead of ${block.value}: database.properties and the deployment set intershop.sequence.blockSize=${newBlockSize} as well. The start itself is computed with the current block size, ${block.value}.`,
    );
  if (block.defaulted) notes.push('No block size given: ICM’s default, 50, is used.');
  if (!parties.some((p) => p.kind === 'iom'))
    warnings.push(
      'No IOM number is given: the start covers only the numbers of the parties listed. Add the largest order number IOM has seen.',
    );
  if (BIGINT_CEILING - start < CEILING_WARNING_ROOM)
    warnings.push(`Only ${BIGINT_CEILING - start} numbers remain below the bigint ceiling after the start.`);

  return {
    ok: true,
    value: {
      icmStartsWith: icm.value.toString(),
      blockSize: block.value.toString(),
      blockSizeDefaulted: block.defaulted,
      newBlockSize: newBlockSize?.toString() ?? null,
      parties: parties.map((p) => ({ name: p.name, kind: p.kind, largest: p.value.toString() })),
      prefix: prefixText,
      largest: { value: largest.toString(), heldBy },
      base: base.toString(),
      start: start.toString(),
      prefixRule: prefixed
        ? {
            counterDigits: prefixed.counterDigits,
            capacity: prefixed.capacity.toString(),
            lastWithPrefix: prefixed.lastWithPrefix.toString(),
          }
        : null,
      explanation,
      notes,
      warnings,
      outputs: renderOutputs(start.toString(), newBlockSize?.toString() ?? null),
    },
  };
}
