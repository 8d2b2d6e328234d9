import { PROBE_OUTCOME_LABELS, type ProbeOutcome, type ProbeStep } from '../../../shared/probe.ts';

type ChipColor = 'success' | 'warning' | 'error' | 'default';

/** Green for ok; amber for what a configuration change fixes; red for a host that does not answer right. */
export const OUTCOME_COLOR: Record<ProbeOutcome, ChipColor> = {
  ok: 'success',
  auth_failed: 'warning',
  not_found: 'warning',
  blocked: 'warning',
  unreachable: 'error',
  tls_error: 'error',
  server_error: 'error',
  timeout: 'error',
};

export const outcomeLabel = (outcome: ProbeOutcome | null | undefined) =>
  outcome ? PROBE_OUTCOME_LABELS[outcome] : null;

/** Worse first: red outcomes, amber ones, never tested, then ok. */
const rank = (outcome: ProbeOutcome | null) =>
  outcome === null ? 1 : outcome === 'ok' ? 0 : OUTCOME_COLOR[outcome] === 'error' ? 3 : 2;

export function worstOutcome(outcomes: (ProbeOutcome | null)[]): ProbeOutcome | null | undefined {
  if (outcomes.length === 0) return undefined;
  return outcomes.reduce((worst, o) => (rank(o) > rank(worst) ? o : worst));
}

export const STEP_GLYPH: Record<ProbeStep['status'], { glyph: string; color: string; word: string }> = {
  ok: { glyph: '✓', color: 'success.main', word: 'ok' },
  warning: { glyph: '⚠', color: 'warning.main', word: 'warning' },
  failed: { glyph: '✗', color: 'error.main', word: 'failed' },
  skipped: { glyph: '–', color: 'text.disabled', word: 'skipped' },
};

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "3 min ago", from the age of a timestamp. */
export function ago(at: Date | string, translate: Translate, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - new Date(at).getTime()) / 1000));
  if (seconds < 10) return translate('app.probes.ago.now');
  if (seconds < 60) return translate('app.probes.ago.seconds', { n: seconds });
  if (seconds < 3600) return translate('app.probes.ago.minutes', { n: Math.floor(seconds / 60) });
  if (seconds < 86_400) return translate('app.probes.ago.hours', { n: Math.floor(seconds / 3600) });
  return translate('app.probes.ago.days', { n: Math.floor(seconds / 86_400) });
}
