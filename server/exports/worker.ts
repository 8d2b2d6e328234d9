import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import os from 'node:os';
import type { Db } from '../db/client.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import type { Logger } from '../logger.ts';
import type { ProbeEnvironment } from '../probe/types.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import {
  claimDue,
  claimExpired,
  registerWorker,
  releaseLeases,
  renewLeases,
  unregisterWorker,
} from './claim.ts';
import type { Claimed } from './claim.ts';
import { TargetCache } from './config.ts';
import { releaseCredentialHolds } from './credentialHold.ts';
import { planWaitingExports, purgeOldAttempts } from './planner.ts';
import { processClaimed, type ProcessContext } from './process.ts';
import { onExportsDue, settlesWithin, Waker } from './signals.ts';
import { IomHttpClient } from './transport.ts';

export interface ExportWorkerOptions {
  db: Db;
  secrets: SecretBox;
  probeEnv: ProbeEnvironment;
  logger: Logger;
  id?: string;
  /** Attempts in flight at once. */
  concurrency?: number;
  /** How long a claim holds without a heartbeat; a dead worker's exports are taken over after this. */
  leaseMs?: number;
  /** How often to look for due work when nothing wakes the worker. */
  pollMs?: number;
  /** How often held and waiting exports are re-planned against the configuration. */
  planIntervalMs?: number;
  responseBodyLimit?: number;
  retentionDays?: number;
  /** The time the exporter goes by (tests move it); leases, retries and schedules use it. */
  clock?: () => Date;
  random?: () => number;
}

const PURGE_INTERVAL_MS = 3_600_000;

/** The durable exporter: claims due exports with a lease, sends them to IOM and records every attempt. */
export class ExportWorker {
  readonly id: string;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly clock: () => Date;
  private readonly client: IomHttpClient;
  private readonly targets: TargetCache;
  private readonly abort = new AbortController();
  private readonly inflight = new Map<string, Promise<void>>();
  private stopping = false;
  private readonly waker = new Waker();
  private loopDone: Promise<void> = Promise.resolve();
  private heartbeat: NodeJS.Timeout | null = null;
  private unsubscribe: () => void = () => undefined;
  private lastPlan = 0;
  private lastPurge = 0;
  private lastTakeover = 0;
  /** Since when the database has been unreachable (the loop waits for it instead of claiming). */
  private paused: Date | null = null;

  constructor(private readonly options: ExportWorkerOptions) {
    this.id = options.id ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.concurrency = options.concurrency ?? 8;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.batch = Math.max(1, Math.floor(this.concurrency / 4));
    this.clock = options.clock ?? (() => new Date());
    this.targets = new TargetCache(options.db);
    this.client = new IomHttpClient(options.probeEnv, { connections: this.concurrency });
    // Every attempt in flight listens for the stop: as many listeners as the concurrency, not a leak.
    setMaxListeners(this.concurrency * 2 + 10, this.abort.signal);
  }

  private get context(): ProcessContext {
    const o = this.options;
    return {
      db: o.db,
      secrets: o.secrets,
      client: this.client,
      logger: o.logger,
      worker: this.id,
      clock: this.clock,
      random: o.random ?? Math.random,
      responseBodyLimit: o.responseBodyLimit ?? 65_536,
      signal: this.abort.signal,
    };
  }

  async start(): Promise<void> {
    const { db, logger } = this.options;
    await registerWorker(db, this.id, os.hostname(), process.pid, this.clock());
    const released = await releaseCredentialHolds(db, this.clock());
    if (released)
      logger.info(
        { released },
        'exports held for undecryptable credentials are due again (the key is re-checked)',
      );
    this.heartbeat = setInterval(
      () => {
        renewLeases(db, this.id, [...this.inflight.keys()], this.clock(), this.leaseMs).catch(
          (err: unknown) => {
            if (!this.paused) logger.error({ err }, 'export worker heartbeat failed');
          },
        );
      },
      Math.max(200, Math.floor(this.leaseMs / 3)),
    );
    this.unsubscribe = onExportsDue(() => this.waker.poke());
    this.loopDone = this.loop();
    logger.info(
      { worker: this.id, concurrency: this.concurrency, leaseMs: this.leaseMs },
      'export worker started',
    );
  }

