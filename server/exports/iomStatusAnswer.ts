import { z } from 'zod';
import { classifyFailure, errorReportOf } from './classify.ts';

/** What asking IOM for one order's state came to: its state, or why there is none, in words. */
export type StateLookup = { ok: true; iomState: string } | { ok: false; reason: string };

export interface StateQuery {
  endpoint: string;
  shopId: bigint;
  shopOrderNumber: string;
}

const base = (endpoint: string) => endpoint.replace(/\/+$/, '');

/**
 * Where IOM tells an order's state: `GET …/shops/{shopId}/order-states?shopOrderNumbers=<n>` (Order API 2.0).
 * A number with a comma would be split into two by that list parameter, so it is read as
 * `GET …/shops/{shopId}/orders/{n}`, which answers the same `status`.
 */
export function stateRequestUrl(query: StateQuery): { url: string; via: 'order-states' | 'order' } {
  const shop = `${base(query.endpoint)}/shops/${query.shopId}`;
  if (query.shopOrderNumber.includes(','))
    return { url: `${shop}/orders/${encodeURIComponent(query.shopOrderNumber)}`, via: 'order' };
  const params = new URLSearchParams({ shopOrderNumbers: query.shopOrderNumber });
  return { url: `${shop}/order-states?${params}`, via: 'order-states' };
}

/** One order state as IOM sends it: `status` (`STATE_DISPATCHED`); the simulator also sends `state`. */
const orderStateSchema = z.object({
  shopOrderNumber: z.string(),
  status: z.string().trim().min(1).optional(),
  state: z.string().trim().min(1).optional(),
});
const collectionSchema = z.object({ data: z.array(z.unknown()) });

const unreadable = (why: string): StateLookup => ({
  ok: false,
  reason: `IOM's answer could not be read (${why}).`,
});

function stateOf(item: z.output<typeof orderStateSchema>): StateLookup {
  const iomState = item.status ?? item.state;
  return iomState ? { ok: true, iomState } : unreadable('the order has no status');
}

function judgeBody(body: string, query: StateQuery, via: 'order-states' | 'order'): StateLookup {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return unreadable('not JSON');
  }
  const unknownOrder: StateLookup = {
    ok: false,
    reason: `IOM does not know order ${query.shopOrderNumber} in shop ${query.shopId}.`,
  };
  if (via === 'order') {
    const order = orderStateSchema.safeParse(json);
    if (!order.success) return unreadable(describeIssue(order.error));
    return order.data.shopOrderNumber === query.shopOrderNumber ? stateOf(order.data) : unknownOrder;
  }
  const collection = collectionSchema.safeParse(json);
  if (!collection.success) return unreadable(describeIssue(collection.error));
  for (const raw of collection.data.data) {
    const item = orderStateSchema.safeParse(raw);
    if (!item.success) return unreadable(describeIssue(item.error, 'data[]'));
    if (item.data.shopOrderNumber === query.shopOrderNumber) return stateOf(item.data);
  }
  return unknownOrder;
}

function describeIssue(error: z.ZodError, prefix = ''): string {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  return path ? `${path}: ${issue?.message ?? 'unexpected'}` : (issue?.message ?? 'unexpected content');
}

const summary = (body: string) => {
  const errors = errorReportOf(body);
  return errors.length
    ? `: ${errors
        .slice(0, 3)
        .map((e) => (e.message ? `${e.code}: ${e.message}` : e.code))
        .join('; ')}`
    : '';
};

/** Judges IOM's answer to the state request. Pure. */
export function judgeStateAnswer(
  answer: { status: number; contentType: string; body: string; location: string | null },
  query: StateQuery,
  via: 'order-states' | 'order',
): StateLookup {
  const { status } = answer;
  if (status >= 200 && status < 300) {
    if (/text\/html/i.test(answer.contentType))
      return unreadable(`an HTML page instead of IOM's JSON: a sign-in page or a proxy?`);
    return judgeBody(answer.body, query, via);
  }
  if (
    status === 404 &&
    via === 'order' &&
    errorReportOf(answer.body).some((e) => e.code === 'ORDER_NOT_FOUND')
  )
    return { ok: false, reason: `IOM does not know order ${query.shopOrderNumber} in shop ${query.shopId}.` };
  if (status === 401)
    return {
      ok: false,
      reason:
        'IOM refused the credentials (401): an admin must correct the username or password of the Order History service.',
    };
  if (status === 403)
    return {
      ok: false,
      reason: `IOM refused access (403): the Order History service's user lacks the permission for shop ${query.shopId}.`,
    };
  if (status === 404)
    return {
      ok: false,
      reason: `IOM answered 404${summary(answer.body)}: the endpoint of the Order History service or shop ${query.shopId} is wrong.`,
    };
  if (status >= 500)
    return {
      ok: false,
      reason: `IOM has a server error (${status})${summary(answer.body)}. Try again later.`,
    };
  if (status >= 300 && status < 400)
    return {
      ok: false,
      reason: `IOM redirects to ${answer.location ?? 'another address'}; Switchboard does not follow redirects: the Order History service's endpoint must be the final address.`,
    };
  return { ok: false, reason: `IOM answered ${status}${summary(answer.body)}.` };
}

/** Why no answer came: unreachable, timed out, or refused by the outbound policy. Pure. */
export function judgeStateFailure(error: unknown, timeoutMs: number): StateLookup {
  const judged = classifyFailure(error, timeoutMs);
  switch (judged.errorClass) {
    case 'policy':
      return { ok: false, reason: `Switchboard may not contact IOM: ${judged.message ?? ''}` };
    case 'timeout':
      return { ok: false, reason: `IOM did not answer within ${timeoutMs} ms (timeout).` };
    case 'connect_timeout':
      return { ok: false, reason: `IOM is unreachable: no connection within ${timeoutMs} ms (timeout).` };
    default:
      return { ok: false, reason: `IOM is unreachable: ${judged.message ?? 'the request failed'}` };
  }
}
