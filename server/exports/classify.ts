import type { ExportOutcome } from '../../shared/exports.ts';

/** The code of IOM's error report for an order it already has (a duplicate, which counts as exported). */
export const ORDER_ALREADY_EXISTS = 'ORDER_ALREADY_EXISTS';

export interface IomErrorEntry {
  code: string;
  message: string;
  value?: unknown;
}

/** What IOM (or whatever answered in its place) sent back. */
export interface IomAnswer {
  status: number;
  contentType: string;
  body: string;
  location: string | null;
}

export interface Classification {
  outcome: ExportOutcome;
  errorClass: string | null;
  message: string | null;
  warning?: string;
  iomErrors?: IomErrorEntry[];
  /** The order may have reached IOM although no answer says so: look it up before calling it a failure. */
  ambiguous: boolean;
}

/** The entries of IOM's error report `{status, errors: [{code, message, value}]}`, or [] for anything else. */
export function errorReportOf(body: string): IomErrorEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e: unknown) => {
    if (e === null || typeof e !== 'object') return [];
    const { code, message, value } = e as Record<string, unknown>;
    if (typeof code !== 'string') return [];
    return [
      {
        code,
        message: typeof message === 'string' ? message : '',
        ...(value === undefined ? {} : { value }),
      },
    ];
  });
}

const summary = (errors: IomErrorEntry[]) =>
  errors
    .slice(0, 5)
    .map((e) => (e.message ? `${e.code}: ${e.message}` : e.code))
    .join('; ') + (errors.length > 5 ? `; and ${errors.length - 5} more` : '');

const technical = (errorClass: string, message: string, ambiguous = false): Classification => ({
  outcome: 'technical_error',
  errorClass,
  message,
  ambiguous,
});

const needsFix = (errorClass: string, message: string, iomErrors?: IomErrorEntry[]): Classification => ({
  outcome: 'validation_error',
  errorClass,
  message,
  ambiguous: false,
  ...(iomErrors?.length ? { iomErrors } : {}),
});

/** Judges IOM's answer to `POST …/orders` after the IOM communication concept (SPEC §5). Pure. */
export function classifyAnswer(answer: IomAnswer): Classification {
  const { status } = answer;
  const errors = errorReportOf(answer.body);
  if (status >= 200 && status < 300) {
    if (/text\/html/i.test(answer.contentType))
      return technical(
        'garbage',
        `IOM's address answered ${status} with an HTML page (a sign-in page or a proxy?) instead of IOM's answer; the order is not known to be created.`,
      );
    if (status === 201 && !answer.location)
      return {
        outcome: 'created',
        errorClass: null,
        message: null,
        ambiguous: false,
        warning: 'IOM answered 201 without a Location header; the order is recorded as created.',
      };
    return { outcome: 'created', errorClass: null, message: null, ambiguous: false };
  }
  if (status === 400 && errors.some((e) => e.code === ORDER_ALREADY_EXISTS))
    return { outcome: 'duplicate', errorClass: null, message: null, ambiguous: false, iomErrors: errors };
  if (status === 400)
    return needsFix(
      'validation',
      errors.length
        ? `IOM refused the order: ${summary(errors)}`
        : 'IOM refused the order (400) without an error report.',
      errors,
    );
  if (status === 401)
    return needsFix(
      'unauthorized',
      'IOM refused the credentials (401): correct the username or password of the order-export service.',
    );
  if (status === 403)
    return needsFix(
      'forbidden',
      "IOM refused access (403): the order-export user lacks the permission for this channel's shop.",
    );
  if (status === 415)
    return needsFix('unsupported_media_type', 'IOM does not accept the order format (415).', errors);
  if (status >= 500)
    return technical(
      'http_5xx',
      `IOM answered ${status}${errors.length ? `: ${summary(errors)}` : ''}.`,
      status === 502 || status === 504,
    );
  if (status >= 300 && status < 400)
    return technical(
      'redirect',
      `IOM redirects to ${answer.location ?? 'another address'}; exports do not follow redirects: set the endpoint to the final address.`,
    );
  return technical('http_status', `IOM answered ${status}${errors.length ? `: ${summary(errors)}` : ''}.`);
}

/** Thrown when the outbound policy refuses the endpoint: a configuration problem, not a passing one. */
export class PolicyRefusedError extends Error {
  readonly code = 'ERR_OUTBOUND_POLICY';
  constructor(message: string) {
    super(message);
    this.name = 'PolicyRefusedError';
  }
}

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const { code, name } = current as { code?: unknown; name?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof name === 'string') codes.push(name);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

const TIMEOUTS = ['TimeoutError', 'AbortError', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'];
const CONNECT_TIMEOUTS = ['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ConnectTimeoutError'];
const RESETS = ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED'];

/** Judges a request that got no answer. Pure: looks only at the error's codes and message. */
export function classifyFailure(error: unknown, timeoutMs: number): Classification {
  const codes = codesOf(error);
  const text = error instanceof Error ? error.message : String(error);
  const has = (list: string[]) => codes.some((c) => list.includes(c));
  if (error instanceof PolicyRefusedError || codes.includes('ERR_OUTBOUND_POLICY'))
    return needsFix('policy', `The outbound policy refuses the endpoint: ${text}`);
  if (has(TIMEOUTS))
    return technical(
      'timeout',
      `IOM did not answer within ${timeoutMs} ms; it may have received the order.`,
      true,
    );
  if (has(CONNECT_TIMEOUTS))
    return technical('connect_timeout', `Could not connect to IOM within ${timeoutMs} ms.`);
  if (has(RESETS))
    return technical('connection_reset', `The connection to IOM broke before its answer (${text}).`, true);
  if (codes.includes('ECONNREFUSED'))
    return technical('connection_refused', `IOM refused the connection (${text}): is it running?`);
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN'))
    return technical('dns', `IOM's host name does not resolve (${text}).`);
  if (codes.some((c) => c === 'EHOSTUNREACH' || c === 'ENETUNREACH'))
    return technical('unreachable', `IOM's host is unreachable (${text}).`);
  if (codes.some((c) => c.startsWith('ERR_TLS') || c.startsWith('CERT_') || c.includes('SELF_SIGNED')))
    return technical('tls', `TLS with IOM failed: ${text}`);
  return technical('other', `The request to IOM failed: ${text}`, true);
}
