import { maxOf, parseDigits } from './numbers.ts';
import { DEFAULT_BLOCK_SIZE } from './compute.ts';
import {
  isOrderSequence,
  isSeparatorLine,
  isTrailerLine,
  readHeader,
  readRow,
  type Dialect,
  type SequenceRow,
  type TableColumns,
} from './sequencesTable.ts';

/**
 * Reads the `sequences-info.properties` that ICM's `ant export-sequence-info -f database.xml` writes into
 * <server-installation-dir>/local/tools/misc. Every line of it is a comment (Intershop's KB B29919):
 *
 *     #,LAST_NUMBER,INCREMENT_BY,SEQUENCE_NAME,DOMAIN_SPECIFIC,DOMAINNAME,IDENTIFIER
 *     #,51,10,SQHHBAQDGBYQAAAAFUCBLM4M0_,TRUE,inSPIRED-inTRONICS,SellerOrder.DocumentNo.NfsKAB1PpEUAAAFTFT89kGWR
 *     # Largest last_number is: SellerOrder.DocumentNo.NfsKAB1PpEUAAAFTFT89kGWR - inSPIRED-inTRONICS
 *     #intershop.sequence.blockSize  = 10
 *     #intershop.sequence.startsWith = 51
 *
 * The `#,` lines are the table of sequences (sequencesTable.ts, which also reads the same table uncommented).
 * Anything else is refused with its line number: a file this reader does not understand must not silently give
 * a number.
 */

export interface SequencesInfo {
  dialect: Dialect;
  startsWith: { value: string; source: 'line' | 'table'; line: number };
  blockSize: { value: string; source: 'line' | 'table' | 'default'; line: number | null };
  /** The sequence whose number was used: the one with the largest LAST_NUMBER, or the one the file names. */
  sequence: {
    name: string;
    /** The database's SEQUENCE_NAME, when the table names the sequence by its ICM IDENTIFIER as well. */
    databaseName: string | null;
    domain: string | null;
    lastNumber: string | null;
    incrementBy: string | null;
    line: number;
  } | null;
  rowCount: number;
  notes: string[];
  warnings: string[];
}

export type SequencesInfoResult =
  { ok: true; value: SequencesInfo } | { ok: false; error: { line: number | null; message: string } };

const PROPERTY =
  /^#?\s*intershop\.sequence\.(blockSize|startsWith|startWith|cacheSize|orderFlag)\s*[=:]\s*(.*)$/i;
const LARGEST = /^#\s*Largest last_number is:\s*(\S+)(?:\s+-\s+(.*))?$/i;
/** A line of the commented table: `#,` and the cells. */
const COMMENTED_CELLS = /^#\s*(,.*)$/;
const FILE_HINT =
  'Use the sequences-info.properties that "ant export-sequence-info -f database.xml" writes into <server-installation-dir>/local/tools/misc.';

interface Found {
  value: bigint;
  line: number;
}

export function parseSequencesInfo(content: string): SequencesInfoResult {
  const lines = content.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const fail = (line: number | null, message: string): SequencesInfoResult => ({
    ok: false,
    error: { line, message: line === null ? `${message} ${FILE_HINT}` : `Line ${line}: ${message}` },
  });
  let startsWith: Found | null = null;
  let blockSize: Found | null = null;
  let named: { name: string; domain: string | null; line: number } | null = null;
  let columns: TableColumns | null = null;
  let dialect: Dialect = 'unknown';
  const rows: SequenceRow[] = [];

  for (const [index, raw] of lines.entries()) {
    const n = index + 1;
    const text = raw.trim();
    if (text === '') continue;
    const property = PROPERTY.exec(text);
    if (property) {
      const key = (property[1] ?? '').toLowerCase();
      if (key !== 'blocksize' && key !== 'startswith' && key !== 'startwith') continue;
      const label = key === 'blocksize' ? 'intershop.sequence.blockSize' : 'intershop.sequence.startsWith';
      const parsed = parseDigits(property[2], key, label);
      if (!parsed.ok) return fail(n, parsed.error.message);
      if (key === 'blocksize' && parsed.value < 1n) return fail(n, `${label} must be at least 1.`);
      if (key === 'blocksize') blockSize = { value: parsed.value, line: n };
      else startsWith = { value: parsed.value, line: n };
      continue;
    }
    const largest = LARGEST.exec(text);
    if (largest) {
      named = { name: largest[1] ?? '', domain: largest[2]?.trim() || null, line: n };
      continue;
    }
    const commented = COMMENTED_CELLS.exec(text)?.[1];
    if (commented !== undefined) {
      const header = readHeader(commented);
      if (header) {
        columns = header;
        dialect = header.dialect;
        continue;
      }
      if (!columns)
        return fail(
          n,
          `"${text.slice(0, 80)}" is a row of the sequence table, but no header "#,LAST_NUMBER,INCREMENT_BY,SEQUENCE_NAME,…" comes before it. ${FILE_HINT}`,
        );
      const row = readRow(commented, columns, n);
      if (typeof row === 'string') return fail(n, `the sequence table row cannot be read: ${row}.`);
      rows.push(row);
      continue;
    }
    if (text.startsWith('#') || text.startsWith('!')) {
      if (/sql\s*server|mssql/i.test(text)) dialect = 'sqlserver';
      else if (/oracle/i.test(text) && dialect === 'unknown') dialect = 'oracle';
      continue;
    }
    const header = readHeader(text);
    if (header) {
      columns = header;
      dialect = header.dialect;
      continue;
    }
    if (columns && (isSeparatorLine(text) || isTrailerLine(text))) continue;
    if (!columns)
      return fail(
        n,
        `"${text.slice(0, 80)}" is not part of a sequences-info.properties (written by ant export-sequence-info). ${FILE_HINT}`,
      );
    const row = readRow(text, columns, n);
    if (typeof row === 'string') return fail(n, `the sequence table row cannot be read: ${row}.`);
    rows.push(row);
  }
  return summarise({ startsWith, blockSize, named, rows, dialect, fail });
}

