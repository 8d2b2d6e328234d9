import type { FieldChange } from '../schemas/audit.ts';

const show = (value: unknown) =>
  value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

/** One audit change as a line: "party:IOM: 20160128017063 → 20160128017999", or "start = 62" when new. */
export const changeText = (change: FieldChange) =>
  change.from === null || change.from === undefined
    ? `${change.field} = ${show(change.to)}`
    : `${change.field}: ${show(change.from)} → ${show(change.to)}`;
