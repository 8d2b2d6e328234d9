import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyServerFactory } from 'fastify';
import { DomainError } from '../errors.ts';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * The HTTP server of `serve`, listening before the database is opened: a process that cannot have its port
 * (an earlier server still holds it) must stop before it touches the database or starts exporting.
 */
export interface BoundServer {
  /** `http://host:port`, as Fastify's own listen would say. */
  address: string;
  /** For `Fastify({ serverFactory })`: the app takes over the bound server. */
  serverFactory: FastifyServerFactory;
  /** Hands requests to the app from now on (after `app.ready()`); until then they get 503 "starting". */
  open(): void;
  /** Takes no more connections; resolves once the open ones have ended. */
  close(): Promise<void>;
}

const STARTING = JSON.stringify({
  error: 'starting',
  message: 'Switchboard is starting; try again in a few seconds.',
});

export async function bindPort(port: number, host: string): Promise<BoundServer> {
  // Fastify's own defaults for a server it creates (keep-alive beyond common load balancers' 60 s idle).
  const server: Server = createServer({ keepAliveTimeout: 72_000, requestTimeout: 0 });
  let appHandler: Handler | null = null;
  let handler: Handler | null = null;
  let closing = false;
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    // A keep-alive connection whose request was still running when the server closed would otherwise stay
    // open, idle, for the whole keep-alive time and hold up the shutdown.
    response.once('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    if (handler) return handler(request, response);
    response
      .writeHead(503, {
        'content-type': 'application/json; charset=utf-8',
        'retry-after': '5',
        'cache-control': 'no-store',
      })
      .end(STARTING);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    throw portRefusal(error, port, host);
  });
  const { address, port: bound } = server.address() as AddressInfo;
  return {
    address: `http://${address.includes(':') ? `[${address}]` : address}:${bound}`,
    serverFactory: (fastifyHandler) => {
      appHandler = fastifyHandler;
      return server;
    },
    open() {
      handler = appHandler;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        closing = true;
        server.close(() => resolve());
      }),
  };
}

function portRefusal(error: NodeJS.ErrnoException, port: number, host: string): Error {
  if (error.code === 'EADDRINUSE')
    return new DomainError(
      'CONFLICT',
      `Port ${port} on ${host} is taken by another process (an earlier Switchboard still running?). ` +
        'Stop that process or set PORT to a free port. The database was not opened.',
    );
  if (error.code === 'EACCES')
    return new DomainError(
      'FORBIDDEN',
      `This user may not listen on port ${port} on ${host}; set PORT to 1024 or above. The database was not opened.`,
    );
  if (error.code === 'EADDRNOTAVAIL')
    return new DomainError(
      'BAD_REQUEST',
      `${host} is not an address of this machine; set HOST to one of its addresses (or 0.0.0.0). The database was not opened.`,
    );
  return error;
}
