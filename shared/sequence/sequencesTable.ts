import { parseDigits } from './numbers.ts';

/**
 * The table of ICM's sequences, one row per sequence. `ant export-sequence-info` writes it commented out, every
 * line starting with `#,` (Intershop's KB B29919):
 *
 *     #,LAST_NUMBER,INCREMENT_BY,SEQUENCE_NAME,DOMAIN_SPECIFIC,DOMAINNAME,IDENTIFIER
 *     #,51,10,SQHHBAQDGBYQAAAAFUCBLM4M0_,TRUE,inSPIRED-inTRONICS,SellerOrder.DocumentNo.NfsKAB1PpEUAAAFTFT89kGWR
 *
 * SEQUENCE_NAME is the database's own name; IDENTIFIER is ICM's name of the sequence, the one the file's
 * "Largest last_number is:" line uses. The same table without the `#,` — as a database console prints a query
 * of Oracle's USER_SEQUENCES (`LAST_NUMBER, INCREMENT_BY, SEQUENCE_NAME, …`) or SQL Server's sys.sequences
 * (`current_value, increment, name, …`) — is read too, for an administrator who was asked for the numbers
 * instead (the guide's advice on SQL Server). Intershop documents no such layout: cells separated by commas,
 * `;`, `|`, tabs or aligned spaces (with a `----` line under the header) are accepted as they come.
 */

export type Dialect = 'oracle' | 'sqlserver' | 'unknown';

export interface TableColumns {
  delimiter: ',' | ';' | '|' | '\t' | 'spaces';
  lastNumber: number;
  incrementBy: number | null;
  name: number;
  domain: number | null;
  /** ICM's name of the sequence, next to the database's SEQUENCE_NAME (the documented layout has it). */
  identifier: number | null;
  count: number;
  dialect: Dialect;
}

export interface SequenceRow {
  line: number;
  /** ICM's name (IDENTIFIER) where the table has one, else the database's name. */
  name: string;
  /** The database's SEQUENCE_NAME when it differs from `name`. */
  databaseName: string | null;
  domain: string | null;
  lastNumber: bigint;
  incrementBy: bigint | null;
}

const LAST_NUMBER = ['LAST_NUMBER', 'LASTNUMBER', 'CURRENT_VALUE', 'CURRENTVALUE'];
const INCREMENT = ['INCREMENT_BY', 'INCREMENTBY', 'INCREMENT'];
const NAME = ['SEQUENCE_NAME', 'SEQUENCENAME', 'NAME'];
const DOMAIN = ['DOMAINNAME', 'DOMAIN_NAME', 'DOMAIN'];
const IDENTIFIER = ['IDENTIFIER'];

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
    identifier: find(IDENTIFIER),
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
  const needed =
    Math.max(columns.lastNumber, columns.name, columns.incrementBy ?? 0, columns.identifier ?? 0) + 1;
  if (cells.length < needed)
    return `it has ${cells.length} cell${cells.length === 1 ? '' : 's'} where the header names ${columns.count}`;
  const databaseName = cells[columns.name] ?? '';
  const identifier = columns.identifier === null ? '' : (cells[columns.identifier] ?? '');
  const name = identifier || databaseName;
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
  return {
    line,
    name,
    databaseName: databaseName && databaseName !== name ? databaseName : null,
    domain,
    lastNumber: last.value,
    incrementBy,
  };
}

/** Order numbers come from ICM's `SellerOrder.DocumentNo.<domain id>` sequences (`_` on SQL Server). */
export const isOrderSequence = (name: string) => /^SellerOrder[._]DocumentNo[._]/i.test(name);
