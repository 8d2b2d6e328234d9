import type { Db } from '../db/client.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import type { ProbeEnvironment } from '../probe/types.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
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
