import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client.ts';

const READY_TIMEOUT_MS = 2000;

export function registerHealth(app: FastifyInstance, database: Database): void {
  app.get('/healthz', { logLevel: 'warn' }, (_request, reply) => reply.send({ status: 'ok' }));

  app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
    const started = performance.now();
    try {
      await Promise.race([
        database.ping(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('no answer within 2 s')), READY_TIMEOUT_MS).unref(),
        ),
      ]);
      return { status: 'ok', database: database.kind, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return reply.code(503).send({
        status: 'unavailable',
        database: database.kind,
        message: `The database is not reachable: ${(error as Error).message}`,
      });
    }
  });
}
