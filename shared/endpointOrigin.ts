/** Where a stored credential belongs: the scheme, host and port of the endpoint it was saved with. */

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** Scheme, host (case-insensitive) and port, the default port spelt out; null for what is no http(s) URL. */
function originOf(endpoint: string): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return null;
  }
  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (!defaultPort || !url.hostname) return null;
  return `${url.protocol}//${url.hostname.toLowerCase()}:${url.port || defaultPort}`;
}

/** Whether two endpoints reach the same scheme, host and port (paths may differ). */
export function sameEndpointOrigin(a: string, b: string): boolean {
  const origin = originOf(a);
  return origin !== null && origin === originOf(b);
}
