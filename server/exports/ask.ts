import type { AttemptAskLog, AttemptResponseLog } from '../../drizzle/schema/exports.ts';
import type { AskReason } from '../../shared/iomAsk.ts';
import { fingerprintOf, type IomOrderFingerprint } from '../../shared/iomFingerprint.ts';
import { classifyFailure, errorReportOf, summary } from './classify.ts';
import type { HttpExchange, IomHttpClient, IomTarget } from './transport.ts';

export const ORDER_MEDIA_TYPE = 'application/vnd.intershop.order.v2+json';

/** What IOM's answer to the question came to, before it is compared with what was sent. */
export type AskJudgement =
  | { kind: 'found'; fingerprint: IomOrderFingerprint }
  | { kind: 'not_found' }
  | { kind: 'incomplete'; problem: string }
  | { kind: 'unusable'; problem: string }
  | { kind: 'failed'; problem: string };

const base = (endpoint: string) => endpoint.replace(/\/+$/, '');

/**
 * `GET {endpoint}/shops/{shopId}/order-states?shopOrderNumbers={n}`: Order API 2.0 and later. The number is one
 * value of the list parameter (its commas encoded), so it is never read as two numbers.
 */
export function orderStatesUrl(endpoint: string, shopId: bigint, shopOrderNumber: string): string {
  const query = new URLSearchParams({ shopOrderNumbers: shopOrderNumber });
  return `${base(endpoint)}/shops/${shopId}/order-states?${query}`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Reads IOM's answer to the question: the order state of the number, if IOM holds it. Anything that is not a
 * 200 with IOM's order-state collection (`{ data: [...] }`) cannot be used — an error status, a page, `{}` —
 * and an order state without the compared fields is incomplete. Pure.
 */
export function judgeOrderStates(
  answer: { status: number; contentType: string; body: string },
  shopOrderNumber: string,
): AskJudgement {
  const { status } = answer;
  if (status !== 200) {
    const errors = errorReportOf(answer.body);
    const detail = errors.length ? `: ${summary(errors)}` : '';
    const why =
      status === 401 || status === 403
        ? ` (the order-export user needs the permission to read order states too)`
        : status === 404
          ? ' (order-states is part of every Order API from 2.0 on: is the endpoint right?)'
          : status === 406
            ? ` (IOM does not offer ${ORDER_MEDIA_TYPE})`
            : '';
    return { kind: 'unusable', problem: `IOM answered ${status}${detail}${why}` };
  }
  if (/text\/html/i.test(answer.contentType) || /^\s*</.test(answer.body))
    return { kind: 'unusable', problem: 'IOM answered 200 with a page, not with order states' };
  let json: unknown;
  if (answer.body.trim() === '') return { kind: 'unusable', problem: 'IOM answered 200 without a body' };
  try {
    json = JSON.parse(answer.body);
  } catch {
    return { kind: 'unusable', problem: 'IOM answered 200 with something that is not JSON' };
  }
  const data = isObject(json) ? json.data : undefined;
  if (!Array.isArray(data))
    return {
      kind: 'unusable',
      problem: "IOM answered 200 without the order-state collection's data list (e.g. {})",
    };
  const match: unknown = (data as unknown[]).find(
    (item) => isObject(item) && item.shopOrderNumber === shopOrderNumber,
  );
  if (match === undefined) return { kind: 'not_found' };
  const result = fingerprintOf(match);
  if (!result.ok)
    return {
      kind: 'incomplete',
      problem: `IOM's order state of ${shopOrderNumber} lacks ${result.missing.join(', ')}`,
    };
  return { kind: 'found', fingerprint: result.fingerprint };
}

export interface AskInput {
  client: IomHttpClient;
  target: IomTarget;
  shopId: bigint;
  shopOrderNumber: string;
  authorization: string;
  /** Bytes of IOM's answer kept in the log. */
  responseBodyLimit: number;
  signal?: AbortSignal;
}

export function responseLog(exchange: HttpExchange, limit: number): AttemptResponseLog {
  return {
    status: exchange.status,
    headers: exchange.headers,
    body: exchange.body.subarray(0, limit).toString('utf8'),
    truncated: exchange.totalBytes > limit,
  };
}

export type AskResult = { log: Omit<AttemptAskLog, 'verdict' | 'sent' | 'iom'>; judgement: AskJudgement };

/** Asks IOM whether it holds the order; never throws (a failed question is a judgement of its own). */
export async function askIom(input: AskInput, reason: AskReason): Promise<AskResult> {
  const url = orderStatesUrl(input.target.endpoint, input.shopId, input.shopOrderNumber);
  const headers = { accept: ORDER_MEDIA_TYPE, 'user-agent': 'Switchboard-order-export' };
  const request = {
    method: 'GET' as const,
    url,
    headers: { ...headers, authorization: 'Basic (redacted)' },
  };
  const t0 = performance.now();
  const took = () => Math.round(performance.now() - t0);
  try {
    const exchange = await input.client.exchange(
      input.target,
      { method: 'GET', url, headers: { ...headers, authorization: input.authorization } },
      input.signal,
    );
    const judgement = judgeOrderStates(
      {
        status: exchange.status,
        contentType: exchange.headers['content-type'] ?? '',
        body: exchange.body.toString('utf8'),
      },
      input.shopOrderNumber,
    );
    return {
      log: { reason, request, response: responseLog(exchange, input.responseBodyLimit), durationMs: took() },
      judgement,
    };
  } catch (error) {
    const failure = classifyFailure(error, input.target.timeoutMs);
    const problem =
      failure.errorClass === 'timeout'
        ? `IOM did not answer the question within ${input.target.timeoutMs} ms`
        : `the question got no answer (${failure.message ?? (error as Error).message})`;
    return {
      log: { reason, request, response: null, error: (error as Error).message, durationMs: took() },
      judgement: { kind: 'failed', problem },
    };
  }
}
