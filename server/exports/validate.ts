import { createHash } from 'node:crypto';
import { z } from 'zod';

/** A shop order number: what IOM accepts (1–50 characters), without spaces or control characters. */
export const SHOP_ORDER_NUMBER = /^[^\s\p{Cc}]{1,50}$/u;
export const SHOP_ORDER_NUMBER_RULE =
  'A shop order number has 1–50 characters and no spaces or control characters.';

const mandatory = (what: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? 'is mandatory' : `must be ${what}`),
});
const object = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape, mandatory('an object'));
const text = z.string(mandatory('a string')).min(1, 'must not be empty');
const money = object({});

/** What IOM requires of an Order 2.x body before it looks further; everything else passes unchanged. */
const orderSchema = z.looseObject({
  shopOrderNumber: z.string(mandatory('a string')).regex(SHOP_ORDER_NUMBER, SHOP_ORDER_NUMBER_RULE),
  shopOrderCreationDate: z.iso.datetime({
    offset: true,
    error: (issue) =>
      issue.input === undefined
        ? 'is mandatory'
        : 'must be an ISO-8601 date-time with offset, e.g. 2019-09-14T16:22:32.123+02:00',
  }),
  customerData: object({
    customerDataType: z.enum(['PERSON', 'COMPANY'], mandatory('PERSON or COMPANY')),
  }),
  invoiceAddress: object({ location: object({}), receiver: object({}) }),
  payment: object({ paymentMethod: text }),
  sales: object({ currencyCode: text, subTotal: money, total: money }),
  shippingBuckets: z
    .array(
      object({
        shippingAddress: object({}),
        positions: z.array(object({}), mandatory('a list')).min(1, 'must not be empty'),
      }),
      mandatory('a list'),
    )
    .min(1, 'must hold at least one shipping bucket'),
});

export interface FieldProblem {
  field: string;
  message: string;
}

/** Every problem of an intake body, each naming its field; empty when the order may be taken. */
export function validateOrderBody(body: unknown): FieldProblem[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return [{ field: '(body)', message: 'The body must be a JSON object: an IOM Order 2.x order.' }];
  const result = orderSchema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.slice(0, 50).map((issue) => {
    const field = issue.path.map(String).join('.') || '(body)';
    return { field, message: `${field}: ${issue.message}` };
  });
}

/** JSON with object keys sorted, so two bodies that mean the same hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const payloadHash = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex');
