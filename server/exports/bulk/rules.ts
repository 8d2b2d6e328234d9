import type { ExportState } from '../../../shared/exports.ts';

/**
 * What a bulk retry sends again: exports that stopped — failed (needs a fix: after fixing the cause, e.g. a
 * configuration, many are retried at once) and escalated (technical trouble long enough for a person to look).
 * Pending exports are already queued and held ones wait for their trigger on purpose; a bulk retry leaves both
 * alone, as the preview says, and so does it with exports a person resolved.
 */
export const BULK_RETRYABLE_STATES = ['failed', 'escalated'] as const satisfies readonly ExportState[];

export function isBulkRetryable(state: ExportState): boolean {
  return (BULK_RETRYABLE_STATES as readonly ExportState[]).includes(state);
}

/** Why exports in a state are left out of a bulk retry: one sentence per state, for the preview. */
export const NOT_BULK_RETRYABLE: Record<
  Exclude<ExportState, (typeof BULK_RETRYABLE_STATES)[number]>,
  string
> = {
  pending:
    'Already queued: the exporter sends them at their next retry time. Retry one on its own to send it now.',
  held: 'Waiting for their trigger (approval, schedule or a manual run) on purpose; a bulk retry does not release them.',
  in_progress: 'An attempt is running right now.',
  exported: 'IOM has these orders already.',
  waiting_for_configuration:
    'Their channel has no active order-export configuration; they start by themselves once one is active.',
  resolved: 'A person resolved them; retry one on its own to send it to IOM after all.',
};

/** Why a job skipped an export it covered: it changed after the job started (keys of `skippedReasons`). */
export function skipReasonOf(state: ExportState | null): string {
  switch (state) {
    case null:
      return 'deleted since the job started';
    case 'pending':
      return 'already queued (retried by someone else since the job started)';
    case 'in_progress':
      return 'an attempt was running';
    case 'exported':
      return 'exported since the job started';
    case 'resolved':
      return 'resolved since the job started';
    case 'held':
      return 'held since the job started';
    case 'waiting_for_configuration':
      return 'waiting for configuration since the job started';
    case 'failed':
    case 'escalated':
      return 'could not be retried';
  }
}

/** Adds a batch's skip counts to the job's. Pure. */
export function addCounts(
  total: Record<string, number>,
  batch: Record<string, number>,
): Record<string, number> {
  const out = { ...total };
  for (const [reason, n] of Object.entries(batch)) out[reason] = (out[reason] ?? 0) + n;
  return out;
}

/** The channels a job may touch: its filter's channel, else the creator's scope at the time. */
export type JobScope = 'all' | string[];

export function jobChannels(filterChannelId: string | undefined, creatorScope: JobScope): JobScope {
  if (filterChannelId)
    return creatorScope === 'all' || creatorScope.includes(filterChannelId) ? [filterChannelId] : [];
  return creatorScope;
}

/** Whether a user with `userScope` may see a job that touches `channels`: their channels must cover it. Pure. */
export function scopeCovers(userScope: JobScope, channels: JobScope): boolean {
  if (userScope === 'all') return true;
  if (channels === 'all') return false;
  return channels.every((c) => userScope.includes(c));
}
