import type { IomError } from './http.ts';
import { VALIDATION_CODE } from './orderValidation.ts';
import { ORDER_STATES, type StoredOrder } from './store.ts';

const ORDER_BY = ['shopOrderNumber', 'shopCustomerNumber', 'shopOrderCreationDate', 'creationDate'] as const;
type OrderBy = (typeof ORDER_BY)[number];
const MAX_LIMIT = 10_000;
const DEFAULT_LIMIT = 50;

export type OrderStatesResult =
  { ok: true; items: StoredOrder[]; totalCount: number } | { ok: false; errors: IomError[] };

/** All values of a list parameter, given repeated (`a=1&a=2`) or comma-separated (`a=1,2`). */
function listParam(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
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
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
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

/** Strings compare by UTF-16 code units, like a binary collation: "10" < "100" < "9". */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortKey(order: StoredOrder, orderBy: OrderBy): string | number {
  switch (orderBy) {
    case 'shopOrderNumber':
      return order.shopOrderNumber;
    case 'shopCustomerNumber': {
      const customer = order.body.customerData as Record<string, unknown> | undefined;
      return typeof customer?.shopCustomerNumber === 'string' ? customer.shopCustomerNumber : '';
    }
    case 'shopOrderCreationDate':
      return Date.parse(String(order.body.shopOrderCreationDate));
    case 'creationDate':
      return Date.parse(order.creationDate);
  }
}

/**
 * IOM's `GET /shops/{shopId}/order-states`: filter, sort (default `shopOrderCreationDate` ASC; `creationDate`
 * is when IOM stored the order), then page with `offset` and `limit`.
 */
export function listOrderStates(orders: StoredOrder[], params: URLSearchParams): OrderStatesResult {
  const errors: IomError[] = [];
  const limit = intParam(params, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
  const offset = intParam(params, 'offset', 0, 0, 1_000_000_000, errors);
  const orderByRaw = params.get('orderBy') || 'shopOrderCreationDate';
  const orderBy = ORDER_BY.find((name) => name === orderByRaw);
  if (!orderBy)
    errors.push({
      code: VALIDATION_CODE,
      message: `orderBy: must be one of ${ORDER_BY.join(', ')}`,
      value: orderByRaw,
    });
  const directionRaw = (params.get('sortDirection') || 'ASC').toUpperCase();
  if (directionRaw !== 'ASC' && directionRaw !== 'DESC')
    errors.push({
      code: VALIDATION_CODE,
      message: 'sortDirection: must be ASC or DESC',
      value: directionRaw,
    });
  const statuses = listParam(params, 'statuses').map((s) => s.replace(/^STATE_/, ''));
  const unknown = statuses.filter((s) => !(ORDER_STATES as readonly string[]).includes(s));
  if (unknown.length > 0)
    errors.push({
      code: VALIDATION_CODE,
      message: `statuses: unknown ${unknown.join(', ')}`,
      value: unknown,
    });
  if (errors.length > 0 || !orderBy) return { ok: false, errors };

  const numbers = new Set(listParam(params, 'shopOrderNumbers'));
  const direction = directionRaw === 'DESC' ? -1 : 1;
  const selected = orders.filter(
    (order) =>
      (numbers.size === 0 || numbers.has(order.shopOrderNumber)) &&
      (statuses.length === 0 || statuses.includes(order.state)),
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
