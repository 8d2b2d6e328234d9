import { useMemo, useState } from 'react';
import type { NegotiationInput } from '../../../shared/schemas/sequence.ts';
import { computeSequence, type SequenceResult } from '../../../shared/sequence/compute.ts';
import type { PartySource } from '../../../shared/sequence/workflow.ts';

export type Evidence = Record<string, unknown> | null;

export interface PartyDraft {
  key: string;
  kind: 'iom' | 'other';
  name: string;
  largest: string;
  channelId: string | null;
  source: PartySource;
  evidence: Evidence;
}

export interface CalculatorValues {
  icmStartsWith: string;
  icmBlockSize: string;
  icmSource: PartySource;
  icmEvidence: Evidence;
  parties: PartyDraft[];
  prefix: string;
  /** Only to change ICM's block size; empty keeps it. */
  newBlockSize: string;
}

let nextKey = 0;
export const newParty = (kind: PartyDraft['kind'], name: string, largest = ''): PartyDraft => ({
  key: `party-${(nextKey += 1)}`,
  kind,
  name,
  largest,
  channelId: null,
  source: 'typed',
  evidence: null,
});

export const EMPTY_VALUES: CalculatorValues = {
  icmStartsWith: '',
  icmBlockSize: '',
  icmSource: 'typed',
  icmEvidence: null,
  parties: [newParty('iom', 'IOM')],
  prefix: '',
  newBlockSize: '',
};

/** The calculator's inputs, the computation (recomputed on every keystroke, in the browser) and its errors. */
export function useCalculator(initial: CalculatorValues = EMPTY_VALUES) {
  const [values, setValues] = useState<CalculatorValues>(initial);
  const result: SequenceResult = useMemo(
    () =>
      computeSequence({
        icmStartsWith: values.icmStartsWith,
        icmBlockSize: values.icmBlockSize,
        parties: values.parties.map((p) => ({ name: p.name, kind: p.kind, largest: p.largest })),
        prefix: values.prefix,
        newBlockSize: values.newBlockSize,
      }),
    [values],
  );
  const errors = useMemo(
    () => (result.ok ? {} : Object.fromEntries(result.errors.map((e) => [e.field, e.message]))),
    [result],
  );
  const update = (change: Partial<CalculatorValues>) => setValues((v) => ({ ...v, ...change }));
  const updateParty = (key: string, change: Partial<PartyDraft>) =>
    setValues((v) => ({ ...v, parties: v.parties.map((p) => (p.key === key ? { ...p, ...change } : p)) }));
  return { values, setValues, update, updateParty, result, errors };
}

export type Calculator = ReturnType<typeof useCalculator>;

/** The calculator's values as the server's negotiation input. */
export function toNegotiationInput(
  values: CalculatorValues,
  title: string,
  note?: string | null,
): NegotiationInput {
  return {
    title,
    icmStartsWith: values.icmStartsWith,
    icmBlockSize: values.icmBlockSize.trim() ? values.icmBlockSize : null,
    icmSource: values.icmSource,
    icmEvidence: values.icmEvidence,
    parties: values.parties.map((p) => ({
      kind: p.kind,
      name: p.name,
      largest: p.largest,
      channelId: p.channelId,
      source: p.source,
      evidence: p.evidence,
    })),
    prefix: values.prefix.trim() ? values.prefix : null,
    newBlockSize: values.newBlockSize.trim() ? values.newBlockSize : null,
    note: note ?? null,
  };
}
