import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXPORT_SETTINGS,
  exportSettingsOf,
  nextScheduledRelease,
  place,
  type ExportSettings,
} from '../../server/exports/trigger.ts';
import { canonicalJson, payloadHash, validateOrderBody } from '../../server/exports/validate.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';

const now = new Date('2026-03-02T10:03:20Z');
const fresh = { holdReason: null, releaseAt: null, approvedAt: null };
const withTrigger = (exportTrigger: ExportSettings['exportTrigger'], scheduleIntervalMinutes?: number) => ({
  ...DEFAULT_EXPORT_SETTINGS,
  exportTrigger,
  scheduleIntervalMinutes,
});

describe('placing an export by its trigger', () => {
  it('waits for a configuration when there is none', () => {
    expect(place(null, fresh, now).state).toBe('waiting_for_configuration');
  });

  it('is due at once on creation, or after approval', () => {
    expect(place(withTrigger('on-order-creation'), fresh, now)).toEqual({
      state: 'pending',
      holdReason: null,
      releaseAt: null,
      nextAttemptAt: now,
    });
    expect(place(withTrigger('on-order-approval'), fresh, now)).toMatchObject({
      state: 'held',
      holdReason: 'on-order-approval',
    });
    expect(place(withTrigger('on-order-approval'), { ...fresh, approvedAt: now }, now).state).toBe('pending');
  });

  it('holds manual ones, and releases scheduled ones at the next boundary', () => {
    expect(place(withTrigger('manual'), fresh, now)).toMatchObject({ state: 'held', holdReason: 'manual' });
    const held = { ...place(withTrigger('scheduled', 15), fresh, now), approvedAt: null };
    expect(held).toMatchObject({
      state: 'held',
      holdReason: 'scheduled',
      releaseAt: new Date('2026-03-02T10:15:00Z'),
    });
    expect(place(withTrigger('scheduled', 15), held, new Date('2026-03-02T10:15:00Z')).state).toBe('pending');
    // A shorter interval releases earlier; the announced release is never postponed.
    expect(place(withTrigger('scheduled', 5), held, now).releaseAt).toEqual(new Date('2026-03-02T10:05:00Z'));
    expect(place(withTrigger('scheduled', 60), held, now).releaseAt).toEqual(held.releaseAt);
  });

  it('puts every scheduled release after now and within one interval', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: 1, max: 1440 }),
        (t, minutes) => {
          const release = nextScheduledRelease(new Date(t), minutes).getTime();
          return release > t && release - t <= minutes * 60_000 && release % (minutes * 60_000) === 0;
        },
      ),
    );
  });

  it('reads stored settings with the catalogue’s defaults', () => {
    expect(exportSettingsOf({})).toEqual({ ...DEFAULT_EXPORT_SETTINGS, scheduleIntervalMinutes: undefined });
    expect(
      exportSettingsOf({ exportTrigger: 'scheduled', scheduleIntervalMinutes: 10 }).scheduleIntervalMinutes,
    ).toBe(10);
    expect(exportSettingsOf({ exportTrigger: 'bogus' })).toEqual(DEFAULT_EXPORT_SETTINGS);
  });
});

describe('validating an intake body', () => {
  it('accepts the sample order and keeps unknown fields out of its judgement', () => {
    expect(validateOrderBody({ ...sampleOrder('A-1'), somethingElse: { x: 1 } })).toEqual([]);
  });

  it('names each missing field', () => {
    expect(validateOrderBody({}).map((p) => p.field)).toEqual([
      'shopOrderNumber',
      'shopOrderCreationDate',
      'customerData',
      'invoiceAddress',
      'payment',
      'sales',
      'shippingBuckets',
    ]);
  });

  it.each(['', 'A 1', 'A\t1', 'x'.repeat(51), 'A\u00001'])('refuses the shop order number %j', (number) => {
    expect(validateOrderBody(sampleOrder(number)).map((p) => p.field)).toEqual(['shopOrderNumber']);
  });

  it('names nested problems by their path', () => {
    const order = {
      ...sampleOrder('A-2'),
      payment: {},
      shippingBuckets: [{}],
      shopOrderCreationDate: '2026-01-01',
    };
    expect(validateOrderBody(order).map((p) => p.field)).toEqual([
      'shopOrderCreationDate',
      'payment.paymentMethod',
      'shippingBuckets.0.shippingAddress',
      'shippingBuckets.0.positions',
    ]);
    expect(validateOrderBody('text')[0]?.message).toMatch(/JSON object/);
  });

  it('hashes bodies by meaning, not key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        return payloadHash(record) === payloadHash(reversed);
      }),
    );
  });
});
