import { z } from 'zod';

/**
 * Which IOM the simulator plays, and the conveniences it may add. Left out, it answers only what IOM's
 * published Order API contract of the chosen version declares — it is never kinder than IOM.
 *
 * - `orderApi`: the Order API version, which decides the endpoints that exist. `2.0` (the default): create an
 *   order and `order-states`; `2.2` adds `GET …/orders/{shopOrderNumber}`; `2.4` adds `…/order-states/modified`.
 *   The default is the oldest, so whatever Switchboard's own tests pass against works with every IOM from 2.0.
 * - `duplicateCode`: a number the shop already holds gets the error code `ORDER_ALREADY_EXISTS` instead of the
 *   contract's ordinary `VALIDATION_EXCEPTION` (IOM documents no duplicate code).
 * - `lenientQueries`: `order-states` also reads comma-separated lists (`shopOrderNumbers=a,b` as two numbers),
 *   `orderBy=creationDate` and a lower-case `sortDirection`; by default only repeated keys, the three documented
 *   `orderBy` values and `ASC`/`DESC`.
 * - `orderExtras`: orders and order states also carry the simulator's `id`, `state` and `creationDate`.
 * - `errorBodies`: 401, 403, 404, 406, 415 and 500 come with an error report; by default they have no body,
 *   as the contract declares none.
 */
export const dialectSchema = z.strictObject({
  orderApi: z.enum(['2.0', '2.2', '2.4']).default('2.0'),
  duplicateCode: z.boolean().default(false),
  lenientQueries: z.boolean().default(false),
  orderExtras: z.boolean().default(false),
  errorBodies: z.boolean().default(false),
});

export type Dialect = z.output<typeof dialectSchema>;
export type DialectInput = z.input<typeof dialectSchema>;
export type OrderApi = Dialect['orderApi'];

export const CONTRACT_DIALECT: Dialect = dialectSchema.parse({});
export const DIALECT_KEYS = Object.keys(dialectSchema.shape) as (keyof Dialect)[];

/** Whether the chosen Order API version has what arrived with `since`. */
export const hasOrderApi = (dialect: Dialect, since: OrderApi) => Number(dialect.orderApi) >= Number(since);

/** The dialect fields of a config object (the config file keeps them at its top level). */
export function dialectOf(config: Partial<Record<keyof Dialect, unknown>>): DialectInput {
  const picked: Record<string, unknown> = Object.fromEntries(
    DIALECT_KEYS.filter((key) => config[key] !== undefined).map((key) => [key, config[key]]),
  );
  return picked;
}
