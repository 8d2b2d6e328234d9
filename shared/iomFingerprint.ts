/**
 * What tells one order from another when IOM is asked whether it holds a shop order number: a few fields that
 * both IOM's `Order` (what Switchboard sends) and IOM's `OrderState` (what `GET …/order-states` answers, Order
 * API 2.0 and later) carry. Equal fingerprints: IOM holds this order (a duplicate). Different: IOM holds another
 * order under the number (a collision). Pure; no I/O.
 *
 * The fields, and why these:
 * - `shopOrderCreationDate`, as an instant **to the second**: ICM stamps every order; the same number created
 *   at another time is another order. Compared as an instant, so an offset or a format IOM chooses does not
 *   matter, and to the second, because a store may keep less precision than ICM sends.
 * - `customerData.shopCustomerNumber` (optional in the contract; absent compares as absent).
 * - `sales.currencyCode` and the total: `sales.total.gross.amount`, or the net amount when the order has no
 *   gross one (the contract requires one of them), to 1/10 000.
 * - the number of positions over all shipping buckets.
 * Addresses, payment and product details are left out: they are what a person corrects in an edit, and IOM
 * may normalise them; the fields above are what ICM fixes when it creates the order.
 */

export interface IomOrderFingerprint {
  shopOrderNumber: string;
  /** `shopOrderCreationDate` in whole seconds since the epoch. */
  createdAtSeconds: number;
  shopCustomerNumber: string | null;
  currencyCode: string;
  /** `gross:24.9900` or `net:21.0000` (to 1/10 000), or null when the total has neither amount. */
  total: string | null;
  positions: number;
}

/** The compared fields, in the words the documentation and the messages use. */
export const FINGERPRINT_FIELDS = [
  'shopOrderCreationDate',
  'customerData.shopCustomerNumber',
  'sales.currencyCode',
  'sales.total',
  'positions',
] as const;
export type FingerprintField = (typeof FINGERPRINT_FIELDS)[number];

export type FingerprintResult =
  { ok: true; fingerprint: IomOrderFingerprint } | { ok: false; missing: string[] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** ISO-8601 date-time with an offset or Z, as the contracts give it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

function instantSeconds(value: unknown): number | null {
  if (typeof value !== 'string' || !DATE_TIME.test(value.trim())) return null;
  const ms = Date.parse(value.trim());
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

function amountOf(price: unknown): number | null {
  if (!isObject(price)) return null;
  const { amount } = price;
  return typeof amount === 'number' && Number.isFinite(amount) ? amount : null;
}

/** 24.99 → "24.9900": rounding to 1/10 000 absorbs the binary noise of decimal amounts, not a cent. */
const scaled = (amount: number) => (Math.round(amount * 10_000) / 10_000).toFixed(4);

function totalOf(total: Record<string, unknown>): string | null {
  const gross = amountOf(total.gross);
  if (gross !== null) return `gross:${scaled(gross)}`;
  const net = amountOf(total.net);
  return net === null ? null : `net:${scaled(net)}`;
}

/**
 * The fingerprint of an `Order` or an `OrderState` (parsed JSON); `missing` names the fields the contract
 * requires for the comparison that the value lacks or gives in a form that cannot be read.
 */
export function fingerprintOf(order: unknown): FingerprintResult {
  if (!isObject(order)) return { ok: false, missing: ['(order)'] };
  const missing: string[] = [];
  const { shopOrderNumber, customerData, sales, shippingBuckets } = order;
  if (typeof shopOrderNumber !== 'string' || shopOrderNumber === '') missing.push('shopOrderNumber');
  const createdAtSeconds = instantSeconds(order.shopOrderCreationDate);
  if (createdAtSeconds === null) missing.push('shopOrderCreationDate');
  if (!isObject(customerData)) missing.push('customerData');
  const customer = isObject(customerData) ? customerData.shopCustomerNumber : undefined;
  if (customer !== undefined && customer !== null && typeof customer !== 'string')
    missing.push('customerData.shopCustomerNumber');
  const currencyCode = isObject(sales) ? sales.currencyCode : undefined;
  if (typeof currencyCode !== 'string' || currencyCode === '') missing.push('sales.currencyCode');
  const total = isObject(sales) && isObject(sales.total) ? sales.total : null;
  if (!total) missing.push('sales.total');
  let positions = 0;
  if (!Array.isArray(shippingBuckets)) missing.push('shippingBuckets');
  else
    shippingBuckets.forEach((bucket: unknown, i) => {
      const list = isObject(bucket) ? bucket.positions : undefined;
      if (Array.isArray(list)) positions += list.length;
      else missing.push(`shippingBuckets.${i}.positions`);
    });
  if (missing.length > 0) return { ok: false, missing };
  return {
    ok: true,
    fingerprint: {
      shopOrderNumber: shopOrderNumber as string,
      createdAtSeconds: createdAtSeconds as number,
      shopCustomerNumber: typeof customer === 'string' ? customer : null,
      currencyCode: currencyCode as string,
      total: totalOf(total as Record<string, unknown>),
      positions,
    },
  };
}

/** The compared fields on which two fingerprints differ (the shop order number is the key, not compared). */
export function fingerprintDifferences(a: IomOrderFingerprint, b: IomOrderFingerprint): FingerprintField[] {
  const differs: FingerprintField[] = [];
  if (a.createdAtSeconds !== b.createdAtSeconds) differs.push('shopOrderCreationDate');
  if (a.shopCustomerNumber !== b.shopCustomerNumber) differs.push('customerData.shopCustomerNumber');
  if (a.currencyCode !== b.currencyCode) differs.push('sales.currencyCode');
  if (a.total !== b.total) differs.push('sales.total');
  if (a.positions !== b.positions) differs.push('positions');
  return differs;
}

export const sameFingerprint = (a: IomOrderFingerprint, b: IomOrderFingerprint) =>
  fingerprintDifferences(a, b).length === 0;

/** "gross:99.5000" → "99.50": at least two decimals, no trailing zeros beyond them. */
function shownAmount(total: string): string {
  const amount = total.split(':')[1] ?? '';
  const [whole = '0', fraction = ''] = amount.split('.');
  return `${whole}.${fraction.replace(/0+$/, '').padEnd(2, '0')}`;
}

const shownDate = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/**
 * An order in a few words, for a sentence support acts on: "customer C-OTHER, 99.50 EUR", then the other
 * compared fields that differ from `other` (when given), e.g. ", 3 positions, created 2026-01-15T09:20:30Z".
 */
export function describeFingerprint(f: IomOrderFingerprint, other?: IomOrderFingerprint): string {
  const parts = [
    `customer ${f.shopCustomerNumber ?? '(none)'}`,
    f.total
      ? `${shownAmount(f.total)} ${f.currencyCode}${f.total.startsWith('net:') ? ' net' : ''}`
      : `no total (${f.currencyCode})`,
  ];
  const differs = other ? fingerprintDifferences(f, other) : [];
  if (differs.includes('positions')) parts.push(`${f.positions} position${f.positions === 1 ? '' : 's'}`);
  if (differs.includes('shopOrderCreationDate')) parts.push(`created ${shownDate(f.createdAtSeconds)}`);
  return parts.join(', ');
}
