import type { Dialect } from './dialect.ts';
import { hasOrderApi } from './dialect.ts';
import type { IomError } from './http.ts';
import { VALIDATION_CODE } from './orderValidation.ts';
import { ORDER_STATES, type StoredOrder } from './store.ts';

/** The `orderBy` values IOM's contract documents; `creationDate` only with `lenientQueries`. */
const ORDER_BY = ['shopOrderNumber', 'shopCustomerNumber', 'shopOrderCreationDate'] as const;
type OrderBy = (typeof ORDER_BY)[number] | 'creationDate';
/** The contract documents no largest `limit` for order-states; the simulator's, to bound an answer. */
const MAX_LIMIT = 10_000;
const DEFAULT_LIMIT = 50;

export type OrderStatesResult =
  { ok: true; items: StoredOrder[]; totalCount: number } | { ok: false; errors: IomError[] };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The values of an array parameter. The contract's arrays come as repeated keys (`a=1&a=2`), so a value with
 * a comma is one value; `lenientQueries` also splits on commas.
 */
function listParam(params: URLSearchParams, name: string, dialect: Dialect): string[] {
  const values = params.getAll(name);
  return (dialect.lenientQueries ? values.flatMap((v) => v.split(',')) : values)
    .map((v) => v.trim())
    .filter(Boolean);
}

function intParam(
  params: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
  errors: IomError[],
): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  const value = /^\d{1,19}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) {
    errors.push({
      code: VALIDATION_CODE,
      message: `${name}: must be an integer from ${min} to ${max}`,
      value: raw,
    });
    return fallback;
  }
  return value;
}

/** `YYYY-MM-DD` (the contract's `format: date`), or an error. */
function dateParam(params: URLSearchParams, name: string, errors: IomError[]): string | null {
  const raw = params.get(name);
  if (raw === null || raw === '') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw))) return raw;
  errors.push({ code: VALIDATION_CODE, message: `${name}: must be a date, e.g. 2019-01-31`, value: raw });
  return null;
}

const customerOf = (order: StoredOrder) => {
  const customer = order.body.customerData;
  return isObject(customer) && typeof customer.shopCustomerNumber === 'string'
    ? customer.shopCustomerNumber
    : '';
};

const bucketsOf = (order: StoredOrder): Json[] =>
  Array.isArray(order.body.shippingBuckets) ? order.body.shippingBuckets.filter(isObject) : [];

const productNumbersOf = (order: StoredOrder) =>
  bucketsOf(order).flatMap((b) =>
    (Array.isArray(b.positions) ? b.positions.filter(isObject) : []).flatMap((p) =>
      isObject(p.product) && typeof p.product.number === 'string' ? [p.product.number] : [],
    ),
  );

/** E-mail addresses of the invoice and shipping addresses' contacts (the `emails` filter, Order API 2.3). */
const emailsOf = (order: StoredOrder) =>
  [order.body.invoiceAddress, ...bucketsOf(order).map((b) => b.shippingAddress)].flatMap((address) =>
    isObject(address) && isObject(address.contact) && typeof address.contact.email === 'string'
      ? [address.contact.email.toLowerCase()]
      : [],
  );

/**
 * The shop's creation day of an order as the shop wrote it (the date part of `shopOrderCreationDate`, in the
 * shop's own offset). Which time zone IOM compares `shopOrderCreationDate[gte]`/`[lte]` in is not documented;
 * the shop's is a guess.
 */
const creationDayOf = (order: StoredOrder) => {
  const date = order.body.shopOrderCreationDate;
  return typeof date === 'string' ? date.slice(0, 10) : '';
};

/** Strings compare by UTF-16 code units, like a binary collation: "10" < "100" < "9". */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortKey(order: StoredOrder, orderBy: OrderBy): string | number {
  switch (orderBy) {
    case 'shopOrderNumber':
      return order.shopOrderNumber;
    case 'shopCustomerNumber':
      return customerOf(order);
    case 'shopOrderCreationDate':
      return Date.parse(String(order.body.shopOrderCreationDate));
    case 'creationDate':
      return Date.parse(order.creationDate);
  }
}

/** `statuses` come as IOM sends states, `STATE_<NAME>`; `lenientQueries` also takes the bare name. */
function statusesParam(params: URLSearchParams, dialect: Dialect, errors: IomError[]): string[] {
  const names: string[] = [];
  const unknown: string[] = [];
  for (const given of listParam(params, 'statuses', dialect)) {
    const name = given.startsWith('STATE_')
      ? given.slice('STATE_'.length)
      : dialect.lenientQueries
        ? given.toUpperCase()
        : null;
    if (name !== null && ORDER_STATES.includes(name)) names.push(name);
    else unknown.push(given);
  }
  if (unknown.length > 0)
    errors.push({
      code: VALIDATION_CODE,
      message: `statuses: unknown ${unknown.join(', ')} (IOM's states are STATE_<NAME>, e.g. STATE_DISPATCHED)`,
      value: unknown,
    });
  return names;
}

/**
 * IOM's `GET /shops/{shopId}/order-states` (getOrderStatesBySortCriterias): filter (every list matches ANY
 * of its values; different filters combine with AND), sort (default `shopOrderCreationDate` ASC), then page
 * with `offset` and `limit`. Unknown parameters are ignored.
 */