function summarise(found: {
  startsWith: Found | null;
  blockSize: Found | null;
  named: { name: string; domain: string | null; line: number } | null;
  rows: SequenceRow[];
  dialect: Dialect;
  fail: (line: number | null, message: string) => SequencesInfoResult;
}): SequencesInfoResult {
  const { rows, named } = found;
  const notes: string[] = [];
  const warnings: string[] = [];
  const orderRows = rows.filter((r) => isOrderSequence(r.name));
  const candidates = orderRows.length > 0 ? orderRows : rows;
  const top = maxOf(candidates.map((r) => r.lastNumber));
  const topRow = candidates.find((r) => r.lastNumber === top) ?? null;
  const namedRow = named ? (rows.find((r) => r.name === named.name) ?? null) : null;
  const used = namedRow && namedRow.lastNumber === top ? namedRow : topRow;
  if (named && topRow && namedRow !== used)
    warnings.push(
      `The file names ${named.name} as the largest (line ${named.line}), but ${topRow.name} has the larger last number ${topRow.lastNumber} (line ${topRow.line}); that one is used.`,
    );

  let startsWith: SequencesInfo['startsWith'];
  if (found.startsWith && (!used || found.startsWith.value >= used.lastNumber)) {
    startsWith = { value: found.startsWith.value.toString(), source: 'line', line: found.startsWith.line };
  } else if (used) {
    startsWith = { value: used.lastNumber.toString(), source: 'table', line: used.line };
    if (found.startsWith)
      warnings.push(
        `startsWith ${found.startsWith.value} (line ${found.startsWith.line}) is below the last number ${used.lastNumber} of ${used.name} (line ${used.line}); the larger one is used.`,
      );
    else notes.push(`No startsWith line: the largest last number, of ${used.name}, is used.`);
  } else {
    return found.fail(
      null,
      'This file has neither an "#intershop.sequence.startsWith = N" line nor a LAST_NUMBER table, so it gives no number.',
    );
  }

  let blockSize: SequencesInfo['blockSize'];
  if (found.blockSize) {
    blockSize = { value: found.blockSize.value.toString(), source: 'line', line: found.blockSize.line };
    if (used?.incrementBy != null && used.incrementBy !== found.blockSize.value)
      warnings.push(
        `blockSize ${found.blockSize.value} (line ${found.blockSize.line}) differs from the increment ${used.incrementBy} of ${used.name} (line ${used.line}); check which ICM uses.`,
      );
  } else if (used?.incrementBy != null && used.incrementBy > DEFAULT_BLOCK_SIZE) {
    blockSize = { value: used.incrementBy.toString(), source: 'table', line: used.line };
    notes.push(
      `No blockSize line: the increment ${used.incrementBy} of ${used.name} is used (above ICM's default 50).`,
    );
  } else {
    blockSize = { value: DEFAULT_BLOCK_SIZE.toString(), source: 'default', line: null };
    notes.push(
      'No blockSize line (SQL Server exports have none): ICM’s default 50 is assumed. Ask the database administrator for the configured block size and enter it if it differs.',
    );
  }
  const sequence = used
    ? {
        name: used.name,
        databaseName: used.databaseName,
        domain: used.domain,
        lastNumber: used.lastNumber.toString(),
        incrementBy: used.incrementBy?.toString() ?? null,
        line: used.line,
      }
    : named
      ? {
          name: named.name,
          databaseName: null,
          domain: named.domain,
          lastNumber: null,
          incrementBy: null,
          line: named.line,
        }
      : null;
  return {
    ok: true,
    value: {
      dialect: found.dialect,
      startsWith,
      blockSize,
      sequence,
      rowCount: rows.length,
      notes,
      warnings,
    },
  };
}
