import type { Command } from 'commander';
import { loadEnv } from '../env.ts';
import { DomainError } from '../errors.ts';
import { bulkRunnerFrom, exportWorkerFrom } from '../exports/runtime.ts';
import { createLogger } from '../logger.ts';
import { probeEnvironmentFrom } from '../probes/environment.ts';
import { assertKeyOpensStoredCredentials } from '../secrets/keyCheck.ts';
import { createSecretBox, loadSecretKey } from '../secrets/secretBox.ts';
import { openMigratedDatabase } from './runtime.ts';

export function registerExportWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'run only the order exporter, no web server (start as many as you like against one PostgreSQL database)',
    )
    .action(async () => {
      const env = loadEnv();
      if (!env.DATABASE_URL) throw embeddedRefused();
      const logger = createLogger(env.LOG_LEVEL);
      const { database, applied } = await openMigratedDatabase(env);
      logger.info({ database: database.kind, migrationsApplied: applied }, 'database ready');
      const { key, source } = loadSecretKey(env);
      const secrets = createSecretBox(key);
      try {
        await assertKeyOpensStoredCredentials(database.db, secrets, source);
      } catch (error) {
        await database.close();
        throw error;
      }
      const worker = exportWorkerFrom(env, {
        db: database.db,
        secrets,
        probeEnv: probeEnvironmentFrom(env),
        logger,
      });
      const bulkRunner = bulkRunnerFrom(env, { db: database.db, logger });
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down: finishing open exports');
        const force = setTimeout(() => process.exit(1), 15_000).unref();
        await Promise.all([worker.stop(), bulkRunner.stop()]);
        await database.close();
        clearTimeout(force);
      };
      process.once('SIGTERM', (s) => void stop(s));
      process.once('SIGINT', (s) => void stop(s));
      await worker.start();
      bulkRunner.start();
    });
}

/** The embedded database belongs to one process, and `serve` already runs the exporter beside its web server. */
function embeddedRefused(): DomainError {
  return new DomainError(
    'BAD_REQUEST',
    '`switchboard worker` runs beside servers on PostgreSQL: set DATABASE_URL. On the embedded database ' +
      '(DATA_DIR), `switchboard serve` exports the orders itself (SWITCHBOARD_EXPORT_WORKER=on) and no other ' +
      'process may open it. Nothing was done.',
  );
}
