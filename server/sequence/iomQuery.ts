import type { PinnedTarget } from '../outbound/connector.ts';
import { basicAuth, httpGet, judgeAnswer, type HttpAnswer } from '../probe/application.ts';
import { clientCertificateProblem } from '../probe/clientCertificate.ts';
import type { ProbeTarget } from '../probe/types.ts';
import type { IomLargestOutcome } from './iomLargest.ts';

/** httpGet keeps at most this much of a body; a page that fills it was cut off and is asked again, smaller. */
const BODY_LIMIT = 64 * 1024;
const FIRST_PAGE = 50;

export class IomAskFailure extends Error {
  constructor(
    readonly outcome: Exclude<IomLargestOutcome, 'ok' | 'empty' | 'non_numeric'>,
    message: string,
  ) {
    super(message);
  }
}

/** One request as evidence: what was asked (no credentials), what came back, how long it took. */
export interface IomQuery {
  orderBy: 'shopOrderNumber' | 'shopOrderCreationDate';
  request: string;
  status: number | null;
  count: number;
  ms: number;
}

function networkFailure(error: unknown, host: string, timeoutMs: number): IomAskFailure {
  const code = (error as { code?: string }).code ?? '';
  if ((error as Error).name === 'TimeoutError' || /TIMEOUT|ETIMEDOUT/.test(code))
    return new IomAskFailure(
      'timeout',
      `IOM at ${host} did not answer within ${timeoutMs} ms (the service's timeout).`,
    );
  if (code === 'ERR_TLS_UNTRUSTED') return new IomAskFailure('tls_error', (error as Error).message);
  if (code === 'ECONNREFUSED')
    return new IomAskFailure(
      'unreachable',
      `Nothing accepts connections at ${host}: check the endpoint and that IOM runs.`,
    );
  return new IomAskFailure(
    'unreachable',
    `Cannot reach IOM at ${host}: ${(error as Error).message || code}.`,
  );
}

function readPage(answer: HttpAnswer): { numbers: string[]; totalCount: number | null } | null {
  try {
    const body = JSON.parse(answer.body) as { data?: unknown; meta?: { totalCount?: unknown } };
    if (!Array.isArray(body.data)) return null;
    const numbers: unknown[] = body.data.map(
      (item) => (item as { shopOrderNumber?: unknown })?.shopOrderNumber,
    );
    if (numbers.some((n) => typeof n !== 'string')) return null;
    const total = body.meta?.totalCount;
    return { numbers: numbers as string[], totalCount: typeof total === 'number' ? total : null };
  } catch {
    return null;
  }
}

/**
 * Pages through `GET {endpoint}/shops/{shopId}/order-states?orderBy=…&sortDirection=DESC` until `want` orders
 * are listed or the list ends, within the configuration's timeout counted from `started`.
 */
export async function fetchOrderNumbers(
  target: ProbeTarget,
  pinned: PinnedTarget,
  orderBy: IomQuery['orderBy'],
  want: number,
  started: number,
  queries: IomQuery[],
): Promise<{ numbers: string[]; totalCount: number | null }> {
  const base = target.endpoint.replace(/\/+$/, '');
  const host = new URL(base).host;
  const numbers: string[] = [];
  let totalCount: number | null = null;
  let pageSize = Math.min(want, FIRST_PAGE);
  while (numbers.length < want) {
    const limit = Math.min(pageSize, want - numbers.length);
    const url = `${base}/shops/${target.shopId}/order-states?limit=${limit}&offset=${numbers.length}&orderBy=${orderBy}&sortDirection=DESC`;
    const remaining = started + target.timeoutMs - Date.now();
    if (remaining <= 0)
      throw networkFailure(Object.assign(new Error(), { name: 'TimeoutError' }), host, target.timeoutMs);
    const t0 = Date.now();
    let answer: HttpAnswer;
    try {
      answer = await httpGet(url, pinned, remaining, {
        authorization: basicAuth(target.username, target.password),
        accept: 'application/vnd.intershop.order.v2+json, application/json',
      });
    } catch (error) {
      const asked = new URL(url);
      const certificate = clientCertificateProblem(
        error,
        asked.hostname,
        Number(asked.port) || (asked.protocol === 'https:' ? 443 : 80),
        target,
      );
      throw certificate
        ? new IomAskFailure('tls_error', certificate)
        : networkFailure(error, host, target.timeoutMs);
    }
    const { pathname, search } = new URL(url);
    const query: IomQuery = { orderBy, request: pathname + search, status: answer.status, count: 0, ms: 0 };
    query.ms = Date.now() - t0;
    queries.push(query);
    if (answer.status === 200 && answer.body.length >= BODY_LIMIT && limit > 1) {
      pageSize = Math.max(1, Math.floor(limit / 2));
      continue;
    }
    const judged = judgeAnswer(target, url, answer);
    if (judged.outcome !== 'ok') throw new IomAskFailure(judged.outcome, judged.message);
    const page = readPage(answer);
    if (!page)
      throw new IomAskFailure(
        'not_found',
        `IOM's answer to ${query.request} is not a list of orders with shop order numbers: the endpoint points at something else.`,
      );
    query.count = page.numbers.length;
    numbers.push(...page.numbers);
    totalCount = page.totalCount ?? totalCount;
    if (page.numbers.length < limit) break;
  }
  return { numbers, totalCount };
}
