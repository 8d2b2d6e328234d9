/** Headers whose values are credentials or sessions: never shown, whatever the exporter stored. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

/** What the exporter itself stores for Basic credentials; kept as is because it reveals nothing. */
const REDACTED = /^\w+ \(redacted\)$|^\(redacted\)$/;

function redactValue(value: string): string {
  if (REDACTED.test(value)) return value;
  const scheme = /^(\w+)\s/.exec(value)?.[1];
  return scheme ? `${scheme} (redacted)` : '(redacted)';
}

export function redactHeaders(headers: Record<string, string> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {}))
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? redactValue(String(value)) : value;
  return out;
}

/** A URL without user and password (`https://user:secret@host` must not reach the browser). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = 'redacted';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//redacted@');
  }
}

/**
 * An attempt's request and response as support may see them. The exporter already stores
 * `Authorization: Basic (redacted)`; this second guard keeps a credential out of the timeline even if a future
 * transport logs one. Pure.
 */
export function redactAttemptLog<
  T extends {
    request: { url: string; headers: Record<string, string> } | null;
    response: { headers: Record<string, string> } | null;
    lookup: {
      url: string;
      asks?: {
        request: { url: string; headers: Record<string, string> };
        response: { headers: Record<string, string> } | null;
      }[];
    } | null;
  },
>(attempt: T): T {
  const { lookup } = attempt;
  return {
    ...attempt,
    lookup: lookup
      ? {
          ...lookup,
          url: redactUrl(lookup.url),
          ...(lookup.asks
            ? {
                asks: lookup.asks.map((ask) => ({
                  ...ask,
                  request: {
                    ...ask.request,
                    url: redactUrl(ask.request.url),
                    headers: redactHeaders(ask.request.headers),
                  },
                  response: ask.response
                    ? { ...ask.response, headers: redactHeaders(ask.response.headers) }
                    : null,
                })),
              }
            : {}),
        }
      : null,
    request: attempt.request
      ? {
          ...attempt.request,
          url: redactUrl(attempt.request.url),
          headers: redactHeaders(attempt.request.headers),
        }
      : null,
    response: attempt.response
      ? { ...attempt.response, headers: redactHeaders(attempt.response.headers) }
      : null,
  };
}