  private async loop(): Promise<void> {
    const pollMs = this.options.pollMs ?? 1000;
    const { logger } = this.options;
    while (!this.stopping) {
      let claimed = 0;
      try {
        await this.housekeeping();
        claimed = await this.claimAndStart();
        if (this.paused) {
          const pausedMs = Date.now() - this.paused.getTime();
          logger.info({ worker: this.id, pausedMs }, 'export worker resumes: the database answers again');
          this.paused = null;
        }
      } catch (err) {
        if (!isDatabaseUnavailable(err)) {
          logger.error({ err }, 'export worker: claiming failed; trying again');
        } else {
          if (!this.paused) {
            this.paused = new Date();
            logger.warn(
              { worker: this.id, err },
              'export worker pauses: the database is not reachable; retrying every second',
            );
          }
          await this.waker.sleep(Math.max(pollMs, 1000));
          continue;
        }
      }
      if (this.stopping) break;
      if (claimed > 0 && this.inflight.size < this.concurrency) continue;
      await this.waker.sleep(claimed > 0 ? 60_000 : pollMs);
      // Claim in batches: wait until a quarter of the slots are free (or all, when little is going on).
      while (!this.stopping && this.concurrency - this.inflight.size < this.batch && this.inflight.size > 0)
        await this.waker.sleep(60_000);
    }
  }

  private async housekeeping(): Promise<void> {
    const { db, planIntervalMs = 5000, retentionDays = 90 } = this.options;
    const t = Date.now();
    if (t - this.lastPlan >= planIntervalMs) {
      this.lastPlan = t;
      await planWaitingExports(db, this.clock());
    }
    if (t - this.lastPurge >= PURGE_INTERVAL_MS) {
      this.lastPurge = t;
      const purged = await purgeOldAttempts(db, this.clock(), retentionDays);
      if (purged) this.options.logger.info({ purged, retentionDays }, 'old export attempts deleted');
    }
  }

  /** Claims what fits into the free slots and starts it; returns how many were claimed. */
  private async claimAndStart(): Promise<number> {
    const { db } = this.options;
    const free = this.concurrency - this.inflight.size;
    const now = this.clock();
    const t = Date.now();
    let claimed: Claimed[] = [];
    // Dead workers are rare: look for expired leases now and then, not on every claim.
    if (t - this.lastTakeover >= Math.min(1000, this.leaseMs / 2)) {
      this.lastTakeover = t;
      claimed = await claimExpired(db, this.id, free, now, this.leaseMs);
    }
    claimed = [...claimed, ...(await claimDue(db, this.id, free - claimed.length, now, this.leaseMs))];
    if (claimed.length === 0) return 0;
    const targets = await this.targets.get(claimed.map((c) => c.row.channelId));
    for (const c of claimed) {
      const work = processClaimed(this.context, c, targets.get(c.row.channelId) ?? null)
        .catch((err: unknown) =>
          this.options.logger.error({ err, exportId: c.row.id }, 'export attempt failed to record'),
        )
        .finally(() => {
          this.inflight.delete(c.row.id);
          this.waker.poke();
        });
      this.inflight.set(c.row.id, work);
    }
    return claimed.length;
  }

  /** Plans, then exports everything due now until nothing is left (tests, one-shot runs). Returns the attempts. */
  async runOnce(): Promise<number> {
    this.targets.clear();
    this.lastTakeover = 0;
    await planWaitingExports(this.options.db, this.clock());
    let total = 0;
    for (;;) {
      const claimed = await this.claimAndStart();
      total += claimed;
      if (claimed === 0 && this.inflight.size === 0) return total;
      await Promise.race(this.inflight.values());
    }
  }

  /** Stops claiming, lets open attempts finish within `graceMs`, then interrupts them and hands back the rest. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.unsubscribe();
    this.waker.poke();
    await this.loopDone;
    const all = Promise.allSettled([...this.inflight.values()]);
    if (!(await settlesWithin(all, graceMs))) {
      this.abort.abort();
      await settlesWithin(all, 2000);
    }
    if (this.heartbeat) clearInterval(this.heartbeat);
    const { db, logger } = this.options;
    try {
      const released = await releaseLeases(db, this.id, this.clock());
      await unregisterWorker(db, this.id);
      logger.info({ worker: this.id, released }, 'export worker stopped');
    } finally {
      await this.client.close();
    }
  }
}
