import type { ExportOutcome, ExportState, OutcomeClass } from '../../shared/exports.ts';

/** The longest last error the list shows; the detail view has the whole message. */
export const LAST_ERROR_MAX = 200;

/** One row of the exports list: the columns a person scans, never the payload. */
export interface ExportListRow {
  id: string;
  channelId: string;
  channelName: string;
  shopOrderNumber: string;
  state: ExportState;
  outcome: ExportOutcome | null;
  outcomeClass: OutcomeClass | null;
  attempts: number;
  lastError: string | null;
  lastIomErrorCode: string | null;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  ownerEmail: string | null;
}

const CLASS_OF_OUTCOME: Record<ExportOutcome, OutcomeClass | null> = {
  created: null,
  duplicate: 'duplicate',
  technical_error: 'technical',
  validation_error: 'needs_fix',
};

export const outcomeClassOf = (outcome: ExportOutcome | null): OutcomeClass | null =>
  outcome ? CLASS_OF_OUTCOME[outcome] : null;

/** A message as one line of at most `max` characters: whitespace runs (newlines too) become one space. */
export function oneLine(text: string | null, max = LAST_ERROR_MAX): string | null {
  if (text === null) return null;
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return null;
  if (line.length <= max) return line;
  let cut = line.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1); // never half a surrogate pair
  return `${cut.trimEnd()}…`;
}
