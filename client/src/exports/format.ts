import type { ExportState, HoldReason, OutcomeClass } from '../../../shared/exports.ts';

export type ChipColor = 'default' | 'primary' | 'info' | 'success' | 'warning' | 'error' | 'secondary';

/** Red for what needs a person, amber for escalations, blue while under way, green when IOM has it. */
export const STATE_COLOR: Record<ExportState, ChipColor> = {
  waiting_for_configuration: 'default',
  held: 'default',
  pending: 'info',
  in_progress: 'primary',
  exported: 'success',
  failed: 'error',
  escalated: 'warning',
  resolved: 'secondary',
};

/** "1 234" when exact; "≈ 1.2 M" / "≈ 35 k" when the server estimated. */
export function formatTotal(total: { count: number; exact: boolean }): string {
  if (total.exact) return total.count.toLocaleString('en');
  const n = total.count;
  if (n >= 1_000_000) return `≈ ${(n / 1_000_000).toFixed(n >= 10_000_000 ? 0 : 1)} M`;
  if (n >= 1_000) return `≈ ${(n / 1_000).toFixed(n >= 10_000 ? 0 : 1)} k`;
  return `≈ ${n}`;
}

/** "14:05" in the browser's time zone. */
export const clock = (at: Date | string) =>
  new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** "22 Nov, 14:05:12". */
export const stamp = (at: Date | string) =>
  new Date(at).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/** A span as a person says it: "45 s", "12 min", "3 h", "2 d". */
export function span(ms: number): string {
  const s = Math.max(0, Math.round(Math.abs(ms) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

/** "in 4 min", "2 min overdue" (a retry the exporter has not picked up yet), "5 h ago". */
export function relative(at: Date | string, now: number): string {
  const diff = new Date(at).getTime() - now;
  if (Math.abs(diff) < 5_000) return 'now';
  return diff > 0 ? `in ${span(diff)}` : `${span(diff)} ago`;
}

export interface OutcomeWords {
  severity: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

export interface OutcomeFacts {
  state: ExportState;
  outcomeClass: OutcomeClass | null;
  nextAttemptAt: Date | string | null;
  resolution?: string | null;
  resolvedBy?: string | null;
  ownerEmail?: string | null;
  acknowledgedAt?: Date | string | null;
  heldFor?: HoldReason | null;
  /** The last attempt's error class: a collision or an earlier version needs other words than a bad order. */
  lastError?: { class: string } | null;
}

/** Needs-a-fix outcomes that a retry of the same order cannot mend, in the words support acts on. */
const NOT_THE_CONTENT: Record<string, string> = {
  collision:
    "IOM holds a different order under this number (a collision): retrying cannot help. ICM's and IOM's number ranges overlap: see Order numbers.",
  earlier_version:
    'IOM holds the version before the edit: check the order in IOM, then mark this export resolved.',
  edit_unconfirmed:
    'IOM holds this number, but whether with the edit cannot be told: check the order in IOM, then mark this export resolved.',
  redirect: "IOM's address redirects: correct the endpoint of the order-export service, then retry.",
};

/** Where the export stands, in one sentence support acts on. */
export function outcomeInWords(e: OutcomeFacts): OutcomeWords {
  if (e.state === 'exported')
    return e.outcomeClass === 'duplicate'
      ? {
          severity: 'success',
          text: 'Already in IOM: IOM held this same order (a duplicate); it counts as exported.',
        }
      : { severity: 'success', text: 'Exported: IOM created the order.' };
  if (e.state === 'resolved')
    return {
      severity: 'info',
      text: `Resolved${e.resolvedBy ? ` by ${e.resolvedBy}` : ''}: ${e.resolution ?? 'no reason given'}.`,
    };
  if (e.state === 'escalated')
    return {
      severity: 'warning',
      text: e.ownerEmail
        ? `Escalated; ${e.ownerEmail} owns it${e.acknowledgedAt ? ` since ${clock(e.acknowledgedAt)}` : ''}.`
        : 'Escalated and waiting for someone to acknowledge it.',
    };
  if (e.outcomeClass === 'needs_fix')
    return {
      severity: 'error',
      text: NOT_THE_CONTENT[e.lastError?.class ?? ''] ?? 'IOM rejected the content: fix and retry.',
    };
  if (e.outcomeClass === 'technical')
    return {
      severity: e.state === 'failed' ? 'error' : 'warning',
      text: e.nextAttemptAt
        ? `IOM was unreachable: retrying at ${clock(e.nextAttemptAt)}.`
        : 'IOM was unreachable and automatic retries are used up: retry when IOM is back.',
    };
  if (e.state === 'in_progress') return { severity: 'info', text: 'An attempt is running now.' };
  if (e.state === 'held' && e.heldFor === 'credentials')
    return {
      severity: 'error',
      text: "Held: the stored IOM password cannot be decrypted with this server's key. Fix SWITCHBOARD_SECRET_KEY and restart, or type the password again; it then runs by itself.",
    };
  if (e.state === 'held') return { severity: 'info', text: 'Held until its trigger releases it.' };
  if (e.state === 'waiting_for_configuration')
    return { severity: 'warning', text: 'Waiting: the channel has no active order-export service.' };
  if (e.state === 'failed') return { severity: 'error', text: 'Failed: look at the last attempt.' };
  return {
    severity: 'info',
    text: e.nextAttemptAt ? `Pending: next attempt at ${clock(e.nextAttemptAt)}.` : 'Pending.',
  };
}

export interface JsonProblem {
  message: string;
  line: number;
  column: number;
}

function lineColumn(text: string, position: number) {
  const before = text.slice(0, position).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** Why a text is not JSON, with where: V8 names a position (and sometimes line and column itself). */
export function jsonProblem(text: string): JsonProblem | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const raw = (error as Error).message;
    const message = raw.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
    const lc = /line (\d+) column (\d+)/.exec(raw);
    if (lc) return { message, line: Number(lc[1]), column: Number(lc[2]) };
    const pos = /position (\d+)/.exec(raw);
    const at = pos ? Number(pos[1]) : text.length;
    return { message, ...lineColumn(text, at) };
  }
}

/** Pretty JSON when the text is JSON, the text itself otherwise. */
export function pretty(body: string | null | undefined): string {
  if (!body) return '';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
