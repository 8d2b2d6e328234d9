import type { ExportListRow } from './listRow.ts';

/** The CSV download's columns, in order: what the list shows, never a payload body. */
export const CSV_COLUMNS: [header: string, value: (row: ExportListRow) => string | number | Date | null][] = [
  ['id', (r) => r.id],
  ['channel', (r) => r.channelName],
  ['shop order number', (r) => r.shopOrderNumber],
  ['state', (r) => r.state],
  ['outcome', (r) => r.outcome],
  ['outcome class', (r) => r.outcomeClass],
  ['attempts', (r) => r.attempts],
  ['last IOM error code', (r) => r.lastIomErrorCode],
  ['last error', (r) => r.lastError],
  ['next attempt', (r) => r.nextAttemptAt],
  ['last attempt', (r) => r.lastAttemptAt],
  ['created', (r) => r.createdAt],
  ['updated', (r) => r.updatedAt],
  ['owner', (r) => r.ownerEmail],
];

/** A spreadsheet runs a cell that starts like a formula; OWASP's list of such starts. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge space; a text that a spreadsheet
 * would read as a formula gets a leading `'` so it stays text. Numbers and instants are written as they are.
 */
export function csvCell(value: string | number | Date | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: (string | number | Date | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

export const csvHeader = () => csvLine(CSV_COLUMNS.map(([header]) => header));

export const csvRow = (row: ExportListRow) => csvLine(CSV_COLUMNS.map(([, value]) => value(row)));
