import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  authorization: string | null;
}

/**
 * A loopback HTTP server standing in for a host someone points Switchboard at (an attacker's, in the custody
 * tests): it records every request and answers 401, as an IOM would to wrong credentials.
 */
export async function startListener(): Promise<{
  url: string;
  port: number;
  received: Received[];
  /** The passwords of the Basic `Authorization` headers received (empty ones left out). */
  passwords: () => string[];
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    received.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization ?? null,
    });
    req.resume();
    res.writeHead(401, { 'www-authenticate': 'Basic realm="listener"', 'content-type': 'text/plain' });
    res.end('who are you');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    passwords: () =>
      received
        .map((r) => /^Basic (.+)$/.exec(r.authorization ?? '')?.[1])
        .filter((b64): b64 is string => b64 !== undefined)
        .map((b64) => Buffer.from(b64, 'base64').toString('utf8').split(':').slice(1).join(':'))
        .filter((p) => p !== ''),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
