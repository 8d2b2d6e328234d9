import type { ExportOutcome } from '../../shared/exports.ts';
import type { AskReason } from '../../shared/iomAsk.ts';

/**
 * The code the IOM simulator sends, behind its `duplicateCode` switch, for a number it already holds. IOM's
 * contracts document no such code (a used number gets an ordinary 400 `VALIDATION_EXCEPTION` report), so it
 * is only a hint in a message: whether IOM has the order is always settled by asking it.
 */
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
  /** The `Retry-After` header, if any. */
  retryAfter?: string | null;
  /** What was asked (for a redirect's message). */
  url?: string;
}

export interface Classification {
  outcome: ExportOutcome;
  errorClass: string | null;
  message: string | null;
  warning?: string;
  iomErrors?: IomErrorEntry[];
  /** Ask IOM before judging (see AskReason): this answer does not settle whether IOM has the order. */
  ask: AskReason | null;
  /** IOM's `Retry-After` on a 429 or 503: the least wait before the next attempt. */
  retryAfter?: string;
}

/** The entries of IOM's error report `{status, errors: [{code, message, value}]}`, or [] for anything else. */
export function errorReportOf(body: string): IomErrorEntry[] {
  if (body.trim() === '') return [];
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

export const summary = (errors: IomErrorEntry[]) =>
  errors
    .slice(0, 5)
    .map((e) => (e.message ? `${e.code}: ${e.message}` : e.code))
    .join('; ') + (errors.length > 5 ? `; and ${errors.length - 5} more` : '');

const technical = (errorClass: string, message: string, ask: AskReason | null = null): Classification => ({
  outcome: 'technical_error',
  errorClass,
  message,
  ask,
});

const needsFix = (
  errorClass: string,
  message: string,
  iomErrors?: IomErrorEntry[],
  ask: AskReason | null = null,
): Classification => ({
  outcome: 'validation_error',
  errorClass,
  message,
  ask,
  ...(iomErrors?.length ? { iomErrors } : {}),
});

/** A 2xx that is not `201` with `Location`, described for the message that follows the question to IOM. */
function unproven(answer: IomAnswer): Classification {
  const type = answer.contentType.split(';')[0]?.trim() || 'no content type';
  if (/<html|<!doctype html/i.test(answer.body) || /text\/html/i.test(answer.contentType))
    return technical(
      'garbage',
      `IOM's address answered ${answer.status} with an HTML page (${type}; a sign-in page or a proxy?) instead of IOM's 201.`,
      'unproven',
    );
  if (answer.status === 201)
    return technical(
      'unproven',
      "IOM answered 201 without a Location header, which IOM's 201 carries.",
      'unproven',
    );
  const errors = errorReportOf(answer.body);
  if (errors.length > 0)
    return {
      ...technical(
        'unproven',
        `IOM's address answered ${answer.status} with an error report (${summary(errors)}) instead of IOM's 201.`,
        'unproven',
      ),
      iomErrors: errors,
    };
  return technical(
    'unproven',
    `IOM's address answered ${answer.status}${answer.body.trim() ? ` (${type})` : ' without a body'} instead of IOM's 201 with Location.`,
    'unproven',
  );
}

/**
 * Judges IOM's answer to `POST …/orders` after IOM's Order API contract (SPEC §5). Only `201` with `Location`
 * proves a created order; any other 2xx, a 400 or 409 and a gateway's 502/504 leave it open and are followed by
 * asking IOM (`ask`). Pure.
 */
export function classifyAnswer(answer: IomAnswer): Classification {
  const { status } = answer;
  if (status === 201 && answer.location && !/text\/html/i.test(answer.contentType))
    return { outcome: 'created', errorClass: null, message: null, ask: null };
  if (status >= 200 && status < 300) return unproven(answer);
  const errors = errorReportOf(answer.body);
  if (status === 400 || status === 409) {
    const hint = errors.some((e) => e.code === ORDER_ALREADY_EXISTS)
      ? ` (its code ${ORDER_ALREADY_EXISTS} says it holds the number)`
      : '';
    return needsFix(
      'validation',
      errors.length
        ? `IOM refused the order${hint}: ${summary(errors)}`
        : `IOM refused the order (${status}) without an error report.`,
      errors,
      'refused',
    );
  }
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
  if (status >= 300 && status < 400)
    return needsFix(
      'redirect',
      `IOM answered ${status} to ${answer.url ?? 'the order'}: correct the endpoint${answer.location ? ` (the answer points to ${answer.location})` : ''}. Exports never follow redirects.`,
    );
  const retryAfter =
    (status === 429 || status === 503) && answer.retryAfter ? { retryAfter: answer.retryAfter } : {};
  const detail = errors.length ? `: ${summary(errors)}` : '';
  const wait = retryAfter.retryAfter ? ` It asks to wait (Retry-After: ${retryAfter.retryAfter}).` : '';
  if (status >= 500)
    return {
      ...technical(
        'http_5xx',
        `IOM answered ${status}${detail}.${wait}`,
        status === 502 || status === 504 ? 'ambiguous' : null,
      ),
      ...retryAfter,
    };
  return { ...technical('http_status', `IOM answered ${status}${detail}.${wait}`), ...retryAfter };
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
      'ambiguous',
    );
  if (has(CONNECT_TIMEOUTS))
    return technical('connect_timeout', `Could not connect to IOM within ${timeoutMs} ms.`);
  if (has(RESETS))
    return technical(
      'connection_reset',
      `The connection to IOM broke before its answer (${text}).`,
      'ambiguous',
    );
  if (codes.includes('ECONNREFUSED'))
    return technical('connection_refused', `IOM refused the connection (${text}): is it running?`);
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN'))
    return technical('dns', `IOM's host name does not resolve (${text}).`);
  if (codes.some((c) => c === 'EHOSTUNREACH' || c === 'ENETUNREACH'))
    return technical('unreachable', `IOM's host is unreachable (${text}).`);
  if (codes.some((c) => c.startsWith('ERR_TLS') || c.startsWith('CERT_') || c.includes('SELF_SIGNED')))
    return technical('tls', `TLS with IOM failed: ${text}`);
  return technical('other', `The request to IOM failed: ${text}`, 'ambiguous');
}
