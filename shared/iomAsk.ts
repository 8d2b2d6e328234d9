/**
 * Asking IOM whether it holds an order (`GET …/shops/{shopId}/order-states?shopOrderNumbers={n}`): why the
 * exporter asks and what the answer came to. The attempt log keeps both; the support UI shows them.
 */

/**
 * - `ambiguous`: no answer, or a gateway's (timeout after sending, reset, 502/504): the order may have arrived;
 * - `refused`: a 400 or 409, which is also what IOM answers for a number it already holds;
 * - `unproven`: a 2xx that is not IOM's `201` with `Location`: nothing proves the order was created;
 * - `before_resend`: an earlier attempt may have reached IOM, so IOM is asked before the order is sent again.
 */
export const ASK_REASONS = ['ambiguous', 'refused', 'unproven', 'before_resend'] as const;
export type AskReason = (typeof ASK_REASONS)[number];

/**
 * - `same`: IOM holds the number with the same content (creation date, customer, total, positions);
 * - `different`: IOM holds another order under the number (a collision);
 * - `earlier_version`: IOM holds the version that was sent before support edited the order;
 * - `edit_unconfirmed`: IOM holds an order that matches both the edit and the version before it on every
 *   compared field, so which one it holds cannot be told;
 * - `not_found`: IOM does not hold the number;
 * - `incomplete`: IOM's order state lacks a compared field;
 * - `unusable`: the answer is not IOM's order-state collection (an error status, HTML, `{}`);
 * - `failed`: no answer (timeout, connection error).
 */
export const ASK_VERDICTS = [
  'same',
  'different',
  'earlier_version',
  'edit_unconfirmed',
  'not_found',
  'incomplete',
  'unusable',
  'failed',
] as const;
export type AskVerdict = (typeof ASK_VERDICTS)[number];

/** Verdicts that mean IOM holds the number. */
export const FOUND_VERDICTS: readonly AskVerdict[] = [
  'same',
  'different',
  'earlier_version',
  'edit_unconfirmed',
];
