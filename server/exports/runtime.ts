import type { Db } from '../db/client.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import type { ProbeEnvironment } from '../probe/types.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { BulkRetryRunner } from './bulk/runner.ts';
import { ExportWorker } from './worker.ts';

/** The exporter as the environment configures it (in `serve` and in `switchboard worker`). */
export function exportWorkerFrom(
  env: Env,
  deps: { db: Db; secrets: SecretBox; probeEnv: ProbeEnvironment; logger: Logger },
): ExportWorker {
  return new ExportWorker({
    ...deps,
    concurrency: env.SWITCHBOARD_EXPORT_CONCURRENCY,
    leaseMs: env.SWITCHBOARD_EXPORT_LEASE_SECONDS * 1000,
    pollMs: env.SWITCHBOARD_EXPORT_POLL_MS,
    responseBodyLimit: env.SWITCHBOARD_ATTEMPT_BODY_MAX_BYTES,
    retentionDays: env.SWITCHBOARD_ATTEMPT_RETENTION_DAYS,
  });
}

/** The bulk retry runner, started and stopped beside the exporter (in `serve` and in `switchboard worker`). */
export function bulkRunnerFrom(env: Env, deps: { db: Db; logger: Logger }): BulkRetryRunner {
  return new BulkRetryRunner({
    ...deps,
    leaseMs: Math.max(10, env.SWITCHBOARD_EXPORT_LEASE_SECONDS) * 1000,
    pollMs: Math.max(1000, env.SWITCHBOARD_EXPORT_POLL_MS),
  });
}
