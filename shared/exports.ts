/** The order export's vocabulary, shared by the server, the intake API and (later) the support UI. */

export const EXPORT_STATES = [
  'waiting_for_configuration',
  'held',
  'pending',
  'in_progress',
  'exported',
  'failed',
  'escalated',
] as const;
export type ExportState = (typeof EXPORT_STATES)[number];

/** What the last attempt came to: IOM created the order, already had it, or refused it for a reason. */
export const EXPORT_OUTCOMES = ['created', 'duplicate', 'technical_error', 'validation_error'] as const;
export type ExportOutcome = (typeof EXPORT_OUTCOMES)[number];

/** Why an attempt ran: the first one, an automatic retry, an operator's run of one export, or of many. */
export const ATTEMPT_CAUSES = ['initial', 'automatic', 'manual', 'bulk'] as const;
export type AttemptCause = (typeof ATTEMPT_CAUSES)[number];

/** Holds waiting for their trigger. */
export type HoldReason = 'on-order-approval' | 'scheduled' | 'manual';

export const OUTCOME_HELP: Record<ExportOutcome, string> = {
  created: 'IOM created the order.',
  duplicate: 'IOM already had the order (a duplicate counts as exported).',
  technical_error: 'IOM could not take the order for a technical reason; a retry may work.',
  validation_error: 'IOM refused the order or the credentials: it needs a fix before a retry.',
};
