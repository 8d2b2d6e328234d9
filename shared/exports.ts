/** The order export's vocabulary, shared by the server, the intake API and the support UI. */

export const EXPORT_STATES = [
  'waiting_for_configuration',
  'held',
  'pending',
  'in_progress',
  'exported',
  'failed',
  'escalated',
  'resolved',
] as const;
export type ExportState = (typeof EXPORT_STATES)[number];

/** What the last attempt came to: IOM created the order, already had it, or refused it for a reason. */
export const EXPORT_OUTCOMES = ['created', 'duplicate', 'technical_error', 'validation_error'] as const;
export type ExportOutcome = (typeof EXPORT_OUTCOMES)[number];

/** Why an attempt ran: the first one, an automatic retry, an operator's run of one export, or of many. */
export const ATTEMPT_CAUSES = ['initial', 'automatic', 'manual', 'bulk'] as const;
export type AttemptCause = (typeof ATTEMPT_CAUSES)[number];

/**
 * Why a held export waits: for its trigger, or (`credentials`) because the stored IOM password cannot be
 * decrypted with this server's key — a key problem is not the order's fault, so it waits instead of failing.
 */
export type HoldReason = 'on-order-approval' | 'scheduled' | 'manual' | 'credentials';

export const OUTCOME_HELP: Record<ExportOutcome, string> = {
  created: 'IOM created the order.',
  duplicate: 'IOM already had this same order, as asking it showed: already in IOM (counts as exported).',
  technical_error: 'IOM could not take the order for a technical reason; a retry may work.',
  validation_error:
    'IOM refused the order or the credentials, or holds another order under its number: it needs a fix before a retry.',
};

/** How support groups outcomes: a retry may work, a person must fix something, or IOM had it already. */
export const OUTCOME_CLASSES = ['technical', 'needs_fix', 'duplicate'] as const;
export type OutcomeClass = (typeof OUTCOME_CLASSES)[number];

export const OUTCOME_OF_CLASS: Record<OutcomeClass, ExportOutcome> = {
  technical: 'technical_error',
  needs_fix: 'validation_error',
  duplicate: 'duplicate',
};

export const OUTCOME_CLASS_LABEL: Record<OutcomeClass, string> = {
  technical: 'Technical (retry may work)',
  needs_fix: 'Needs a fix',
  duplicate: 'Duplicate',
};

export const STATE_LABEL: Record<ExportState, string> = {
  waiting_for_configuration: 'Waiting for configuration',
  held: 'Held',
  pending: 'Pending',
  in_progress: 'In progress',
  exported: 'Exported',
  failed: 'Failed',
  escalated: 'Escalated',
  resolved: 'Resolved',
};

/**
 * What support did, or what happened to an export besides its attempts: the export's timeline beside the
 * attempt log. `received`/`approved`/`released` come from the intake, `held` from the exporter (a stored
 * credential it cannot decrypt); the rest are people's actions.
 */
export const EXPORT_EVENT_KINDS = [
  'received',
  'approved',
  'retried',
  'payload_edited',
  'resolved',
  'escalated',
  'acknowledged',
  'note',
  'held',
] as const;
export type ExportEventKind = (typeof EXPORT_EVENT_KINDS)[number];

/** Support's actions that change an export's state (notes change nothing and are always possible). */
export type ExportAction = 'retry' | 'editPayload' | 'resolve' | 'escalate' | 'acknowledge';

/**
 * From which states each action may start; the server enforces it, the UI offers only these. Retry (and edit,
 * which retries) reaches everything that waits for something — a fix, a person, its trigger, its next retry —
 * and brings resolved exports back; resolve closes what has not reached IOM; escalate hands an unfinished export
 * to a person; acknowledge takes an escalation on.
 */
export const ACTION_STATES: Record<ExportAction, readonly ExportState[]> = {
  retry: ['failed', 'escalated', 'pending', 'held', 'resolved'],
  editPayload: ['failed', 'escalated', 'pending', 'held', 'resolved'],
  resolve: ['failed', 'escalated', 'pending', 'held'],
  escalate: ['failed', 'pending'],
  acknowledge: ['escalated'],
};
