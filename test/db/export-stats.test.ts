import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportAttempts, orderExports } from '../../drizzle/schema/index.ts';
import type { SessionUser } from '../../server/auth/sessions.ts';
import type { Db } from '../../server/db/client.ts';
import { exportStats } from '../../server/exports/stats.ts';
import type { ExportOutcome, ExportState } from '../../shared/exports.ts';
import { callerFor, ensureChannels, signedInAs } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());

const at = (iso: string) => new Date(iso);
const NOW = at('2026-03-02T10:20:00Z');

interface ExportSpec {
  channelId: string;
  state: ExportState;
  nextAttemptAt?: string;
  acknowledgedAt?: string;
  attempts?: { startedAt: string; outcome: ExportOutcome; code?: string }[];
}

let numbers = 0;
async function seed(db: Db, spec: ExportSpec): Promise<void> {
  numbers += 1;
  const attempts = spec.attempts ?? [];
  const [row] = await db
    .insert(orderExports)
    .values({
      channelId: spec.channelId,
      shopOrderNumber: `S-${numbers}`,
      payload: {},
      payloadHash: 'test',
      state: spec.state,
      outcome: attempts.at(-1)?.outcome ?? null,
      attempts: attempts.length,
      nextAttemptAt: spec.nextAttemptAt ? at(spec.nextAttemptAt) : null,
      acknowledgedAt: spec.acknowledgedAt ? at(spec.acknowledgedAt) : null,
      lastIomErrorCode: attempts.at(-1)?.code ?? null,
    })
    .returning({ id: orderExports.id });
  if (!attempts.length) return;
  await db.insert(exportAttempts).values(
    attempts.map((a, i) => ({
      exportId: row!.id,
      channelId: spec.channelId,
      number: i + 1,
      cause: i === 0 ? ('initial' as const) : ('automatic' as const),
      worker: 'test',
      startedAt: at(a.startedAt),
      durationMs: 10,
      outcome: a.outcome,
      iomErrors: a.code ? [{ code: a.code, message: `${a.code} happened` }] : null,
    })),
  );
}

/**
 * The hand-made data set; NOW is 10:20 on 2 March, so the 24h window runs from 1 March 11:00 to 2 March 11:00
 * (exclusive) and the 7d window from 23 February 11:00.
 */
async function seedAll(db: Db): Promise<void> {
  await ensureChannels(db, ['b2c', 'b2b', 'eu']);
  const created = (startedAt: string) => ({ startedAt, outcome: 'created' as const });
  const invalid = (startedAt: string, code: string) => ({
    startedAt,
    outcome: 'validation_error' as const,
    code,
  });
  const technical = (startedAt: string) => ({ startedAt, outcome: 'technical_error' as const });
  // b2c
  await seed(db, { channelId: 'b2c', state: 'exported', attempts: [created('2026-03-02T10:05:00Z')] });
  await seed(db, {
    channelId: 'b2c',
    state: 'failed',
    attempts: [invalid('2026-03-02T09:59:59.999Z', 'X'), invalid('2026-03-02T10:10:00Z', 'X')],
  });
  await seed(db, {
    channelId: 'b2c',
    state: 'escalated',
    nextAttemptAt: '2026-03-02T12:00:00Z',
    acknowledgedAt: '2026-03-02T10:00:00Z',
    attempts: [technical('2026-03-01T10:59:59Z'), technical('2026-03-01T11:00:00Z')],
  });
  await seed(db, { channelId: 'b2c', state: 'failed', attempts: [invalid('2026-03-02T07:15:00Z', 'X')] });
  await seed(db, { channelId: 'b2c', state: 'pending', nextAttemptAt: '2026-03-02T10:00:00Z' });
  await seed(db, { channelId: 'b2c', state: 'pending', nextAttemptAt: '2026-03-02T11:00:00Z' });
  await seed(db, { channelId: 'b2c', state: 'held' });
  await seed(db, { channelId: 'b2c', state: 'waiting_for_configuration' });
  // An attempt after the current hour (a skewed clock) is in no bucket.
  await seed(db, { channelId: 'b2c', state: 'exported', attempts: [created('2026-03-02T11:00:00Z')] });
  // b2b
  await seed(db, {
    channelId: 'b2b',
    state: 'exported',
    attempts: [{ startedAt: '2026-03-02T08:30:00Z', outcome: 'duplicate' }],
  });
  await seed(db, {
    channelId: 'b2b',
    state: 'escalated',
    attempts: [invalid('2026-03-02T08:40:00Z', 'Y')],
  });
  await seed(db, { channelId: 'b2b', state: 'pending', nextAttemptAt: '2026-03-02T09:00:00Z' });
  // eu: only an attempt from before the 7-day window
  await seed(db, { channelId: 'eu', state: 'exported', attempts: [created('2026-02-20T10:00:00Z')] });
}

