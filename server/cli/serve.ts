import type { Command } from 'commander';
import { ensureFirstAdmin } from '../auth/bootstrap.ts';
import { purgeExpiredSessions } from '../auth/sessions.ts';
import { CLIENT_DIST, ensureClientBuild } from '../clientBuild.ts';
import type { Database } from '../db/client.ts';
import { loadEnv, type Env } from '../env.ts';
import { buildApp } from '../http/app.ts';
import { bindPort, type BoundServer } from '../http/boundServer.ts';
import { bulkRunnerFrom, exportWorkerFrom } from '../exports/runtime.ts';
import { createLogger, type Logger } from '../logger.ts';
import { assertKeyOpensStoredCredentials } from '../secrets/keyCheck.ts';
import { createSecretBox, loadSecretKey } from '../secrets/secretBox.ts';
import { probeEnvironmentFrom } from '../probes/environment.ts';
import { openMigratedDatabase } from './runtime.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the web server (what `npm start` runs)')
    .option('--build-client', 'build the web client first if its sources changed')
    .option('--no-client', 'serve only the APIs')
    .action(async (opts: { buildClient?: boolean; client: boolean }) => {
      const env = loadEnv();
      const logger = createLogger(env.LOG_LEVEL);
      if (opts.client && opts.buildClient) await ensureClientBuild((m) => logger.info(m));
      // The port first: a server that cannot have it must stop before it opens the database or exports.
      const bound = await bindPort(env.PORT, env.HOST);
      let database: Database | null = null;
      try {
        const opened = await openMigratedDatabase(env, (message) =>
          logger.warn({ dataDir: env.DATA_DIR }, message),
        );
        database = opened.database;
        logger.info({ database: database.kind, migrationsApplied: opened.applied }, 'database ready');
        await serve(opts, { env, logger, database, bound });
      } catch (error) {
        // A refused start lets go of the port and the database, so that the process ends with its exit code.
        await bound.close();
        await database?.close();
        throw error;
      }
    });
}

async function serve(
  opts: { client: boolean },
  { env, logger, database, bound }: { env: Env; logger: Logger; database: Database; bound: BoundServer },
): Promise<void> {
  const admin = await ensureFirstAdmin(database.db, {
    email: env.ADMIN_EMAIL,
    password: env.ADMIN_PASSWORD,
  });
  if (admin.created) announceFirstAdmin(admin.email, admin.generatedPassword);
  await purgeExpiredSessions(database.db);

  const { key, source } = loadSecretKey(env);
  const secrets = createSecretBox(key);
  await assertKeyOpensStoredCredentials(database.db, secrets, source);
  logger.info({ keySource: source }, 'credential encryption key loaded');
  const app = await buildApp({
    database,
    env,
    logger,
    secrets,
    probeEnv: probeEnvironmentFrom(env),
    clientDir: opts.client ? CLIENT_DIST : null,
    serverFactory: bound.serverFactory,
  });
  await app.ready();
  const exporter =
    env.SWITCHBOARD_EXPORT_WORKER === 'on'
      ? exportWorkerFrom(env, {
          db: database.db,
          secrets,
          probeEnv: probeEnvironmentFrom(env),
          logger,
        })
      : null;
  // Bulk retries run wherever the exporter runs (here, or in `switchboard worker` processes).
  const bulkRunner = exporter ? bulkRunnerFrom(env, { db: database.db, logger }) : null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing open requests');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    await Promise.all([bound.close(), app.close(), exporter?.stop(), bulkRunner?.stop()]);
    await database.close();
    clearTimeout(force);
    logger.info('stopped');
  };
  process.once('SIGTERM', (s) => void stop(s));
  process.once('SIGINT', (s) => void stop(s));

  bound.open();
  await exporter?.start();
  bulkRunner?.start();
  const shown = bound.address.replace('127.0.0.1', 'localhost');
  logger.info({ address: bound.address }, `Switchboard is listening on ${shown}`);
}

/** Printed once, outside the JSON log, because it carries the only copy of a password. */
function announceFirstAdmin(email: string, generatedPassword: string | null): void {
  const lines = generatedPassword
    ? [
        'No user existed, so the first admin was created:',
        `  email:    ${email}`,
        `  password: ${generatedPassword}`,
        'This password is shown only now, and must be changed at the first sign-in',
        '(user menu → Change password); until then nothing else is allowed.',
      ]
    : [`No user existed, so the first admin ${email} was created from ADMIN_EMAIL / ADMIN_PASSWORD.`];
  const width = Math.max(...lines.map((l) => l.length));
  const bar = `+${'-'.repeat(width + 2)}+`;
  process.stdout.write(`${[bar, ...lines.map((l) => `| ${l.padEnd(width)} |`), bar].join('\n')}\n`);
}
