import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  auditEvents,
  exportAttempts,
  exportEvents,
  orderExports,
  serviceConfigs,
  users,
} from '../../drizzle/schema/index.ts';
import { approveOrder, intakeOrder } from '../../server/exports/intake.ts';
import type { ExportRow } from '../../server/exports/views.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { signedInAs } from '../helpers/app.ts';
import { rejection } from '../helpers/errors.ts';
import {
  attemptsOf,
  exportChannel,
  exportOf,
  FakeClock,
  makeWorker,
  useExportTestbed,
} from '../helpers/exports.ts';

const testbed = useExportTestbed();
const { sim } = testbed;
let configId: string;
beforeEach(async () => {
  configId = await exportChannel(testbed.db, sim());
});

/** An order the intake takes but IOM refuses: a two-letter country code. */
const badOrder = (n: string) => {
  const order = sampleOrder(n);
  const invoice = structuredClone(order.invoiceAddress) as { location: { countryCode: string } };
  invoice.location.countryCode = 'DE';
  return { ...order, invoiceAddress: invoice };
};

/** Runs the exporter over everything due by the wall clock. */
async function exportDue() {
  const clock = new FakeClock(Date.now());
  return makeWorker(testbed.db, { clock: clock.now }).runOnce();
}

async function take(n: string, body: Record<string, unknown> = sampleOrder(n)) {
  const taken = await intakeOrder(testbed.db, { channelId: 'b2c', body });
  if (taken.kind !== 'accepted') throw new Error(`not accepted: ${taken.kind}`);
  return taken.export.id;
}

/** An export IOM refused (validation error, state failed), as the exporter leaves it. */
async function failedExport(n: string) {
  const id = await take(n, badOrder(n));
  await exportDue();
  expect((await exportOf(testbed.db, n)).state).toBe('failed');
  return id;
}

async function setRow(id: string, changes: Partial<ExportRow>) {
  await testbed.db
    .update(orderExports)
    .set({ updatedAt: new Date(Date.now() - 60_000), ...changes })
    .where(eq(orderExports.id, id));
}

const eventsOf = (id: string) => testbed.db.select().from(exportEvents).where(eq(exportEvents.exportId, id));
const auditOf = (id: string) => testbed.db.select().from(auditEvents).where(eq(auditEvents.targetId, id));

describe('the export detail', () => {
  it('shows the order, its version and why it failed; a channel manager sees only their channels', async () => {
    const id = await failedExport('D-1');
    const support = await signedInAs(testbed.db, 'support');
    const detail = await support.caller.exports.get({ id });
    expect(detail).toMatchObject({
      state: 'failed',
      channelName: 'Channel b2c',
      outcomeClass: 'needs_fix',
      lastIomErrorCode: 'VALIDATION_EXCEPTION',
      ownerEmail: null,
      resolution: null,
    });
    expect(detail.version).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(detail.payload).toMatchObject({ shopOrderNumber: 'D-1' });
    expect(detail.lastAttemptAt).toBeInstanceOf(Date);

    const own = await signedInAs(testbed.db, 'channel_manager', { channels: ['b2c'] });
    const other = await signedInAs(testbed.db, 'channel_manager', { channels: ['elsewhere'] });
    expect((await own.caller.exports.get({ id })).id).toBe(id);
    expect((await own.caller.exports.timeline({ exportId: id })).length).toBeGreaterThan(0);
    expect((await rejection(other.caller.exports.get({ id }))).code).toBe('NOT_FOUND');
    expect((await rejection(other.caller.exports.timeline({ exportId: id }))).code).toBe('NOT_FOUND');
  });
});

