import type { Command } from 'commander';
import { loadEnv } from '../env.ts';
import { bulkRunnerFrom, exportWorkerFrom } from '../exports/runtime.ts';
import { createLogger } from '../logger.ts';
import { probeEnvironmentFrom } from '../probes/environment.ts';
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
      const logger = createLogger(env.LOG_LEVEL);
      const { database, applied } = await openMigratedDatabase(env);
      logger.info({ database: database.kind, migrationsApplied: applied }, 'database ready');
      const worker = exportWorkerFrom(env, {
        db: database.db,
        secrets: createSecretBox(loadSecretKey(env).key),
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
