import type { IncomingMessage, ServerResponse } from 'node:http';

/** One entry of IOM's error report (`{ status, errors: [{ code, message, value }] }`). */
export interface IomError {
  code: string;
  message: string;
  value?: unknown;
  /** Only in answers of the control API: the setting that was refused. */
  field?: string;
}

export const ORDER_MEDIA_TYPE = 'application/vnd.intershop.order.v2+json';
export const RETURN_MEDIA_TYPE = 'application/vnd.intershop.return-request.v1+json';

export function sendBody(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': String(payload.length),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): void {
  sendBody(res, status, JSON.stringify(body), `${contentType}; charset=utf-8`, headers);
}

export function sendReport(
  res: ServerResponse,
  status: number,
  errors: IomError[],
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { status, errors }, 'application/json', headers);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Length': '0', ...headers });
  res.end();
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body exceeds ${limit} bytes.`);
  }
}

/**
 * Reads the whole request body, refusing more than `limit` bytes. A body declared too large is refused
 * before a byte is read.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: Error | null) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish(null));
    req.once('error', (error) => finish(error));
    req.once('close', () => finish(new Error('The client closed the connection while sending.')));
  });
}

/** The path with repeated slashes collapsed and a trailing slash dropped, as tolerant servers match it. */
export function normalizePath(pathname: string): string {
  const collapsed = pathname.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 && collapsed.endsWith('/') ? collapsed.slice(0, -1) : collapsed;
}

/** A path segment decoded, or null when its percent-encoding is broken. */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The media type of a Content-Type header, lower-cased and without parameters. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * An answer whose status IOM's contract declares without a body (401, 403, 404, 406, 415, 500): empty, unless
 * the simulator is asked for error reports anyway (`errorBodies`).
 */
export function sendBodiless(
  res: ServerResponse,
  status: number,
  errors: IomError[],
  withReport: boolean,
  headers: Record<string, string> = {},
): void {
  if (withReport) sendReport(res, status, errors, headers);
  else sendEmpty(res, status, headers);
}

/**
 * Whether an `Accept` header admits `mediaType` (RFC 9110): no header admits anything; `*\/*`, `type/*` and
 * the type itself do, unless their `q` is 0.
 */
export function accepts(header: string | undefined, mediaType: string): boolean {
  if (header === undefined || header.trim() === '') return true;
  const type = mediaType.split('/')[0] ?? '';
  return header.split(',').some((range) => {
    const [value = '', ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) return false;
    return value === '*/*' || value === `${type}/*` || value === mediaType;
  });
}
