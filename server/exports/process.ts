import { and, eq } from 'drizzle-orm';
import { orderExports } from '../../drizzle/schema/exports.ts';
import type { Db } from '../db/client.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import type { Logger } from '../logger.ts';
import { openClientCertificate } from '../secrets/clientCertificate.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { secretContext } from '../services/commands.ts';
import { performAttempt, type AttemptRecord } from './attempt.ts';
import { credentialHoldMessage, holdForCredentials } from './credentialHold.ts';
import type { Claimed } from './claim.ts';
import type { ExportTarget } from './config.ts';
import { decideNext } from './decide.ts';
import { historyOf, loadEarlierAttempts } from './history.ts';
import { attemptDurations } from './metrics.ts';
import { recordAttempt } from './record.ts';
import type { IomHttpClient, IomTarget } from './transport.ts';

export interface ProcessContext {
  db: Db;
  secrets: SecretBox;
  client: IomHttpClient;
  logger: Logger;
  worker: string;
  clock: () => Date;
  random: () => number;
  responseBodyLimit: number;
  /** Aborted when the worker stops and its grace period is over. */
  signal: AbortSignal;
}

function iomTargetOf(target: ExportTarget, secrets: SecretBox): IomTarget {
  const { config } = target;
  return {
    configId: config.id,
    version: config.version,
    endpoint: config.endpoint,
    username: config.username,
    password: config.passwordEncrypted
      ? secrets.decrypt(config.passwordEncrypted, secretContext(config.id))
      : null,
    timeoutMs: config.timeoutMs,
    trustedCertificateSha256: config.trustedCertificateSha256,
    clientCertificate: openClientCertificate(secrets, config),
  };
}

/** One claimed export: its attempt against IOM, judged, and recorded with the export's next state. */
export async function processClaimed(
  ctx: ProcessContext,
  claimed: Claimed,
  target: ExportTarget | null,
): Promise<void> {
  const { row } = claimed;
  const log = ctx.logger.child({
    exportId: row.id,
    channelId: row.channelId,
    shopOrderNumber: row.shopOrderNumber,
  });
  // A takeover logged the dead worker's open attempt already (claimExpired), and counted it in runAttempts.
  const runAttempts = row.runAttempts;
  if (claimed.lostFrom)
    log.warn({ lostFrom: claimed.lostFrom }, 'export taken over from a worker whose lease ran out');
  if (!target) {
    // The configuration went away while the export was due: it waits for one again.
    await ctx.db
      .update(orderExports)
      .set({
        state: 'waiting_for_configuration',
        leaseOwner: null,
        leaseExpiresAt: null,
        nextAttemptAt: null,
        updatedAt: ctx.clock(),
      })
      .where(and(eq(orderExports.id, row.id), eq(orderExports.leaseOwner, ctx.worker)));
    return;
  }
  let iomTarget: IomTarget;
  try {
    iomTarget = iomTargetOf(target, ctx.secrets);
  } catch (error) {
    const message = credentialHoldMessage(target.config.id, (error as Error).message);
    log.error({ configId: target.config.id }, message);
    await holdForCredentials(ctx.db, { exportId: row.id, worker: ctx.worker, now: ctx.clock(), message });
    return;
  }
  const startedAt = ctx.clock();
  // The first attempt has no past; a later one asks IOM first when an earlier one may have reached it, and
  // compares what IOM holds with every version sent before an edit (history.ts).
  const history =
    row.attempts > 0
      ? historyOf(
          await whileDatabaseIsDown(ctx.signal, () => loadEarlierAttempts(ctx.db, row.id)),
          row.payload,
        )
      : { askFirst: false, earlier: [] };
  let record: AttemptRecord = await performAttempt(
    ctx.client,
    {
      shopId: target.channel.iomShopId,
      shopOrderNumber: row.shopOrderNumber,
      payload: row.payload,
      target: iomTarget,
      responseBodyLimit: ctx.responseBodyLimit,
      askFirst: history.askFirst,
      earlier: history.earlier,
    },
    ctx.signal,
  );
  const now = ctx.clock();
  let next = decideNext({
    outcome: record.result.outcome,
    runAttempts: runAttempts + 1,
    settings: target.settings,
    alreadyEscalated: row.escalatedAt !== null,
    now,
    random: ctx.random,
    retryAfter: record.result.retryAfter ?? null,
  });
  if (ctx.signal.aborted && record.result.outcome === 'technical_error') {
    record = {
      ...record,
      result: {
        ...record.result,
        errorClass: 'interrupted',
        message: 'The worker stopped during the attempt; it is due again at once.',
      },
    };
    next = { ...next, state: row.escalatedAt ? 'escalated' : 'pending', nextAttemptAt: now };
  }
  attemptDurations.observe(record.result.outcome, record.durationMs / 1000);
  const outcome = {
    exportId: row.id,
    worker: ctx.worker,
    cause: row.nextCause,
    startedAt,
    record,
    next,
    now,
  };
  const number = await whileDatabaseIsDown(ctx.signal, () => recordAttempt(ctx.db, outcome));
  const facts = {
    attempt: number,
    outcome: record.result.outcome,
    errorClass: record.result.errorClass,
    state: next.state,
  };
  if (number === null) log.warn(facts, 'lease lost during the attempt; another worker took the export over');
  else if (next.escalateNow) log.warn({ ...facts, message: record.result.message }, 'export escalated');
  else if (next.state === 'failed')
    log.warn({ ...facts, message: record.result.message }, 'export needs a fix');
  else if (record.result.warning) log.info({ ...facts, warning: record.result.warning }, 'export attempt');
  else log.debug(facts, 'export attempt');
}

/**
 * Runs `work`, again and again while the database is unreachable (a restart, a failover): IOM's answer is
 * kept until it can be recorded, instead of being lost with the lease. Gives up when the worker stops.
 */
async function whileDatabaseIsDown<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  for (let delayMs = 250; ; delayMs = Math.min(delayMs * 2, 2000)) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || signal.aborted) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
