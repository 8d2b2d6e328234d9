import { BIGINT_CEILING, groupDigits, type FieldError } from './numbers.ts';

/**
 * ICM takes its numbers in blocks: the first block after the start runs from `start` to `start + blockSize − 1`,
 * and every number of it must fit PostgreSQL's and SQL Server's bigint. A start alone below the ceiling is not
 * enough: the sequence would fail inside its very first block.
 */
export const firstBlockEnd = (start: bigint, blockSize: bigint): bigint => start + blockSize - 1n;

export const firstBlockFits = (start: bigint, blockSize: bigint): boolean =>
  firstBlockEnd(start, blockSize) <= BIGINT_CEILING;

export interface CeilingFacts {
  start: bigint;
  /** The start without the prefix: max + blockSize + 1. */
  base: bigint;
  /** The formula of `base` with its numbers, for the message. */
  formula: string;
  blockSize: { value: bigint; defaulted: boolean };
  /** The block size ICM is to use from the start on, when the admin changes it. */
  newBlockSize: bigint | null;
  prefix: string | null;
  /** The largest input, with the field it came from and how the form or the command line calls it. */
  largest: { value: bigint; field: string; label: string };
}

/**
 * The error for a first block that does not fit, naming the input most likely to be wrong and what to change:
 * the prefix if the start fits without it, the new block size if the current one fits, the block size if it
 * is larger than every number, else the largest number (typically a number with extra digits).
 */
export function ceilingError(f: CeilingFacts): FieldError {
  const block = f.newBlockSize ?? f.blockSize.value;
  const end = firstBlockEnd(f.start, block);
  const over = groupDigits((end - BIGINT_CEILING).toString());
  const how = f.prefix === null ? `start = ${f.formula}` : `${f.formula}, with the prefix ${f.prefix}`;
  const message = (fix: string) =>
    `ICM’s first block would run from ${f.start} to ${end} (${how}; the block ends at start + ${block} − 1), above the bigint ceiling ${BIGINT_CEILING} by ${over}: no ICM sequence or IOM database can hold it. ${fix}`;
  if (f.prefix !== null && firstBlockFits(f.base, block))
    return { field: 'prefix', message: message('Use a shorter prefix, or none.') };
  if (f.newBlockSize !== null && firstBlockFits(f.start, f.blockSize.value))
    return {
      field: 'newBlockSize',
      message: message(
        `Choose a new block size of at most ${BIGINT_CEILING - f.start + 1n}, or keep the current one.`,
      ),
    };
  if (!f.blockSize.defaulted && f.blockSize.value > f.largest.value)
    return { field: 'icmBlockSize', message: message('Check the ICM block size for extra digits.') };
  return {
    field: f.largest.field,
    message: message(
      `Check ${f.largest.label.replace(/^The /, 'the ')}, ${f.largest.value}, for extra digits.`,
    ),
  };
}
