import { z } from 'zod';
import type { IomError } from './http.ts';

/** The code of every validation problem in an order's error report (as in IOM's Order API contract). */
export const VALIDATION_CODE = 'VALIDATION_EXCEPTION';
const MAX_REPORTED_PROBLEMS = 100;

const text = (min: number, max: number) => z.string().min(min).max(max);
const dateTime = z.iso.datetime({ offset: true });

const tax = z.looseObject({ type: text(0, 512), amount: z.number() });
const price = z.looseObject({ amount: z.number() });
const sumPrice = z.looseObject({
  net: price.optional(),
  gross: price.optional(),
  taxes: z.array(tax).min(1),
});

const person = z.looseObject({ lastName: text(1, 50), firstName: text(0, 50).optional() });
const receiver = z
  .looseObject({
    addressReceiverType: z.enum(['PERSON', 'COMPANY']),
    person: person.optional(),
    companyName: text(0, 100).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.addressReceiverType === 'PERSON' && !value.person)
      ctx.addIssue({ code: 'custom', path: ['person'], message: 'is mandatory for a PERSON receiver' });
    if (value.addressReceiverType === 'COMPANY' && !value.companyName)
      ctx.addIssue({ code: 'custom', path: ['companyName'], message: 'is mandatory for a COMPANY receiver' });
  });
const location = z.looseObject({
  type: text(1, 100),
  city: text(1, 100),
  postCode: text(1, 25),
  countryCode: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO-3166 alpha-3 code, e.g. DEU'),
});
const address = z.looseObject({ location, receiver });

const position = z.looseObject({
  number: z.int().min(0).optional(),
  product: z.looseObject({ name: z.string(), number: z.string() }),
  quantity: z.int().min(1),
  sum: sumPrice,
  shipping: z.looseObject({
    deliveryDate: z.looseObject({ deliveryDateType: z.enum(['STANDARD', 'EXPRESS', 'EARLIEST', 'FIXED']) }),
    expectedDeliveryDays: z.int().min(-1),
  }),
});

/** The parts of IOM's Order 2.x `Order` schema that IOM refuses an order for. Unknown fields pass. */
export const orderSchema = z.looseObject({
  shopOrderNumber: text(1, 50),
  shopOrderCreationDate: dateTime,
  costCenter: text(0, 100).optional(),
  project: text(0, 100).optional(),
  customerData: z.looseObject({
    customerDataType: z.enum(['PERSON', 'COMPANY']),
    shopCustomerNumber: text(0, 255).optional(),
  }),
  invoiceAddress: address,
  payment: z.looseObject({ paymentMethod: text(1, 255) }),
  sales: z.looseObject({
    currencyCode: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code, e.g. EUR'),
    subTotal: sumPrice,
    total: sumPrice,
  }),
  shippingBuckets: z
    .array(z.looseObject({ shippingAddress: address, positions: z.array(position).min(1) }))
    .min(1),
});

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const MAX_ECHOED_CHARS = 200;

/** The offending value as the report echoes it: short, so a huge body cannot blow up the answer. */
function echo(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'string')
    return value.length > MAX_ECHOED_CHARS ? `${value.slice(0, MAX_ECHOED_CHARS)}…` : value;
  if (value !== null && typeof value === 'object') {
    let json: string;
    try {
      json = JSON.stringify(value);
    } catch {
      return '(too deeply nested to show)';
    }
    return json.length > MAX_ECHOED_CHARS ? `${json.slice(0, MAX_ECHOED_CHARS)}…` : value;
  }
  return value;
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type') {
    if (value === undefined || value === null) return 'is mandatory';
    return `must be ${issue.expected === 'int' ? 'an integer' : `of type ${issue.expected}`}`;
  }
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'invalid_format' && issue.format === 'datetime')
    return 'must be an ISO-8601 date-time with offset, e.g. 2019-09-14T16:22:32.123+02:00';
  return issue.message;
}

/** One error-report entry per problem of the order; empty when IOM would accept it. */
export function validateOrder(body: unknown): IomError[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return [{ code: VALIDATION_CODE, message: 'The order must be a JSON object.', value: null }];
  const result = orderSchema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.slice(0, MAX_REPORTED_PROBLEMS).map((issue) => {
    const value = valueAt(body, issue.path);
    const field = issue.path.map(String).join('.') || '(order)';
    return { code: VALIDATION_CODE, message: `${field}: ${describe(issue, value)}`, value: echo(value) };
  });
}
