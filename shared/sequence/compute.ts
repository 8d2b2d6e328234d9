import { BIGINT_CEILING, groupDigits, maxOf, parseDigits, type FieldError } from './numbers.ts';
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
  /** IOM (one per channel or instance) and any other system that creates order numbers. */
  parties?: readonly PartyInput[];
  /** Digits only: a date such as 20261122 or a machine identifier; see prefix.ts for how it combines. */
  prefix?: string | null;
}

export interface SequenceComputation {
  icmStartsWith: string;
  blockSize: string;
  blockSizeDefaulted: boolean;
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

function parseBlockSize(raw: NumberInput | null | undefined, errors: FieldError[]) {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
    return { value: DEFAULT_BLOCK_SIZE, defaulted: true, note: null };
  const parsed = parseDigits(raw, 'icmBlockSize', 'The ICM block size (intershop.sequence.blockSize)');
  if (!parsed.ok) return void errors.push(parsed.error);
  if (parsed.value < 1n)
    return void errors.push({
      field: 'icmBlockSize',
      message: 'The ICM block size must be at least 1: ICM hands out order numbers in blocks of this size.',
    });
  return { value: parsed.value, defaulted: false, note: parsed.note };
}

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
    return { name, kind: party.kind ?? 'other', value: parsed.ok ? parsed.value : 0n };
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
  const block = parseBlockSize(input.icmBlockSize, errors);
  if (block?.note) notes.push(block.note);
  const parties = parseParties(input.parties ?? [], errors, notes);
  const prefixText = input.prefix?.trim() ? input.prefix.trim() : null;
  const prefix = prefixText === null ? null : parsePrefix(prefixText);
  if (prefix && !prefix.ok) errors.push(prefix.error);
  if (!icm.ok || !block || errors.length > 0) return { ok: false, errors };

  const sides = [{ name: 'ICM startsWith', value: icm.value }, ...parties];
  const largest = maxOf(sides.map((s) => s.value));
  const heldBy = sides.filter((s) => s.value === largest).map((s) => s.name);
  const base = baseStart([largest], block.value);
  const prefixed = prefix?.ok ? applyPrefix(base, BigInt(prefix.digits)) : null;
  const start = prefixed?.start ?? base;
  const formula = `${largest} + blockSize ${block.value} + 1 = ${base}`;
  if (start > BIGINT_CEILING) {
    const over = groupDigits((start - BIGINT_CEILING).toString());
    const why = prefixed ? `with the prefix ${prefixText} (${formula})` : `(${formula})`;
    return {
      ok: false,
      errors: [
        {
          field: prefixed && base <= BIGINT_CEILING ? 'prefix' : 'start',
          message: `The start would be ${start} ${why}, above the bigint ceiling ${BIGINT_CEILING} by ${over}: no ICM sequence or IOM database can hold it. Check the numbers for extra digits${prefixed ? ', or use a shorter prefix' : ''}.`,
        },
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
      outputs: renderOutputs(start.toString(), block.value.toString()),
    },
  };
}