const hourOf = (iso: string) => at(iso).toISOString();
/** The non-empty buckets, keyed by their start. */
function nonEmpty(buckets: { start: Date; exported: number; duplicate: number; failed: number }[]) {
  return Object.fromEntries(
    buckets
      .filter((b) => b.exported + b.duplicate + b.failed > 0)
      .map((b) => [b.start.toISOString(), [b.exported, b.duplicate, b.failed]]),
  );
}

describe('exports.stats', () => {
  let admin: SessionUser;
  let b2bManager: SessionUser;
  beforeEach(async () => {
    await tdb.reset();
    await seedAll(tdb.db);
    admin = (await signedInAs(tdb.db, 'admin')).user;
    b2bManager = (await signedInAs(tdb.db, 'channel_manager', { channels: ['b2b'] })).user;
  });

  it('counts the last 24 hours per UTC hour, zero-filled, with totals, classes, codes and channels', async () => {
    const stats = await exportStats(tdb.db, admin, { range: '24h' }, NOW);
    expect(stats.buckets).toHaveLength(24);
    expect(stats.buckets[0]!.start).toEqual(at('2026-03-01T11:00:00Z'));
    expect(stats.buckets[23]!.start).toEqual(at('2026-03-02T10:00:00Z'));
    expect(
      stats.buckets.every(
        (b, i) => b.start.getTime() === at('2026-03-01T11:00:00Z').getTime() + i * 3_600_000,
      ),
    ).toBe(true);
    expect(nonEmpty(stats.buckets)).toEqual({
      [hourOf('2026-03-01T11:00:00Z')]: [0, 0, 1],
      [hourOf('2026-03-02T07:00:00Z')]: [0, 0, 1],
      [hourOf('2026-03-02T08:00:00Z')]: [0, 1, 1],
      [hourOf('2026-03-02T09:00:00Z')]: [0, 0, 1],
      [hourOf('2026-03-02T10:00:00Z')]: [1, 0, 1],
    });
    expect(stats.totals).toEqual({ exported: 1, duplicate: 1, failed: 5, successRate: 2 / 7 });
    expect(stats.failuresByClass).toEqual({ technical: 1, needs_fix: 4 });
    // X hit two exports (one of them twice), Y one.
    expect(stats.topErrorCodes).toEqual([
      { code: 'X', count: 2 },
      { code: 'Y', count: 1 },
    ]);
    expect(stats.perChannel).toEqual([
      {
        channelId: 'b2c',
        channelName: 'Channel b2c',
        exported: 1,
        duplicate: 0,
        failed: 4,
        successRate: 1 / 5,
      },
      {
        channelId: 'b2b',
        channelName: 'Channel b2b',
        exported: 0,
        duplicate: 1,
        failed: 1,
        successRate: 1 / 2,
      },
      { channelId: 'eu', channelName: 'Channel eu', exported: 0, duplicate: 0, failed: 0, successRate: null },
    ]);
    expect(stats.current).toEqual({
      failed: 2,
      escalated: 2,
      escalationsWaiting: 1,
      pending: 3,
      held: 1,
      waitingForConfiguration: 1,
      due: 2,
      oldestDueAt: at('2026-03-02T09:00:00Z'),
    });
  });

  it('covers 7 days in 168 hourly buckets', async () => {
    const stats = await exportStats(tdb.db, admin, { range: '7d' }, NOW);
    expect(stats.buckets).toHaveLength(168);
    expect(stats.buckets[0]!.start).toEqual(at('2026-02-23T11:00:00Z'));
    expect(nonEmpty(stats.buckets)[hourOf('2026-03-01T10:00:00Z')]).toEqual([0, 0, 1]);
    expect(stats.totals).toMatchObject({ exported: 1, duplicate: 1, failed: 6 });
    expect(stats.failuresByClass).toEqual({ technical: 2, needs_fix: 4 });
  });

  it("gives a channel manager their channels' figures only", async () => {
    const stats = await exportStats(tdb.db, b2bManager, { range: '24h' }, NOW);
    expect(stats.totals).toEqual({ exported: 0, duplicate: 1, failed: 1, successRate: 0.5 });
    expect(nonEmpty(stats.buckets)).toEqual({ [hourOf('2026-03-02T08:00:00Z')]: [0, 1, 1] });
    expect(stats.perChannel.map((c) => c.channelId)).toEqual(['b2b']);
    expect(stats.topErrorCodes).toEqual([{ code: 'Y', count: 1 }]);
    expect(stats.current).toEqual({
      failed: 0,
      escalated: 1,
      escalationsWaiting: 1,
      pending: 1,
      held: 0,
      waitingForConfiguration: 0,
      due: 1,
      oldestDueAt: at('2026-03-02T09:00:00Z'),
    });
  });

  it('narrows to one channel; a channel outside the scope, or unknown, has no figures', async () => {
    const b2c = await exportStats(tdb.db, admin, { range: '24h', channelId: 'b2c' }, NOW);
    expect(b2c.totals).toEqual({ exported: 1, duplicate: 0, failed: 4, successRate: 0.2 });
    expect(b2c.perChannel.map((c) => c.channelId)).toEqual(['b2c']);
    expect(b2c.current).toMatchObject({
      failed: 2,
      pending: 2,
      due: 1,
      oldestDueAt: at('2026-03-02T10:00:00Z'),
    });

    for (const channelId of ['b2c', 'nowhere']) {
      const none = await exportStats(tdb.db, b2bManager, { range: '24h', channelId }, NOW);
      expect(none.buckets).toHaveLength(24);
      expect(nonEmpty(none.buckets)).toEqual({});
      expect(none.totals).toEqual({ exported: 0, duplicate: 0, failed: 0, successRate: null });
      expect(none.perChannel).toEqual([]);
      expect(none.topErrorCodes).toEqual([]);
      expect(none.current).toMatchObject({ failed: 0, escalated: 0, pending: 0, due: 0, oldestDueAt: null });
    }
  });

  it('is a procedure for exports.read: the current figures through the API, bad input refused by field', async () => {
    const manager = callerFor(tdb.db, b2bManager);
    const live = await manager.exports.stats({ range: '7d' });
    expect(live.buckets).toHaveLength(168);
    expect(live.current).toMatchObject({ escalated: 1, pending: 1 });

    const badRange = await rejection(manager.exports.stats({ range: '30d' as '7d' }));
    expect(badRange.code).toBe('BAD_REQUEST');
    expect(badRange.fieldErrors).toHaveProperty('range');
    expect(badRange.message).toMatch(/^range: Choose a range of 24h or 7d/);
    const noRange = await rejection(manager.exports.stats({} as { range: '24h' }));
    expect(noRange.fieldErrors).toHaveProperty('range');
    const badChannel = await rejection(manager.exports.stats({ range: '24h', channelId: 'no spaces' }));
    expect(badChannel.fieldErrors).toHaveProperty('channelId');
    expect((await rejection(callerFor(tdb.db, null).exports.stats({ range: '24h' }))).code).toBe(
      'UNAUTHORIZED',
    );
  });
});