describe('who may act', () => {
  it('support and admins act on exports; channel managers may not, and support may not edit configurations', async () => {
    const id = await failedExport('AUTH-1');
    const manager = await signedInAs(testbed.db, 'channel_manager', { channels: ['b2c'] });
    const { version } = await manager.caller.exports.get({ id });
    const refusals = await Promise.all([
      rejection(manager.caller.exports.retry({ id, version })),
      rejection(manager.caller.exports.editPayload({ id, version, payload: sampleOrder('AUTH-1') })),
      rejection(manager.caller.exports.resolve({ id, version, reason: 'not needed' })),
      rejection(manager.caller.exports.escalate({ id, version })),
      rejection(manager.caller.exports.acknowledge({ id, version })),
      rejection(manager.caller.exports.addNote({ exportId: id, text: 'hello' })),
      rejection(manager.caller.exports.owners()),
      rejection(manager.caller.exports.bulkStart({ filter: { orderNumberMatch: 'exact' } })),
    ]);
    expect(refusals.map((r) => r.code)).toEqual(Array(8).fill('FORBIDDEN'));
    expect(await eventsOf(id)).toHaveLength(0);

    const support = await signedInAs(testbed.db, 'support');
    const [config] = await testbed.db.select().from(serviceConfigs).where(eq(serviceConfigs.id, configId));
    const edit = await rejection(
      support.caller.services.update({ id: configId, version: config!.version, name: 'changed by support' }),
    );
    expect(edit.code).toBe('FORBIDDEN');
    expect((await support.caller.exports.retry({ id, version })).state).toBe('pending');

    const admin = await signedInAs(testbed.db, 'admin');
    const again = await admin.caller.exports.get({ id });
    expect(
      (await admin.caller.exports.resolve({ id, version: again.version, reason: 'test order' })).state,
    ).toBe('resolved');
  });
});

