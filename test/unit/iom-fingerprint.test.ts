import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { CONTRACT_DIALECT } from '../../server/iom-simulator/dialect.ts';
import { orderStateJson } from '../../server/iom-simulator/orderJson.ts';
import {
  describeFingerprint,
  fingerprintDifferences,
  fingerprintOf,
  sameFingerprint,
  type FingerprintField,
  type IomOrderFingerprint,
} from '../../shared/iomFingerprint.ts';

type Json = Record<string, unknown>;

/** The same instant written in another offset: `2026-01-15T10:20:30.000+01:00`. */
function isoWithOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

const OFFSETS = [-480, -300, 0, 60, 120, 330, 540];

interface Facts {
  createdMs: number;
  offset: number;
  customer: string | null;
  currency: string;
  grossCents: number;
  buckets: number[];
}

const facts: fc.Arbitrary<Facts> = fc.record({
  // Whole seconds: the fingerprint compares to the second.
  createdMs: fc.integer({ min: 946_684_800, max: 4_102_444_800 }).map((s) => s * 1000),
  offset: fc.constantFrom(...OFFSETS),
  customer: fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: null }),
  currency: fc.constantFrom('EUR', 'USD', 'CHF', 'JPY'),
  grossCents: fc.integer({ min: 0, max: 10_000_000 }),
  buckets: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
});

/** An IOM Order 2.x order with these facts (the rest as the simulator's sample). */
function orderOf(f: Facts): Json {
  const base = sampleOrder('FP-1');
  const [bucket] = base.shippingBuckets as Json[];
  const [position] = (bucket as { positions: Json[] }).positions;
  const gross = { amount: f.grossCents / 100 };
  const sales = base.sales as Json;
  return {
    ...base,
    shopOrderCreationDate: isoWithOffset(f.createdMs, f.offset),
    customerData:
      f.customer === null
        ? { customerDataType: 'PERSON' }
        : { customerDataType: 'PERSON', shopCustomerNumber: f.customer },
    sales: { ...sales, currencyCode: f.currency, total: { ...(sales.total as Json), gross } },
    shippingBuckets: f.buckets.map((n, i) => ({
      ...bucket,
      number: String(i + 1),
      positions: Array.from({ length: n }, (_, p) => ({ ...position, number: p + 1 })),
    })),
  };
}

const fp = (order: unknown): IomOrderFingerprint => {
  const result = fingerprintOf(order);
  if (!result.ok) throw new Error(`no fingerprint: ${result.missing.join(', ')}`);
  return result.fingerprint;
};

/** Rewrites a value with its object keys in another order, through JSON with other whitespace. */
function reshuffled(value: unknown, seed: number, indent: number): unknown {
  const shuffle = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(shuffle);
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Json);
      const rotated = entries.map((_, i) => entries[(i + seed) % entries.length]!);
      return Object.fromEntries((seed % 2 ? rotated.reverse() : rotated).map(([k, x]) => [k, shuffle(x)]));
    }
    return v;
  };
  return JSON.parse(JSON.stringify(shuffle(value), null, indent)) as unknown;
}

/** Changes exactly one compared field. */
const changes: Record<FingerprintField, (f: Facts, by: number) => Facts> = {
  shopOrderCreationDate: (f, by) => ({ ...f, createdMs: f.createdMs + by * 1000 }),
  'customerData.shopCustomerNumber': (f, by) => ({
    ...f,
    customer: f.customer === null ? `C-${by}` : by % 2 ? null : `${f.customer}-${by}`,
  }),
  'sales.currencyCode': (f) => ({ ...f, currency: f.currency === 'EUR' ? 'USD' : 'EUR' }),
  'sales.total': (f, by) => ({ ...f, grossCents: f.grossCents + by }),
  positions: (f, by) => ({
    ...f,
    buckets: f.buckets.map((n, i) => (i === 0 ? Math.max(1, n + (n === 1 ? by : -1)) : n)),
  }),
};

