import {
  ACTION_STATES,
  OUTCOME_OF_CLASS,
  type ExportAction,
  type ExportOutcome,
  type ExportState,
  type OutcomeClass,
} from '../../../shared/exports.ts';

export { ACTION_STATES, type ExportAction } from '../../../shared/exports.ts';

const VERB: Record<ExportAction, string> = {
  retry: 'retry',
  editPayload: 'edit',
  resolve: 'resolve',
  escalate: 'escalate',
  acknowledge: 'acknowledge',
};

export interface RefusalFacts {
  state: ExportState;
  exportedAt: Date | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  escalatedAt: Date | null;
}

const when = (d: Date | null) => (d ? d.toISOString() : 'an unknown time');

/** Why an action cannot start from the export's state, in a sentence that says what to do; null when it can. */
export function refusalOf(action: ExportAction, facts: RefusalFacts): string | null {
  if (ACTION_STATES[action].includes(facts.state)) return null;
  const verb = VERB[action];
  switch (facts.state) {
    case 'exported':
      return `IOM has this order already (exported at ${when(facts.exportedAt)}): nothing to ${verb}.`;
    case 'in_progress':
      return `An attempt is running right now, so there is nothing to ${verb} yet; reload in a few seconds to see its outcome.`;
    case 'waiting_for_configuration':
      return `The channel has no active order-export configuration yet, so there is nothing to ${verb}: the export starts by itself once an admin activates one.`;
    case 'resolved':
      return `This export was resolved by ${facts.resolvedBy ?? 'someone'} at ${when(facts.resolvedAt)}; retry it to send it to IOM after all.`;
    case 'escalated':
      return action === 'escalate'
        ? `This export is escalated already (since ${when(facts.escalatedAt)}); acknowledge it to take it on.`
        : `An escalated export cannot be ${verb}d.`;
    case 'held':
      return `A held export waits for its trigger; retry it to send it now, or resolve it to close it.`;
    case 'failed':
    case 'pending':
      return action === 'acknowledge'
        ? `Only an escalated export can be acknowledged; this one is ${facts.state}. Escalate it first.`
        : `A ${facts.state} export cannot be ${verb}d.`;
  }
}

export interface LastChange {
  /** The newest timeline event (a person's action, or the intake's), if any. */
  event: { at: Date; kind: string; actorEmail: string | null } | null;
  /** The newest attempt, if any. */
  attempt: { startedAt: Date; durationMs: number; number: number; outcome: ExportOutcome } | null;
  updatedAt: Date;
  state: ExportState;
}

const EVENT_DONE: Record<string, string> = {
  received: 'received it',
  approved: 'approved it',
  retried: 'retried it',
  payload_edited: 'edited its payload',
  resolved: 'resolved it',
  escalated: 'escalated it',
  acknowledged: 'acknowledged it',
  note: 'added a note',
};

/**
 * "who did what at when" for a stale save: the newest of the last event and the last attempt. When neither
 * explains the change (the exporter took it, or re-planned it), the export's time and state say what is known.
 */
export function describeLastChange(c: LastChange): string {
  const attemptEnd = c.attempt ? c.attempt.startedAt.getTime() + c.attempt.durationMs : -Infinity;
  const eventAt = c.event ? c.event.at.getTime() : -Infinity;
  let what: string;
  if (c.event && eventAt >= attemptEnd) {
    what = `${c.event.actorEmail ?? 'Switchboard'} ${EVENT_DONE[c.event.kind] ?? c.event.kind} at ${c.event.at.toISOString()}`;
  } else if (c.attempt) {
    what = `the exporter made attempt ${c.attempt.number} (${c.attempt.outcome.replace('_', ' ')}) at ${c.attempt.startedAt.toISOString()}`;
  } else {
    what = `the exporter changed it at ${c.updatedAt.toISOString()}`;
  }
  return `Someone changed this export since you opened it: ${what}; it is ${c.state.replaceAll('_', ' ')} now — reload and try again.`;
}

/** The outcome class support filters by (none for an export IOM created or that was never attempted). */
export function outcomeClassOf(outcome: ExportOutcome | null): OutcomeClass | null {
  if (!outcome) return null;
  const found = (Object.keys(OUTCOME_OF_CLASS) as OutcomeClass[]).find(
    (c) => OUTCOME_OF_CLASS[c] === outcome,
  );
  return found ?? null;
}
