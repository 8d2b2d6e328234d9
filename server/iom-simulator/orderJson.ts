import type { Dialect } from './dialect.ts';
import type { StoredOrder } from './store.ts';

/**
 * Orders as IOM's Order API answers them, built from what was posted: only the fields the contract's `Order`
 * and `OrderState` schemas declare (Order API 2.0 to 2.4 declare the same ones), so an unknown field that was
 * posted is not echoed.
 */

type Json = Record<string, unknown>;

const ORDER_FIELDS = [
  'shopOrderNumber',
  'shopOrderCreationDate',
  'shopOrderUpdateDate',
  'reservationId',
  'costCenter',
  'project',
  'customerData',
  'invoiceAddress',
  'sales',
  'payment',
  'optimizationRule',
  'splitShipmentAllowed',
  'additionalAttributes',
] as const;
const BUCKET_FIELDS = [
  'number',
  'shippingAddress',
  'shippingMethod',
  'charges',
  'additionalAttributes',
] as const;
const POSITION_FIELDS = [
  'number',
  'productUnit',
  'product',
  'costCenter',
  'project',
  'additionalAttributes',
] as const;
/** `OrderPosition` fields an order state keeps under `ordered` (`OrderPositionOrdered`). */
const ORDERED_FIELDS = ['shipping', 'quantity', 'sum', 'unitPrice'] as const;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function pick(source: Json, fields: readonly string[]): Json {
  return Object.fromEntries(fields.filter((f) => source[f] !== undefined).map((f) => [f, source[f]]));
}

const bucketsOf = (body: Json): Json[] =>
  Array.isArray(body.shippingBuckets) ? body.shippingBuckets.filter(isObject) : [];
const positionsOf = (bucket: Json): Json[] =>
  Array.isArray(bucket.positions) ? bucket.positions.filter(isObject) : [];

/** The simulator's own facts, only with `orderExtras`. */
const extras = (order: StoredOrder, dialect: Dialect): Json =>
  dialect.orderExtras ? { id: order.id, state: order.state, creationDate: order.creationDate } : {};

export const statusOf = (order: StoredOrder) => `STATE_${order.state}`;

/** `GET …/orders/{shopOrderNumber}` (Order API 2.2 and later): the `Order` as posted. */
export function orderJson(order: StoredOrder, dialect: Dialect): Json {
  const body = order.body;
  return {
    ...pick(body, ORDER_FIELDS),
    shippingBuckets: bucketsOf(body).map((bucket) => ({
      ...pick(bucket, BUCKET_FIELDS),
      positions: positionsOf(bucket),
    })),
    ...extras(order, dialect),
  };
}

/**
 * One `OrderState` of `GET …/order-states`: the order's fields, its `status` (`STATE_<NAME>`), and per
 * position the product, the position's status and what was ordered (`ordered`: quantity, sum, shipping).
 */
export function orderStateJson(order: StoredOrder, dialect: Dialect): Json {
  const body = order.body;
  const status = statusOf(order);
  return {
    ...pick(body, ORDER_FIELDS),
    shippingBuckets: bucketsOf(body).map((bucket) => ({
      ...pick(bucket, BUCKET_FIELDS),
      positions: positionsOf(bucket).map((position) => ({
        ...pick(position, POSITION_FIELDS),
        status,
        ordered: pick(position, ORDERED_FIELDS),
      })),
    })),
    status,
    ...extras(order, dialect),
  };
}