export function listOrderStates(
  orders: StoredOrder[],
  params: URLSearchParams,
  dialect: Dialect,
): OrderStatesResult {
  const errors: IomError[] = [];
  const limit = intParam(params, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
  const offset = intParam(params, 'offset', 0, 0, 2_147_483_647, errors);
  const orderByRaw = params.get('orderBy') || 'shopOrderCreationDate';
  const allowed: readonly OrderBy[] = dialect.lenientQueries ? [...ORDER_BY, 'creationDate'] : ORDER_BY;
  const orderBy = allowed.find((name) => name === orderByRaw);
  if (!orderBy)
    errors.push({
      code: VALIDATION_CODE,
      message: `orderBy: must be one of ${allowed.join(', ')}`,
      value: orderByRaw,
    });
  const directionGiven = params.get('sortDirection') || 'ASC';
  const directionRaw = dialect.lenientQueries ? directionGiven.toUpperCase() : directionGiven;
  if (directionRaw !== 'ASC' && directionRaw !== 'DESC')
    errors.push({
      code: VALIDATION_CODE,
      message: 'sortDirection: must be ASC or DESC',
      value: directionGiven,
    });
  const statuses = statusesParam(params, dialect, errors);
  const from = dateParam(params, 'shopOrderCreationDate[gte]', errors);
  const to = dateParam(params, 'shopOrderCreationDate[lte]', errors);
  if (errors.length > 0 || !orderBy) return { ok: false, errors };

  const numbers = new Set(listParam(params, 'shopOrderNumbers', dialect));
  const customers = new Set(listParam(params, 'shopCustomerNumbers', dialect));
  const products = new Set(listParam(params, 'productNumbers', dialect));
  // `emails` arrived with Order API 2.3; an older IOM ignores it like any unknown parameter.
  const emails = hasOrderApi(dialect, '2.4')
    ? new Set(listParam(params, 'emails', dialect).map((e) => e.toLowerCase()))
    : new Set<string>();
  const direction = directionRaw === 'DESC' ? -1 : 1;
  const selected = orders.filter(
    (order) =>
      (numbers.size === 0 || numbers.has(order.shopOrderNumber)) &&
      (customers.size === 0 || customers.has(customerOf(order))) &&
      (products.size === 0 || productNumbersOf(order).some((p) => products.has(p))) &&
      (emails.size === 0 || emailsOf(order).some((e) => emails.has(e))) &&
      (statuses.length === 0 || statuses.includes(order.state)) &&
      (from === null || creationDayOf(order) >= from) &&
      (to === null || creationDayOf(order) <= to),
  );
  const keyed = selected.map((order) => ({ order, key: sortKey(order, orderBy) }));
  keyed.sort((a, b) => {
    const primary =
      typeof a.key === 'number' && typeof b.key === 'number'
        ? a.key - b.key
        : compareText(String(a.key), String(b.key));
    return direction * (primary !== 0 ? primary : a.order.id - b.order.id);
  });
  return {
    ok: true,
    items: keyed.slice(offset, offset + limit).map((k) => k.order),
    totalCount: selected.length,
  };
}

export type ModifiedResult =
  | { ok: true; items: StoredOrder[]; totalCount: number; minCursor: number | null; maxCursor: number | null }
  | { ok: false; errors: IomError[] };

/**
 * IOM's `GET /shops/{shopId}/order-states/modified` (Order API 2.4): orders created or modified since
 * `modifiedSince`, or from `minCursor` on (exactly one of the two), oldest change first, at most `limit`
 * (1–10 000). Whether `minCursor` itself is included is not documented; the simulator includes it (a guess).
 */
export function modifiedOrderStates(orders: StoredOrder[], params: URLSearchParams): ModifiedResult {
  const errors: IomError[] = [];
  const limit = intParam(params, 'limit', DEFAULT_LIMIT, 1, 10_000, errors);
  const since = params.get('modifiedSince');
  const cursorRaw = params.get('minCursor');
  if ((since === null) === (cursorRaw === null))
    errors.push({
      code: VALIDATION_CODE,
      message: 'modifiedSince, minCursor: exactly one of the two must be set',
      value: null,
    });
  const sinceMs = since === null ? null : Date.parse(since);
  if (since !== null && (sinceMs === null || Number.isNaN(sinceMs)))
    errors.push({
      code: VALIDATION_CODE,
      message: 'modifiedSince: must be an ISO-8601 date-time, e.g. 2019-06-03T15:57:33.521+02:00',
      value: since,
    });
  const minCursor =
    cursorRaw === null ? null : intParam(params, 'minCursor', 0, 0, Number.MAX_SAFE_INTEGER, errors);
  if (errors.length > 0) return { ok: false, errors };
  const selected = orders
    .filter((o) => (minCursor !== null ? o.cursor >= minCursor : Date.parse(o.modifiedAt) >= (sinceMs ?? 0)))
    .sort((a, b) => a.cursor - b.cursor);
  const items = selected.slice(0, limit);
  return {
    ok: true,
    items,
    totalCount: selected.length,
    minCursor: items[0]?.cursor ?? null,
    maxCursor: items.at(-1)?.cursor ?? null,
  };
}
