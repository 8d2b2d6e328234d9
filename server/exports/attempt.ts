import type { AttemptRequestLog, AttemptResponseLog } from '../../drizzle/schema/exports.ts';
import { basicAuth } from '../probe/application.ts';
import { classifyAnswer, classifyFailure, type Classification } from './classify.ts';
import type { HttpExchange, IomHttpClient, IomTarget } from './transport.ts';

export const ORDER_MEDIA_TYPE = 'application/vnd.intershop.order.v2+json';

export interface AttemptInput {
  shopId: bigint;
  shopOrderNumber: string;
  payload: Record<string, unknown>;
  target: IomTarget;
  /** Bytes of IOM's answer kept in the attempt log. */
  responseBodyLimit: number;
}

export interface AttemptLookup {
  url: string;
  status: number | null;
  found: boolean;
  error?: string;
}

export interface AttemptRecord {
  durationMs: number;
  request: AttemptRequestLog;
  response: AttemptResponseLog | null;
  lookup: AttemptLookup | null;
  result: Classification;
  location: string | null;
}

const base = (endpoint: string) => endpoint.replace(/\/+$/, '');

function responseLog(exchange: HttpExchange, limit: number): AttemptResponseLog {
  return {
    status: exchange.status,
    headers: exchange.headers,
    body: exchange.body.subarray(0, limit).toString('utf8'),
    truncated: exchange.totalBytes > limit,
  };
}

/** Asks IOM whether it has the order, after a failure that leaves it open whether the order arrived. */
async function lookUp(
  client: IomHttpClient,
  input: AttemptInput,
  authorization: string,
  signal?: AbortSignal,
): Promise<AttemptLookup> {
  const url = `${base(input.target.endpoint)}/shops/${input.shopId}/orders/${encodeURIComponent(input.shopOrderNumber)}`;
  try {
    const answer = await client.exchange(
      input.target,
      { method: 'GET', url, headers: { authorization, accept: `${ORDER_MEDIA_TYPE}, application/json` } },
      signal,
    );
    let found = false;
    if (answer.status === 200) {
      try {
        const order = JSON.parse(answer.body.toString('utf8')) as { shopOrderNumber?: unknown };
        found = order.shopOrderNumber === undefined || order.shopOrderNumber === input.shopOrderNumber;
      } catch {
        found = false;
      }
    }
    return { url, status: answer.status, found };
  } catch (error) {
    return { url, status: null, found: false, error: (error as Error).message };
  }
}

/**
 * One attempt: `POST {endpoint}/shops/{shopId}/orders` with the unchanged order, judged after the IOM
 * communication concept; an ambiguous failure is followed by a look-up, and an order IOM has is a duplicate.
 */
export async function performAttempt(
  client: IomHttpClient,
  input: AttemptInput,
  signal?: AbortSignal,
): Promise<AttemptRecord> {
  const url = `${base(input.target.endpoint)}/shops/${input.shopId}/orders`;
  const authorization = basicAuth(input.target.username, input.target.password);
  const headers = {
    'content-type': ORDER_MEDIA_TYPE,
    accept: 'application/json',
    'user-agent': 'Switchboard-order-export',
  };
  const body = JSON.stringify(input.payload);
  const request: AttemptRequestLog = {
    url,
    method: 'POST',
    headers: { ...headers, authorization: 'Basic (redacted)' },
    body,
  };
  const t0 = performance.now();
  let response: AttemptResponseLog | null = null;
  let result: Classification;
  let location: string | null = null;
  let lookup: AttemptLookup | null = null;
  try {
    const exchange = await client.exchange(
      input.target,
      { method: 'POST', url, headers: { ...headers, authorization }, body },
      signal,
    );
    response = responseLog(exchange, input.responseBodyLimit);
    location = exchange.headers.location ?? null;
    result = classifyAnswer({
      status: exchange.status,
      contentType: exchange.headers['content-type'] ?? '',
      body: exchange.body.toString('utf8'),
      location,
    });
  } catch (error) {
    result = classifyFailure(error, input.target.timeoutMs);
  }
  if (result.outcome === 'technical_error' && result.ambiguous && !signal?.aborted) {
    lookup = await lookUp(client, input, authorization, signal);
    if (lookup.found) {
      location = lookup.url;
      result = {
        ...result,
        outcome: 'duplicate',
        warning: `${result.message ?? 'The request failed'} IOM has the order, so it counts as exported (a duplicate).`,
      };
    }
  }
  return { durationMs: Math.round(performance.now() - t0), request, response, lookup, result, location };
}
