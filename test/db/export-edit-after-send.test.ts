/**
 * Support edits the payload of an order whose earlier attempt may have reached IOM (its answer never came).
 * The exporter compares what IOM holds with the edited order, and with the versions sent before: an order
 * IOM holds in its earlier version is never counted as exported, and a person decides.
 */
import { describe, expect, it } from 'vitest';
import { intakeOrder } from '../../server/exports/intake.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { signedInAs } from '../helpers/app.ts';
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
const counts = (n: string) => sim().counts.orders['10000']?.[n];

async function until(what: string, condition: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The first attempt times out; IOM stores the order only afterwards (`stored`), or never. Then support edits
 * the order with `edit` and retries it; returns the export after the retry.
 */
async function editAfterTimeout(
  number: string,
  edit: (payload: Record<string, unknown>) => void,
  stored: boolean,
) {
  const clock = new FakeClock(Date.now());
  await exportChannel(testbed.db, sim(), { timeoutMs: 300 });
  const taken = await intakeOrder(testbed.db, {
    channelId: 'b2c',
    body: sampleOrder(number),
    now: clock.now(),
  });
  if (taken.kind !== 'accepted') throw new Error(taken.kind);
  sim().setFaults(
    stored ? { createDelayMs: 700 } : { hangRate: 1, onlyPaths: ['/rest/order-service/shops/10000/orders'] },
  );
  const worker = makeWorker(testbed.db, { clock: clock.now });
  await worker.runOnce();
  expect(await exportOf(testbed.db, number)).toMatchObject({ state: 'pending', lastErrorClass: 'timeout' });
  if (stored)
    await until('IOM to store the first version', () => sim().findOrder(10000, number) !== undefined);
  sim().setFaults({});

  const support = await signedInAs(testbed.db, 'support');
  const id = taken.export.id;
  const detail = await support.caller.exports.get({ id });
  const payload = structuredClone(detail.payload);
  edit(payload);
  await support.caller.exports.editPayload({ id, version: detail.version, payload });
  clock.set(new Date());
  await worker.runOnce();
  return { row: await exportOf(testbed.db, number), support, id };
}

describe('an edit after an attempt that may have reached IOM', () => {
  it('IOM holds the version before the edit: failed, needs a person, never exported', async () => {
    const { row, support, id } = await editAfterTimeout(
      'ED-1',
      (p) => {
        p.customerData = { customerDataType: 'PERSON', shopCustomerNumber: 'CUST-0002' };
      },
      true,
    );
    expect(row).toMatchObject({
      state: 'failed',
      outcome: 'validation_error',
      lastErrorClass: 'earlier_version',
      exportedAt: null,
      nextAttemptAt: null,
    });
    expect(row.lastErrorMessage).toMatch(
      /^IOM holds the version before your edit of ED-1 \(customer CUST-0001, 24\.99 EUR\)/,
    );
    // IOM kept the first version; the edited one was never sent.
    expect(sim().findOrder(10000, 'ED-1')?.body.customerData).toMatchObject({
      shopCustomerNumber: 'CUST-0001',
    });
    expect(counts('ED-1')).toMatchObject({ posts: 1, created: 1 });
    // Support's timeline shows what was asked and what IOM holds.
    const timeline = await support.caller.exports.timeline({ exportId: id });
    const attempts = timeline.flatMap((entry) => (entry.kind === 'attempt' ? [entry.attempt] : []));
    const last = attempts.find((a) => a.number === 2);
    expect(last?.lookup).toMatchObject({ found: true, verdict: 'earlier_version' });
    expect(last?.lookup?.asks?.[0]).toMatchObject({
      reason: 'before_resend',
      iom: { shopCustomerNumber: 'CUST-0001' },
      sent: { shopCustomerNumber: 'CUST-0002' },
    });
  });

  it('an edit no compared field tells apart: which version IOM holds is left to a person', async () => {
    const { row } = await editAfterTimeout(
      'ED-2',
      (p) => {
        p.payment = { paymentMethod: 'PAYPAL' };
      },
      true,
    );
    expect(row).toMatchObject({ state: 'failed', lastErrorClass: 'edit_unconfirmed', exportedAt: null });
    expect(row.lastErrorMessage).toContain('whether it is your edit or the version before it cannot be told');
    expect(sim().findOrder(10000, 'ED-2')?.body.payment).toEqual({ paymentMethod: 'INVOICE' });
  });

  it('IOM never got the first version: the edited order is sent and created', async () => {
    const { row, id } = await editAfterTimeout(
      'ED-3',
      (p) => {
        p.customerData = { customerDataType: 'PERSON', shopCustomerNumber: 'CUST-0003' };
      },
      false,
    );
    expect(row).toMatchObject({ state: 'exported', outcome: 'created' });
    expect(sim().findOrder(10000, 'ED-3')?.body.customerData).toMatchObject({
      shopCustomerNumber: 'CUST-0003',
    });
    const [, second] = await attemptsOf(testbed.db, id);
    expect(second?.lookup?.asks?.map((a) => [a.reason, a.verdict])).toEqual([['before_resend', 'not_found']]);
  });
});