describe('retry', () => {
  it('makes a failed export due now with a fresh allowance; the timeline and audit say who', async () => {
    const id = await failedExport('R-1');
    await setRow(id, { runAttempts: 5 });
    const support = await signedInAs(testbed.db, 'support', { email: 'sue@example.com' });
    const before = await support.caller.exports.get({ id });
    const after = await support.caller.exports.retry({ id, version: before.version });
    expect(after).toMatchObject({ state: 'pending', needsFix: false });
    expect(after.version).not.toBe(before.version);
    const row = await exportOf(testbed.db, 'R-1');
    expect(row).toMatchObject({ nextCause: 'manual', runAttempts: 0 });
    expect(row.nextAttemptAt!.getTime()).toBeLessThanOrEqual(Date.now());

    const events = await eventsOf(id);
    expect(events).toMatchObject([
      { kind: 'retried', actorEmail: 'sue@example.com', fromState: 'failed', toState: 'pending' },
    ]);
    expect(await auditOf(id)).toMatchObject([
      {
        action: 'export.retry',
        actorEmail: 'sue@example.com',
        changes: [{ field: 'state', from: 'failed', to: 'pending' }],
      },
    ]);
    await exportDue();
    const attempts = await attemptsOf(testbed.db, id);
    expect(attempts.map((a) => a.cause)).toEqual(['initial', 'manual']);
  });

  it('retries held, escalated, pending and resolved exports too', async () => {
    const support = await signedInAs(testbed.db, 'support');
    for (const [n, state] of [
      ['S-held', 'held'],
      ['S-esc', 'escalated'],
      ['S-pend', 'pending'],
      ['S-res', 'resolved'],
    ] as const) {
      const id = await take(n);
      await setRow(id, {
        state,
        nextAttemptAt: state === 'pending' ? new Date(Date.now() + 3_600_000) : null,
        holdReason: state === 'held' ? 'manual' : null,
        escalatedAt: state === 'escalated' ? new Date() : null,
        resolvedAt: state === 'resolved' ? new Date() : null,
        resolution: state === 'resolved' ? 'was a test' : null,
      });
      const { version } = await support.caller.exports.get({ id });
      const after = await support.caller.exports.retry({ id, version });
      expect(after).toMatchObject({ state: 'pending', heldFor: null, escalatedAt: null, resolution: null });
      expect(after.nextAttemptAt!.getTime()).toBeLessThanOrEqual(Date.now());
    }
  });

  it('is refused, with why, for exported, in-progress and waiting exports — and nothing changes', async () => {
    const support = await signedInAs(testbed.db, 'support');
    const exported = await take('X-1');
    await exportDue();
    let detail = await support.caller.exports.get({ id: exported });
    let refused = await rejection(support.caller.exports.retry({ id: exported, version: detail.version }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toMatch(
      /^IOM has this order already \(exported at \d{4}-.*\): nothing to retry\.$/,
    );

    const running = await take('X-2');
    await setRow(running, {
      state: 'in_progress',
      leaseOwner: 'w1',
      leaseExpiresAt: new Date(Date.now() + 60_000),
    });
    detail = await support.caller.exports.get({ id: running });
    refused = await rejection(support.caller.exports.retry({ id: running, version: detail.version }));
    expect(refused.message).toMatch(/attempt is running right now/);

    const waiting = await take('X-3');
    await setRow(waiting, { state: 'waiting_for_configuration', nextAttemptAt: null });
    detail = await support.caller.exports.get({ id: waiting });
    refused = await rejection(support.caller.exports.retry({ id: waiting, version: detail.version }));
    expect(refused.message).toMatch(/no active order-export configuration/);
    expect((await support.caller.exports.get({ id: waiting })).version).toBe(detail.version);
    expect(await eventsOf(waiting)).toHaveLength(0);
  });

  it('refuses a stale version, naming who changed the export and how', async () => {
    const id = await failedExport('V-1');
    const first = await signedInAs(testbed.db, 'support', { email: 'first@example.com' });
    const second = await signedInAs(testbed.db, 'support', { email: 'second@example.com' });
    const seen = await second.caller.exports.get({ id });
    await first.caller.exports.retry({ id, version: seen.version });
    const stale = await rejection(second.caller.exports.retry({ id, version: seen.version }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(
      /^Someone changed this export since you opened it: first@example\.com retried it at \d{4}-.*; it is pending now — reload and try again\.$/,
    );
    expect(stale.fieldErrors.version).toBeDefined();

    // A change by the exporter is named as such.
    const now = await second.caller.exports.get({ id });
    await exportDue();
    const afterAttempt = await rejection(second.caller.exports.escalate({ id, version: now.version }));
    expect(afterAttempt.code).toBe('CONFLICT');
    expect(afterAttempt.message).toMatch(/the exporter made attempt 2 \(validation error\)/);
    expect(await eventsOf(id)).toHaveLength(1);
  });

  it('refuses a malformed version and an unknown export without a server error', async () => {
    const support = await signedInAs(testbed.db, 'support');
    const id = await failedExport('V-2');
    const bad = await rejection(support.caller.exports.retry({ id, version: 'yesterday' }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.message).toMatch(/^version: /);
    const unknown = await rejection(
      support.caller.exports.retry({ id: crypto.randomUUID(), version: '2026-01-01T00:00:00.000000Z' }),
    );
    expect(unknown.code).toBe('NOT_FOUND');
  });
});

describe('edit payload', () => {
  it('fixes the order, retries it, and keeps the old and new value in the audit log', async () => {
    const id = await failedExport('E-1');
    const support = await signedInAs(testbed.db, 'support', { email: 'editor@example.com' });
    const detail = await support.caller.exports.get({ id });
    const fixed = structuredClone(detail.payload);
    (fixed.invoiceAddress as { location: { countryCode: string } }).location.countryCode = 'DEU';
    const oldHash = (await exportOf(testbed.db, 'E-1')).payloadHash;

    const after = await support.caller.exports.editPayload({ id, version: detail.version, payload: fixed });
    expect(after.state).toBe('pending');
    expect(after.payload).toEqual(fixed);
    const row = await exportOf(testbed.db, 'E-1');
    expect(row.payloadHash).not.toBe(oldHash);

    const [audit] = await auditOf(id);
    expect(audit).toMatchObject({
      action: 'export.edit_payload',
      actorEmail: 'editor@example.com',
      changes: [
        { field: 'payload.invoiceAddress.location.countryCode', from: 'DE', to: 'DEU' },
        { field: 'state', from: 'failed', to: 'pending' },
      ],
    });
    const [event] = await eventsOf(id);
    expect(event).toMatchObject({
      kind: 'payload_edited',
      details: { retried: true, previousHash: oldHash },
    });
    expect(JSON.stringify(event!.details)).not.toContain('Patricia');

    await exportDue();
    expect((await support.caller.exports.get({ id })).state).toBe('exported');
    expect(sim().findOrder(10000, 'E-1')).toBeDefined();
  });

  it('can save without retrying', async () => {
    const id = await failedExport('E-2');
    const support = await signedInAs(testbed.db, 'support');
    const detail = await support.caller.exports.get({ id });
    const edited = { ...detail.payload, note: 'checked' };
    const after = await support.caller.exports.editPayload({
      id,
      version: detail.version,
      payload: edited,
      retry: false,
    });
    expect(after).toMatchObject({ state: 'failed', payload: { note: 'checked' } });
    expect(after.version).not.toBe(detail.version);
  });

  it('refuses an invalid order naming the field, and changes nothing', async () => {
    const id = await failedExport('E-3');
    const support = await signedInAs(testbed.db, 'support');
    const detail = await support.caller.exports.get({ id });
    const rowBefore = await exportOf(testbed.db, 'E-3');

    const customerData = { shopCustomerNumber: 'C-1' };
    const missing = await rejection(
      support.caller.exports.editPayload({
        id,
        version: detail.version,
        payload: { ...detail.payload, customerData },
      }),
    );
    expect(missing.code).toBe('BAD_REQUEST');
    expect(missing.fieldErrors['payload.customerData.customerDataType']).toMatch(/is mandatory/);
    expect(missing.message).toContain('payload.customerData.customerDataType');

    const renumbered = await rejection(
      support.caller.exports.editPayload({
        id,
        version: detail.version,
        payload: { ...detail.payload, shopOrderNumber: 'E-3-new' },
      }),
    );
    expect(renumbered.fieldErrors['payload.shopOrderNumber']).toMatch(/must stay E-3/);

    const notAnObject = await rejection(
      support.caller.exports.editPayload({
        id,
        version: detail.version,
        payload: [] as unknown as Record<string, unknown>,
      }),
    );
    expect(notAnObject.code).toBe('BAD_REQUEST');
    expect(notAnObject.message).toMatch(/payload/);

    const unchanged = await rejection(
      support.caller.exports.editPayload({ id, version: detail.version, payload: detail.payload }),
    );
    expect(unchanged.message).toMatch(/unchanged — use Retry/);

    expect(await exportOf(testbed.db, 'E-3')).toEqual(rowBefore);
    expect(await eventsOf(id)).toHaveLength(0);
    expect(await auditOf(id)).toHaveLength(0);
  });

  it('holds an edit to the intake’s nesting limit and text rules, naming the field, and changes nothing', async () => {
    const id = await failedExport('E-5');
    const support = await signedInAs(testbed.db, 'support');
    const detail = await support.caller.exports.get({ id });
    const rowBefore = await exportOf(testbed.db, 'E-5');
    /** `levels` objects inside one another, the innermost holding `inner`. */
    const nest = (levels: number, inner: unknown = 'end'): unknown =>
      levels === 0 ? inner : { level: nest(levels - 1, inner) };
    const edit = (extra: unknown) =>
      support.caller.exports.editPayload({
        id,
        version: detail.version,
        payload: { ...detail.payload, extra },
        retry: false,
      });

    // The payload itself is the first level: 1 + 64 = 65 levels, one more than the intake takes.
    const deep = await rejection(edit(nest(64)));
    expect(deep.code).toBe('BAD_REQUEST');
    expect(deep.fieldErrors.payload).toMatch(/^payload: nests deeper than 64 levels/);
    // Past the depth where the input middleware stops looking, a NUL is still found, with its path.
    const nul = await rejection(edit(nest(40, 'a\u0000b')));
    expect(nul.code).toBe('BAD_REQUEST');
    expect(nul.message).toMatch(/^payload\.extra(\.level)+: Remove the NUL character/);
    expect(await exportOf(testbed.db, 'E-5')).toEqual(rowBefore);
    expect(await eventsOf(id)).toHaveLength(0);
    expect(await auditOf(id)).toHaveLength(0);

    // Exactly the intake's limit is taken.
    const saved = await edit(nest(63));
    expect(saved.payload).toMatchObject({ extra: nest(63) });
  });

  it('is refused for an exported order', async () => {
    const id = await take('E-4');
    await exportDue();
    const support = await signedInAs(testbed.db, 'support');
    const detail = await support.caller.exports.get({ id });
    const refused = await rejection(
      support.caller.exports.editPayload({
        id,
        version: detail.version,
        payload: { ...detail.payload, x: 1 },
      }),
    );
    expect(refused.message).toMatch(/IOM has this order already .*nothing to edit/);
  });
});

describe('resolve, escalate, acknowledge', () => {
  it('resolves with a reason; the exporter never takes it again', async () => {
    const id = await take('RS-1');
    await setRow(id, {
      state: 'pending',
      nextAttemptAt: new Date(Date.now() - 1000),
      outcome: 'technical_error',
    });
    const support = await signedInAs(testbed.db, 'support', { email: 'res@example.com' });
    const { version } = await support.caller.exports.get({ id });
    const short = await rejection(support.caller.exports.resolve({ id, version, reason: 'no' }));
    expect(short.code).toBe('BAD_REQUEST');
    expect(short.fieldErrors.reason).toMatch(/at least 3/);

    const resolved = await support.caller.exports.resolve({ id, version, reason: '  Cancelled in ICM  ' });
    expect(resolved).toMatchObject({
      state: 'resolved',
      resolvedBy: 'res@example.com',
      resolution: 'Cancelled in ICM',
      nextAttemptAt: null,
    });
    expect(resolved.resolvedAt).toBeInstanceOf(Date);
    expect(await exportDue()).toBe(0);
    expect(await attemptsOf(testbed.db, id)).toHaveLength(0);
    expect(await eventsOf(id)).toMatchObject([
      { kind: 'resolved', message: 'Cancelled in ICM', toState: 'resolved' },
    ]);

    const again = await rejection(
      support.caller.exports.resolve({ id, version: resolved.version, reason: 'once more' }),
    );
    expect(again.message).toMatch(/resolved by res@example.com/);
  });

  it('escalates a pending export without moving its next retry, and a failed one', async () => {
    const support = await signedInAs(testbed.db, 'support');
    const pending = await take('ES-1');
    const next = new Date(Date.now() + 600_000);
    await setRow(pending, { state: 'pending', nextAttemptAt: next, outcome: 'technical_error' });
    let detail = await support.caller.exports.get({ id: pending });
    const escalated = await support.caller.exports.escalate({
      id: pending,
      version: detail.version,
      reason: 'IOM down for hours',
    });
    expect(escalated.state).toBe('escalated');
    expect(escalated.nextAttemptAt).toEqual(next);
    expect(escalated.escalatedAt).toBeInstanceOf(Date);
    expect(await eventsOf(pending)).toMatchObject([
      { kind: 'escalated', message: 'IOM down for hours', fromState: 'pending' },
    ]);

    // The exporter takes it when due, like a pending one, and keeps it escalated.
    await setRow(pending, { nextAttemptAt: new Date(Date.now() - 1000) });
    sim().setFaults({ errorRate: 1 });
    await exportDue();
    expect((await exportOf(testbed.db, 'ES-1')).state).toBe('escalated');
    sim().setFaults({});

    const failed = await failedExport('ES-2');
    detail = await support.caller.exports.get({ id: failed });
    const again = await support.caller.exports.escalate({ id: failed, version: detail.version });
    expect(again).toMatchObject({ state: 'escalated', nextAttemptAt: null });
    const twice = await rejection(support.caller.exports.escalate({ id: failed, version: again.version }));
    expect(twice.message).toMatch(/escalated already/);
  });

  it('acknowledges an escalation for the caller or a named admin or support user', async () => {
    const support = await signedInAs(testbed.db, 'support', { email: 'ack@example.com' });
    const colleague = await signedInAs(testbed.db, 'admin', { email: 'colleague@example.com' });
    const manager = await signedInAs(testbed.db, 'channel_manager', { channels: ['b2c'] });
    const disabled = await signedInAs(testbed.db, 'support', { email: 'gone@example.com' });
    await testbed.db.update(users).set({ disabled: true }).where(eq(users.id, disabled.user.id));

    const failed = await failedExport('A-1');
    let detail = await support.caller.exports.get({ id: failed });
    const notEscalated = await rejection(
      support.caller.exports.acknowledge({ id: failed, version: detail.version }),
    );
    expect(notEscalated.message).toMatch(/Only an escalated export can be acknowledged/);

    detail = await support.caller.exports.escalate({ id: failed, version: detail.version });
    const mine = await support.caller.exports.acknowledge({ id: failed, version: detail.version });
    expect(mine).toMatchObject({
      state: 'escalated',
      ownerId: support.user.id,
      ownerEmail: 'ack@example.com',
    });
    expect(mine.acknowledgedAt).toBeInstanceOf(Date);

    for (const [who, pattern] of [
      [manager.user.id, /ownerId: .* is a channel manager/],
      [disabled.user.id, /ownerId: gone@example.com is disabled/],
      [crypto.randomUUID(), /ownerId: there is no such user/],
    ] as const) {
      const refused = await rejection(
        support.caller.exports.acknowledge({ id: failed, version: mine.version, ownerId: who }),
      );
      expect(refused.code).toBe('BAD_REQUEST');
      expect(refused.fieldErrors.ownerId).toMatch(pattern);
    }
    const handed = await support.caller.exports.acknowledge({
      id: failed,
      version: mine.version,
      ownerId: colleague.user.id,
    });
    expect(handed.ownerEmail).toBe('colleague@example.com');
    const kinds = (await eventsOf(failed)).map((e) => e.kind);
    expect(kinds.sort()).toEqual(['acknowledged', 'acknowledged', 'escalated']);

    const owners = await support.caller.exports.owners();
    expect(owners.map((o) => o.email).sort()).toEqual(['ack@example.com', 'colleague@example.com']);
  });
});

describe('notes and the timeline', () => {
  it('merges events and attempts oldest first, with the Authorization value never shown', async () => {
    const clock = new FakeClock(Date.now() - 10_000);
    await exportChannel(testbed.db, sim(), { id: 'b2b', settings: { exportTrigger: 'on-order-approval' } });
    const taken = await intakeOrder(testbed.db, {
      channelId: 'b2b',
      body: badOrder('T-1'),
      now: clock.now(),
    });
    if (taken.kind !== 'accepted') throw new Error('not accepted');
    const id = taken.export.id;
    clock.advance(1000);
    await approveOrder(testbed.db, { channelId: 'b2b', shopOrderNumber: 'T-1', now: clock.now() });
    clock.advance(1000);
    await makeWorker(testbed.db, { clock: clock.now }).runOnce();

    const support = await signedInAs(testbed.db, 'support', { email: 'tl@example.com' });
    const note = await support.caller.exports.addNote({ exportId: id, text: 'Customer called.' });
    expect(note).toMatchObject({ kind: 'note', actorEmail: 'tl@example.com', message: 'Customer called.' });
    const emptyNote = await rejection(support.caller.exports.addNote({ exportId: id, text: '   ' }));
    expect(emptyNote.fieldErrors.text).toBeDefined();

    const detail = await support.caller.exports.get({ id });
    await support.caller.exports.retry({ id, version: detail.version });
    await exportDue();

    // A transport that logged a credential by mistake must not leak it through the timeline.
    await testbed.db.insert(exportAttempts).values({
      exportId: id,
      channelId: detail.channelId,
      number: 99,
      cause: 'manual',
      worker: 'old-worker',
      startedAt: new Date(Date.now() + 60_000),
      durationMs: 5,
      request: {
        url: 'https://consumer:s3cret@iom.example.com/shops/1/orders',
        method: 'POST',
        headers: { authorization: 'Basic Y29uc3VtZXI6czNjcmV0', 'content-type': 'application/json' },
        body: '{}',
      },
      response: { status: 500, headers: { 'set-cookie': 'JSESSIONID=abc123' }, body: '', truncated: false },
      outcome: 'technical_error',
    });

    const timeline = await support.caller.exports.timeline({ exportId: id });
    const summary = timeline.map((t) =>
      t.kind === 'event' ? `event:${t.event.kind}` : `attempt:${t.attempt.number}:${t.attempt.outcome}`,
    );
    expect(summary).toEqual([
      'event:received',
      'event:approved',
      'attempt:1:validation_error',
      'event:note',
      'event:retried',
      'attempt:2:validation_error',
      'attempt:99:technical_error',
    ]);
    const times = timeline.map((t) => t.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const first = timeline[2];
    if (first?.kind !== 'attempt') throw new Error('expected an attempt');
    expect(first.attempt.request?.headers.Authorization ?? first.attempt.request?.headers.authorization).toBe(
      'Basic (redacted)',
    );
    expect(first.attempt.iomErrors?.[0]).toMatchObject({ code: 'VALIDATION_EXCEPTION' });
    const text = JSON.stringify(timeline);
    expect(text).not.toContain('Y29uc3VtZXI6Y29uc3VtZXJfd3M'); // consumer_ws:consumer_ws
    expect(text).not.toContain(Buffer.from('consumer_ws:consumer_ws').toString('base64'));
    expect(text).not.toContain('Y29uc3VtZXI6czNjcmV0');
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('abc123');
    const approved = timeline[1];
    expect(approved).toMatchObject({ kind: 'event', event: { fromState: 'held', toState: 'pending' } });
  });

  it('records the approval once', async () => {
    await exportChannel(testbed.db, sim(), { id: 'b2b', settings: { exportTrigger: 'on-order-approval' } });
    await intakeOrder(testbed.db, { channelId: 'b2b', body: sampleOrder('AP-1') });
    await approveOrder(testbed.db, { channelId: 'b2b', shopOrderNumber: 'AP-1' });
    await approveOrder(testbed.db, { channelId: 'b2b', shopOrderNumber: 'AP-1' });
    const row = await exportOf(testbed.db, 'AP-1', 'b2b');
    const events = await testbed.db
      .select()
      .from(exportEvents)
      .where(and(eq(exportEvents.exportId, row.id), eq(exportEvents.kind, 'approved')));
    expect(events).toHaveLength(1);
  });
});
