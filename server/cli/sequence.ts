import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  computeSequence,
  parseSequencesInfo,
  type PartyInput,
  type SequencesInfo,
} from '../../shared/sequence/index.ts';
import { DomainError } from '../errors.ts';

interface ComputeFlags {
  icmStart?: string;
  icmBlockSize?: string;
  newBlockSize?: string;
  iomMax?: string;
  party: string[];
  prefix?: string;
  sequencesInfo?: string;
  json?: boolean;
}

/** Where a value came from, so the operator sees whether the flag or the file won. */
interface Source {
  value: string | null;
  from: 'flag' | 'file' | 'default';
  /** What the file says (and, when a flag overrode it, what it was overridden with). */
  file?: { value: string; line: number | null };
}

const bad = (message: string) => new DomainError('BAD_REQUEST', message);

function parsePartyFlag(raw: string): PartyInput {
  const at = raw.indexOf('=');
  const name = at < 0 ? '' : raw.slice(0, at).trim();
  if (at < 0 || !name) throw bad(`--party "${raw}": write NAME=NUMBER, e.g. --party marketplace=4711.`);
  return { name, kind: 'other', largest: raw.slice(at + 1) };
}

async function readSequencesInfo(file: string): Promise<SequencesInfo> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw bad(`--sequences-info: cannot read ${file} (${(error as { code?: string }).code ?? 'error'}).`);
  }
  const parsed = parseSequencesInfo(content);
  if (!parsed.ok) throw bad(`--sequences-info ${file}: ${parsed.error.message}`);
  return parsed.value;
}

function pick(
  flag: string | undefined,
  file: { value: string; line: number | null } | null,
  fallback: Source['from'],
): Source {
  if (flag !== undefined) return { value: flag, from: 'flag', ...(file ? { file } : {}) };
  if (file) return { value: file.value, from: 'file', file };
  return { value: null, from: fallback };
}

function describeSource(what: string, flag: string, s: Source, file: string | undefined): string {
  if (s.from === 'flag')
    return `${what} ${s.value} from ${flag}${s.file ? ` (${file} says ${s.file.value}${s.file.line ? `, line ${s.file.line}` : ''})` : ''}`;
  if (s.from === 'file')
    return `${what} ${s.value} from ${file}${s.file?.line ? ` line ${s.file.line}` : ''}`;
  return `${what}: ICM's default 50`;
}

/** The error's field as the flag the operator typed. */
function flagOf(field: string, parties: PartyInput[], hasIom: boolean): string {
  if (field === 'icmStartsWith') return '--icm-start';
  if (field === 'icmBlockSize') return '--icm-block-size';
  if (field === 'newBlockSize') return '--new-block-size';
  if (field === 'prefix') return '--prefix';
  const index = /^parties\.(\d+)\./.exec(field)?.[1];
  if (index !== undefined) {
    const i = Number(index);
    return hasIom && i === 0 ? '--iom-max' : `--party ${parties[i]?.name ?? ''}`.trim();
  }
  return 'start';
}

async function compute(flags: ComputeFlags): Promise<void> {
  const info = flags.sequencesInfo ? await readSequencesInfo(flags.sequencesInfo) : null;
  const startsWith = pick(
    flags.icmStart,
    info ? { value: info.startsWith.value, line: info.startsWith.line } : null,
    'default',
  );
  const fileBlock = info && info.blockSize.source !== 'default' ? info.blockSize : null;
  const blockSize = pick(
    flags.icmBlockSize,
    fileBlock ? { value: fileBlock.value, line: fileBlock.line } : null,
    'default',
  );
  if (startsWith.value === null)
    throw bad(
      "--icm-start: give ICM's intershop.sequence.startsWith, or --sequences-info FILE to read it from.",
    );
  const parties: PartyInput[] = [
    ...(flags.iomMax !== undefined ? [{ name: 'IOM', kind: 'iom' as const, largest: flags.iomMax }] : []),
    ...flags.party.map(parsePartyFlag),
  ];
  const result = computeSequence({
    icmStartsWith: startsWith.value,
    icmBlockSize: blockSize.value,
    newBlockSize: flags.newBlockSize ?? null,
    parties,
    prefix: flags.prefix ?? null,
  });
  if (!result.ok) {
    const hasIom = flags.iomMax !== undefined;
    throw bad(result.errors.map((e) => `${flagOf(e.field, parties, hasIom)}: ${e.message}`).join(' '));
  }
  const c = result.value;
  if (flags.json) {
    const inputs = {
      icmStartsWith: c.icmStartsWith,
      icmBlockSize: c.blockSize,
      blockSizeDefaulted: c.blockSizeDefaulted,
      newBlockSize: c.newBlockSize,
      parties: c.parties,
      prefix: c.prefix,
    };
    const sources = info ? { file: flags.sequencesInfo, startsWith, blockSize } : undefined;
    const {
      icmStartsWith: _s,
      blockSize: _b,
      blockSizeDefaulted: _d,
      newBlockSize: _n,
      parties: _p,
      prefix: _x,
      ...rest
    } = c;
    process.stdout.write(
      `${JSON.stringify({ inputs, sources, sequencesInfo: info ?? undefined, ...rest }, null, 2)}\n`,
    );
    return;
  }
  const say = (line: string) => process.stderr.write(`switchboard: ${line}\n`);
  if (info) {
    say(
      `${describeSource('startsWith', '--icm-start', startsWith, flags.sequencesInfo)}; ${describeSource('blockSize', '--icm-block-size', blockSize, flags.sequencesInfo)}.`,
    );
    if (info.sequence)
      say(
        `sequence ${info.sequence.name}${info.sequence.domain ? ` (${info.sequence.domain})` : ''}, line ${info.sequence.line}.`,
      );
    for (const note of info.notes) say(`note: ${note}`);
    for (const w of info.warnings) say(`warning: ${w}`);
  }
  for (const note of c.notes) say(`note: ${note}`);
  for (const w of c.warnings) say(`warning: ${w}`);
  say(`warning: ${c.outputs.spellingWarning}`);
  // stdout holds exactly the active lines of database.properties: startsWith, and blockSize only when asked.
  process.stdout.write(`${c.outputs.activeLines.join('\n')}\n`);
}

export function registerSequence(program: Command): void {
  const sequence = program
    .command('sequence')
    .description('order-number sequence negotiation between ICM and IOM');
  sequence
    .command('compute')
    .description(
      "the start of ICM's order sequence: max(every side's largest number) + blockSize + 1 (no database needed)",
    )
    .option('--icm-start <n>', "ICM's intershop.sequence.startsWith")
    .option('--icm-block-size <n>', "ICM's intershop.sequence.blockSize (default 50)")
    .option(
      '--new-block-size <n>',
      'only to change the block size from the start on: adds intershop.sequence.blockSize=N',
    )
    .option('--iom-max <n>', 'the largest order number IOM has seen')
    .option(
      '--party <name=n>',
      "another system's largest order number (repeatable)",
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--prefix <digits>', 'a date prefix (e.g. 20261122) or a machine identifier, digits only')
    .option(
      '--sequences-info <file>',
      'the sequences-info.properties of "ant export-sequence-info" (flags win over it)',
    )
    .option('--json', 'print the normalised inputs, the start and every output as JSON')
    .action((flags: ComputeFlags) => compute(flags));
}
