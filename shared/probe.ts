/** The outcome of a connectivity test as a whole (SPEC §3). */
export const PROBE_OUTCOMES = [
  'ok',
  'unreachable',
  'tls_error',
  'auth_failed',
  'not_found',
  'server_error',
  'timeout',
  'blocked',
] as const;
export type ProbeOutcome = (typeof PROBE_OUTCOMES)[number];

export const PROBE_STEPS = ['policy', 'dns', 'tcp', 'tls', 'application', 'health'] as const;
export type ProbeStepName = (typeof PROBE_STEPS)[number];

export const PROBE_STEP_LABELS: Record<ProbeStepName, string> = {
  policy: 'URL and outbound policy',
  dns: 'DNS resolution',
  tcp: 'TCP connect',
  tls: 'TLS handshake',
  application: 'IOM call with credentials',
  health: 'IOM health',
};

export const PROBE_OUTCOME_LABELS: Record<ProbeOutcome, string> = {
  ok: 'OK',
  unreachable: 'Unreachable',
  tls_error: 'TLS error',
  auth_failed: 'Authentication failed',
  not_found: 'Not found',
  server_error: 'Server error',
  timeout: 'Timeout',
  blocked: 'Blocked by policy',
};

export interface ProbeStep {
  step: ProbeStepName;
  /** `warning`: passed, but worth attention (e.g. a certificate that expires soon). */
  status: 'ok' | 'warning' | 'failed' | 'skipped';
  ms: number;
  detail: string;
  data?: Record<string, string | number | boolean | null>;
}

export interface ProbeResult {
  outcome: ProbeOutcome;
  /** One sentence a channel manager can act on. */
  message: string;
  steps: ProbeStep[];
  totalMs: number;
  /** Why the test ran without the stored password (the form's test of another host, for one). */
  notice?: string;
}
