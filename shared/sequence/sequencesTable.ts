import { parseDigits } from './numbers.ts';

/**
 * The table `ant export-sequence-info` writes below its header line: one row per ICM sequence. Oracle's export
 * names the columns after USER_SEQUENCES (`LAST_NUMBER, INCREMENT_BY, SEQUENCE_NAME, …`), SQL Server's after
 * sys.sequences (`current_value, increment, name, …`). Cells are separated by commas (ant's sql task), or by
 * `;`, `|`, tabs or aligned spaces (a console spool, with a `----` line under the header).
 */

export type Dialect = 'oracle' | 'sqlserver' | 'unknown';

export interface TableColumns {
  delimiter: ',' | ';' | '|' | '\t' | 'spaces';
  lastNumber: number;
  incrementBy: number | null;
  name: number;
  domain: number | null;
  count: number;
  dialect: Dialect;
}

export interface SequenceRow {
  line: number;
  name: string;
  domain: string | null;
  lastNumber: bigint;
  incrementBy: bigint | null;
}

const LAST_NUMBER = ['LAST_NUMBER', 'LASTNUMBER', 'CURRENT_VALUE', 'CURRENTVALUE'];
const INCREMENT = ['INCREMENT_BY', 'INCREMENTBY', 'INCREMENT'];
const NAME = ['SEQUENCE_NAME', 'SEQUENCENAME', 'NAME'];
const DOMAIN = ['DOMAINNAME', 'DOMAIN_NAME', 'DOMAIN'];

export function splitCells(text: string, delimiter: TableColumns['delimiter']): string[] {
  const cells = delimiter === 'spaces' ? text.trim().split(/\s+/) : text.split(delimiter);
  const trimmed = cells.map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  // A leading or trailing pipe frames the row; it does not start an empty cell.
  if (delimiter === '|') {
    if (trimmed[0] === '') trimmed.shift();
    if (trimmed[trimmed.length - 1] === '') trimmed.pop();
  }
  return trimmed;
}

/** Reads a header line; null when the line is not one (it names no LAST_NUMBER/current_value column). */
export function readHeader(text: string): TableColumns | null {
  const delimiter: TableColumns['delimiter'] = text.includes(',')
    ? ','
    : text.includes(';')
      ? ';'
      : text.includes('|')
        ? '|'
        : text.includes('\t')
          ? '\t'
          : 'spaces';
  const cells = splitCells(text, delimiter).map((c) => c.toUpperCase());
  const find = (names: string[]) => {
    const i = cells.findIndex((c) => names.includes(c));
    return i < 0 ? null : i;
  };
  const lastNumber = find(LAST_NUMBER);
  const name = find(NAME);
  if (lastNumber === null || name === null) return null;
  const header = cells[lastNumber] ?? '';
  return {
    delimiter,
    lastNumber,
    incrementBy: find(INCREMENT),
    name,
    domain: find(DOMAIN),
    count: cells.length,
    dialect: header.startsWith('LAST') ? 'oracle' : 'sqlserver',
  };
}

export const isSeparatorLine = (text: string) => /^[-=+|\s]+$/.test(text) && /-{3,}|={3,}/.test(text);

/** `3 rows selected.`, `(3 rows affected)`, `0 rows affected`: trailers of SQL consoles and ant. */
export const isTrailerLine = (text: string) =>
  /^\(?\d+\s+rows?\s+(selected|affected|returned)\.?\)?\.?$/i.test(text.trim());

/** Reads one data row; a string is the reason it cannot be read. */
export function readRow(text: string, columns: TableColumns, line: number): SequenceRow | string {
  let cells = splitCells(text, columns.delimiter);
  if (columns.delimiter === 'spaces' && cells.length > columns.count)
    cells = [...cells.slice(0, columns.count - 1), cells.slice(columns.count - 1).join(' ')];
  const needed = Math.max(columns.lastNumber, columns.name, columns.incrementBy ?? 0) + 1;
  if (cells.length < needed)
    return `it has ${cells.length} cell${cells.length === 1 ? '' : 's'} where the header names ${columns.count}`;
  const name = cells[columns.name] ?? '';
  if (!name) return 'its sequence name is empty';
  const last = parseDigits(cells[columns.lastNumber], 'lastNumber', `The last number of ${name}`);
  if (!last.ok) return last.error.message;
  let incrementBy: bigint | null = null;
  if (columns.incrementBy !== null) {
    const inc = parseDigits(cells[columns.incrementBy], 'incrementBy', `The increment of ${name}`);
    if (!inc.ok) return inc.error.message;
    incrementBy = inc.value;
  }
  const domain = columns.domain === null ? null : cells[columns.domain] || null;
  return { line, name, domain, lastNumber: last.value, incrementBy };
}

/** Order numbers come from ICM's `SellerOrder.DocumentNo.<domain id>` sequences (`_` on SQL Server). */
export const isOrderSequence = (name: string) => /^SellerOrder[._]DocumentNo[._]/i.test(name);
