import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Db } from '../../db/client.ts';
import { isDatabaseUnavailable } from '../../db/errors.ts';
import type { Logger } from '../../logger.ts';
import { wakeExporters, Waker } from '../signals.ts';
import { claimJob, failJob, processBatch, releaseJobs, type BatchResult } from './batch.ts';
import { onBulkJobsChanged } from './signals.ts';

export interface BulkRunnerOptions {
  db: Db;
  logger: Logger;
  id?: string;
  /** Exports retried per transaction. */
  batchSize?: number;
  /** How long a job stays with this runner without progress; a dead runner's job is taken over after this. */
  leaseMs?: number;
  /** How often to look for jobs when nothing wakes the runner. */
  pollMs?: number;
  /** A batch that keeps failing this many times in a row ends the job as failed. */
  maxFailures?: number;
  clock?: () => Date;
}

/**
 * Works through bulk retry jobs, in `switchboard serve` and in `switchboard worker`; any number of runners on
 * one database. A job is claimed with a lease (FOR UPDATE SKIP LOCKED), renewed by every batch; each batch is
 * one transaction fenced on the lease, so a job whose runner died is taken over where it stopped, and a runner
 * that lost its lease changes nothing. A cancel is seen before the next batch.
 */
export class BulkRetryRunner {
  readonly id: string;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly clock: () => Date;
  private readonly waker = new Waker();
  private stopping = false;
  private loopDone: Promise<void> = Promise.resolve();
  private unsubscribe: () => void = () => undefined;
  /** Per job: the last item position this runner handled. */
  private readonly positions = new Map<string, number>();

  constructor(private readonly options: BulkRunnerOptions) {
    this.id = options.id ?? `bulk:${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.batchSize = options.batchSize ?? 200;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.clock = options.clock ?? (() => new Date());
  }

  start(): void {
    this.unsubscribe = onBulkJobsChanged(() => this.waker.poke());
    this.loopDone = this.loop();
    this.options.logger.info({ runner: this.id, batchSize: this.batchSize }, 'bulk retry runner started');
  }

  private async loop(): Promise<void> {
    let pausedAt: number | null = null;
    while (!this.stopping) {
      try {
        const worked = await this.runOneJob();
        if (pausedAt !== null) {
          this.options.logger.info(
            { runner: this.id, pausedMs: Date.now() - pausedAt },
            'bulk retry runner resumes: the database answers again',
          );
          pausedAt = null;
        }
        if (worked) continue;
      } catch (err) {
        if (!isDatabaseUnavailable(err))
          this.options.logger.error({ err }, 'bulk retry runner: claiming a job failed; trying again');
        else if (pausedAt === null) {
          // Said once, not every second: the exporter reports the same outage.
          pausedAt = Date.now();
          this.options.logger.warn(
            { runner: this.id },
            'bulk retry runner pauses: the database is not reachable',
          );
        }
      }
      await this.waker.sleep(this.options.pollMs ?? 1000);
    }
  }

  /** Claims one job and works it off (until done, cancelled, lost or this runner stops); false when none. */
  async runOneJob(): Promise<boolean> {
    const job = await claimJob(this.options.db, this.id, this.clock(), this.leaseMs);
    if (!job) return false;
    this.positions.delete(job.id);
    this.options.logger.info({ runner: this.id, jobId: job.id, total: job.total }, 'bulk retry job claimed');
    let failures = 0;
    while (!this.stopping) {
      let result: BatchResult;
      try {
        result = await this.step(job.id);
        failures = 0;
      } catch (err) {
        // An outage is not the job's fault: it waits for the database instead of failing.
        if (isDatabaseUnavailable(err)) {
          await this.waker.sleep(1000);
          continue;
        }
        failures += 1;
        this.options.logger.error({ err, jobId: job.id, failures }, 'bulk retry batch failed');
        if (failures >= (this.options.maxFailures ?? 5)) {
          await failJob(this.options.db, this.id, job.id, this.clock(), (err as Error).message);
          return true;
        }
        await this.waker.sleep(Math.min(5000, 200 * 2 ** failures));
        continue;
      }
      if (result !== 'continue') {
        this.options.logger.info({ runner: this.id, jobId: job.id, result }, 'bulk retry job left');
        return true;
      }
    }
    return true;
  }

  /** One batch of a job this runner holds. */
  async step(jobId: string): Promise<BatchResult> {
    const { result, retried, lastPosition } = await processBatch(this.options.db, {
      runner: this.id,
      jobId,
      size: this.batchSize,
      now: this.clock(),
      leaseMs: this.leaseMs,
      after: this.positions.get(jobId) ?? 0,
    });
    if (result === 'continue') this.positions.set(jobId, lastPosition);
    else this.positions.delete(jobId);
    if (retried > 0) wakeExporters();
    return result;
  }

  /** Works off every job there is (tests, one-shot runs); returns how many it took on. */
  async runOnce(): Promise<number> {
    let jobs = 0;
    while (await this.runOneJob()) jobs += 1;
    return jobs;
  }

  /** Stops after the batch in flight and hands the job back, so another runner continues it at once. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.unsubscribe();
    this.waker.poke();
    await this.loopDone;
    await releaseJobs(this.options.db, this.id);
    this.options.logger.info({ runner: this.id }, 'bulk retry runner stopped');
  }
}