describe('the fingerprint IOM is compared on', () => {
  it('is the same for the same order, whatever its key order, whitespace or offset', () => {
    fc.assert(
      fc.property(
        facts,
        fc.nat(20),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(...OFFSETS),
        (f, seed, indent, offset) => {
          const order = orderOf(f);
          expect(fingerprintOf(order)).toEqual(fingerprintOf(orderOf(f)));
          expect(sameFingerprint(fp(order), fp(reshuffled(order, seed, indent)))).toBe(true);
          expect(sameFingerprint(fp(order), fp(orderOf({ ...f, offset })))).toBe(true);
        },
      ),
    );
  });

  it('differs on exactly the one compared field that changed', () => {
    const field = fc.constantFrom(...(Object.keys(changes) as FingerprintField[]));
    fc.assert(
      fc.property(facts, field, fc.integer({ min: 1, max: 1000 }), (f, which, by) => {
        const changed = orderOf(changes[which](f, by));
        expect(fingerprintDifferences(fp(orderOf(f)), fp(changed))).toEqual([which]);
        expect(sameFingerprint(fp(orderOf(f)), fp(changed))).toBe(false);
      }),
    );
  });

  it('is what IOM’s order state of the order gives (the simulator’s OrderState echo)', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const order = orderOf(f);
        const stored = {
          id: 1,
          shopId: 10000,
          shopOrderNumber: 'FP-1',
          creationDate: new Date().toISOString(),
          state: 'INITIAL',
          modifiedAt: new Date().toISOString(),
          cursor: 1,
          body: order,
        };
        expect(fp(orderStateJson(stored, CONTRACT_DIALECT))).toEqual(fp(order));
      }),
    );
  });

  it('compares the creation instant to the second and amounts to 1/10 000', () => {
    const order = sampleOrder('FP-2');
    const later = (date: string) => fp({ ...order, shopOrderCreationDate: date });
    expect(later('2026-01-15T10:20:30.999+01:00')).toEqual(later('2026-01-15T09:20:30Z'));
    expect(sameFingerprint(later('2026-01-15T10:20:31.000+01:00'), later('2026-01-15T09:20:30Z'))).toBe(
      false,
    );
    const total = (amount: number) =>
      fp({ ...order, sales: { ...(order.sales as Json), total: { gross: { amount }, taxes: [] } } }).total;
    expect(total(24.99)).toBe(total(24.990000001));
    expect(total(24.99)).not.toBe(total(24.98));
    expect(
      fp({ ...order, sales: { ...(order.sales as Json), total: { net: { amount: 21 }, taxes: [] } } }).total,
    ).toBe('net:21.0000');
  });

  it('names what an order state lacks', () => {
    expect(fingerprintOf({})).toEqual({
      ok: false,
      missing: [
        'shopOrderNumber',
        'shopOrderCreationDate',
        'customerData',
        'sales.currencyCode',
        'sales.total',
        'shippingBuckets',
      ],
    });
    expect(fingerprintOf({ ...sampleOrder('X'), shopOrderCreationDate: 'yesterday' })).toEqual({
      ok: false,
      missing: ['shopOrderCreationDate'],
    });
    expect(fingerprintOf({ ...sampleOrder('X'), shippingBuckets: [{}] })).toEqual({
      ok: false,
      missing: ['shippingBuckets.0.positions'],
    });
    expect(fingerprintOf(null)).toEqual({ ok: false, missing: ['(order)'] });
  });

  it('describes an order the way support acts on it', () => {
    const other = fp({
      ...sampleOrder('5100031'),
      customerData: { customerDataType: 'PERSON', shopCustomerNumber: 'C-OTHER' },
      sales: { currencyCode: 'EUR', total: { gross: { amount: 99.5 }, taxes: [] } },
    });
    expect(describeFingerprint(other)).toBe('customer C-OTHER, 99.50 EUR');
    const ours = fp(sampleOrder('5100031', { shopOrderCreationDate: '2026-02-01T08:00:00Z' }));
    expect(describeFingerprint(other, ours)).toBe(
      'customer C-OTHER, 99.50 EUR, created 2026-01-15T09:20:30Z',
    );
  });
});
