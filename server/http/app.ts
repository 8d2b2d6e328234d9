import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyServerFactory } from 'fastify';
import type { Database } from '../db/client.ts';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../db/errors.ts';
import { unavailableLog } from '../db/unavailableLog.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import type { ProbeEnvironment } from '../probe/types.ts';
import { stopProbeBatches } from '../probes/batchRunner.ts';
import { appRouter, type AppRouter } from '../routers/index.ts';
import { registerClient } from './client.ts';
import { createHttpContext } from './context.ts';
import { registerExportsCsv } from './exportsCsv.ts';
import { registerHealth } from './health.ts';
import { registerIntake } from './intake.ts';
import { registerMetrics } from './metrics.ts';
import { fastifyTrustProxy } from './trustProxy.ts';
import { registerSecurity } from './security.ts';

export interface AppOptions {
  database: Database;
  env: Env;
  logger: Logger;
  secrets: SecretBox;
  probeEnv: ProbeEnvironment;
  /** Directory of the built client; omitted, the server answers only its APIs. */
  clientDir?: string | null;
  /** `serve` binds its port before anything else and hands the server over here (see boundServer.ts). */
  serverFactory?: FastifyServerFactory;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { database, env, logger, secrets, probeEnv } = options;
  const app = Fastify({
    loggerInstance: logger,
    trustProxy: fastifyTrustProxy(env.TRUST_PROXY),
    bodyLimit: 1024 * 1024,
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // A database that is down (restart, failover) or too busy (a bounded wait ran out, no connection slot)
  // is a 503 the caller can retry, not an internal error; logged once per episode, not once per request.
  const databaseUnavailableLog = unavailableLog();
  app.setErrorHandler((error, request, reply) => {
    if (!isDatabaseUnavailable(error)) throw error;
    databaseUnavailableLog(request.log, error, 'http');
    return reply
      .code(503)
      .header('retry-after', '5')
      .send({ error: 'database_unavailable', message: DATABASE_UNAVAILABLE_MESSAGE });
  });
  await app.register(fastifyCookie);
  registerSecurity(app);
  registerHealth(app, database);
  await registerIntake(app, {
    db: database.db,
    maxBytes: env.SWITCHBOARD_INTAKE_MAX_BYTES,
    unavailableLog: databaseUnavailableLog,
  });
  registerMetrics(app, database.db, env.SWITCHBOARD_METRICS);
  registerExportsCsv(app, database.db);
  // Test-all batches run in this process's background: tests in flight end before the database closes.
  app.addHook('onClose', () => stopProbeBatches(database.db));

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: createHttpContext({ db: database.db, env, logger, secrets, probeEnv }),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          logger.error({ err: error.cause ?? error, path }, 'trpc error');
        else if (error.code === 'SERVICE_UNAVAILABLE' && isDatabaseUnavailable(error.cause))
          databaseUnavailableLog(logger, error.cause, `trpc ${path ?? ''}`.trim());
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  if (options.clientDir) await registerClient(app, options.clientDir);
  return app;
}
