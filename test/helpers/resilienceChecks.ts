/**
 * What the resilience scenarios check at the end, from the database and the IOM simulator's counts: every
 * order created in IOM once, every export in a state a person can act on, an attempt log that adds up.
 * Findings name the orders, grouped by what is wrong, so a failure reads as a report.
 */
import { asc, count, eq } from 'drizzle-orm';
import { exportAttempts, orderExports } from '../../drizzle/schema/index.ts';
import type { Db } from '../../server/db/client.ts';
import type { IomSimulator } from '../../server/iom-simulator/index.ts';
import { CHANNEL } from './resilience.ts';

const SHOP = '10000';

export interface ExportFacts {
  number: string;
  state: string;
  outcome: string | null;
  attempts: number;
  lastErrorClass: string | null;
  lastErrorMessage: string | null;
  nextAttemptAt: Date | null;
  /** The attempt log, in order: outcome and error class. */
  log: { number: number; outcome: string; errorClass: string | null; worker: string }[];
  iom: { posts: number; created: number; duplicates: number };
}

export async function exportFacts(db: Db, sim: IomSimulator): Promise<Map<string, ExportFacts>> {
  const rows = await db
    .select({
      id: orderExports.id,
      number: orderExports.shopOrderNumber,
      state: orderExports.state,
      outcome: orderExports.outcome,
      attempts: orderExports.attempts,
      lastErrorClass: orderExports.lastErrorClass,
      lastErrorMessage: orderExports.lastErrorMessage,
      nextAttemptAt: orderExports.nextAttemptAt,
    })
    .from(orderExports)
    .where(eq(orderExports.channelId, CHANNEL));
  const logs = new Map<string, ExportFacts['log']>();
  const attempts = await db
    .select({
      exportId: exportAttempts.exportId,
      number: exportAttempts.number,
      outcome: exportAttempts.outcome,
      errorClass: exportAttempts.errorClass,
      worker: exportAttempts.worker,
    })
    .from(exportAttempts)
    .orderBy(asc(exportAttempts.exportId), asc(exportAttempts.number));
  for (const a of attempts) {
    const log = logs.get(a.exportId) ?? [];
    log.push({ number: a.number, outcome: a.outcome, errorClass: a.errorClass, worker: a.worker });
    logs.set(a.exportId, log);
  }
  const counts = sim.counts.orders[SHOP] ?? {};
  return new Map(
    rows.map((r) => [
      r.number,
      {
        ...r,
        log: logs.get(r.id) ?? [],
        iom: counts[r.number] ?? { posts: 0, created: 0, duplicates: 0 },
      },
    ]),
  );
}

/** Problem description → the order numbers it applies to. */
export type Findings = Map<string, string[]>;

function note(findings: Findings, problem: string, number: string) {
  const list = findings.get(problem) ?? [];
  list.push(number);
  findings.set(problem, list);
}

export interface CheckOptions {
  /** Besides `exported`, accept the states a person can act on (escalated/failed with a reason, pending with a time). */
  allowClearStates?: boolean;
  /** Error classes an attempt before the last may have (default: any technical error). */
  earlierErrorClasses?: string[];
}

/** Checks every expected order; returns the findings (empty when all is well). */
export function checkExports(
  facts: Map<string, ExportFacts>,
  expected: string[],
  options: CheckOptions = {},
): Findings {
  const findings: Findings = new Map();
  for (const number of expected) {
    const f = facts.get(number);
    if (!f) {
      note(findings, 'no export row (the order was lost)', number);
      continue;
    }
    if (f.iom.created > 1) note(findings, `created in IOM more than once`, number);
    if (f.state === 'exported') {
      if (f.iom.created !== 1) note(findings, 'exported, but IOM never stored it', number);
      if (f.outcome === 'created' && f.iom.duplicates > 0)
        note(
          findings,
          'IOM refused a repeat for its used number, yet the outcome is "created"',
          number,
        );
      // A duplicate means IOM held the order already: asked after a lost answer, or before sending again
      // after a lost worker, so one post (the earlier attempt's) is enough; none is not.
      if (f.outcome === 'duplicate' && f.iom.posts < 1)
        note(findings, 'outcome "duplicate", but IOM never received the order', number);
    } else if (!options.allowClearStates) {
      note(findings, `not exported (state ${f.state})`, number);
    } else if (f.state === 'escalated' || f.state === 'failed') {
      if (!f.lastErrorClass || !f.lastErrorMessage)
        note(findings, `${f.state} without an error class and message`, number);
    } else if (f.state === 'pending') {
      if (!f.nextAttemptAt) note(findings, 'pending without a next attempt time', number);
    } else {
      note(findings, `in no clear state (state ${f.state})`, number);
    }
    if (f.state !== 'exported' && f.iom.created > 0 && f.state !== 'pending' && f.state !== 'escalated')
      note(findings, `IOM has it, but the export is ${f.state}`, number);
    checkLog(findings, f, options);
  }
  const unexpected = [...facts.keys()].filter((n) => !expected.includes(n));
  for (const number of unexpected) note(findings, 'an export no one posted', number);
  return findings;
}

function checkLog(findings: Findings, f: ExportFacts, options: CheckOptions) {
  if (f.log.length !== f.attempts)
    note(findings, "attempt log: rows differ from the export's attempt count", f.number);
  if (f.log.some((a, i) => a.number !== i + 1))
    note(findings, 'attempt log: numbers not 1, 2, 3, …', f.number);
  const last = f.log.at(-1);
  if (f.state === 'exported' && last?.outcome !== f.outcome)
    note(findings, "attempt log: the last attempt's outcome is not the export's", f.number);
  for (const a of f.log.slice(0, f.state === 'exported' ? -1 : undefined)) {
    if (f.state === 'exported' && a.outcome !== 'technical_error')
      note(findings, `attempt log: a ${a.outcome} attempt before the one that exported it`, f.number);
    else if (options.earlierErrorClasses && !options.earlierErrorClasses.includes(a.errorClass ?? ''))
      note(findings, `attempt log: an earlier attempt has error class ${a.errorClass ?? 'none'}`, f.number);
  }
}

/** Fails with a readable report: per problem, how many orders and which (the first 15). */
export function assertNoFindings(findings: Findings, what: string): void {
  if (findings.size === 0) return;
  const lines = [...findings].map(([problem, numbers]) => {
    const shown = numbers.slice(0, 15).join(', ');
    const more = numbers.length > 15 ? ` (+${numbers.length - 15} more)` : '';
    return `  - ${problem}: ${numbers.length} order(s): ${shown}${more}`;
  });
  throw new Error(`${what}: expected every order exported exactly once, found:\n${lines.join('\n')}`);
}

/** How many exports are in each state, for progress and timeout messages. */
export async function stateCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .select({ state: orderExports.state, n: count() })
    .from(orderExports)
    .groupBy(orderExports.state);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}
