import { ACTION_STATES, type ExportState } from '../../../shared/exports.ts';

export type ExportAction = 'retry' | 'edit' | 'resolve' | 'escalate' | 'acknowledge' | 'note';

/** Why a state rules an action out, in the words the button's tooltip shows. */
const BLOCKED_BY: Partial<Record<ExportState, string>> = {
  exported: 'IOM has the order already.',
  in_progress: 'An attempt is running right now.',
  waiting_for_configuration: 'The channel has no active order-export service yet.',
  resolved: 'Resolved already: retry it to send it to IOM after all.',
  escalated: 'Escalated already: acknowledge it to take it on.',
  held: 'Held for its trigger: retry it to send it now, or resolve it.',
};

/**
 * Why an action is not offered in a state (null: offered). Reads the table the server enforces
 * (shared/exports.ts), so a button is greyed out with the reason instead of failing after a click.
 */
export function whyNot(action: ExportAction, state: ExportState): string | null {
  if (action === 'note') return null;
  const allowed = ACTION_STATES[action === 'edit' ? 'editPayload' : action];
  if (allowed.includes(state)) return null;
  if (action === 'acknowledge') return 'Only an escalated export is acknowledged; escalate it first.';
  return BLOCKED_BY[state] ?? 'Not possible in this state.';
}
