import type {
  AttemptAskLog,
  AttemptLookupLog,
  AttemptRequestLog,
  AttemptResponseLog,
} from '../../drizzle/schema/exports.ts';
import type { AskReason } from '../../shared/iomAsk.ts';
import { FOUND_VERDICTS } from '../../shared/iomAsk.ts';
import { fingerprintOf, type IomOrderFingerprint } from '../../shared/iomFingerprint.ts';
import { basicAuth } from '../probe/application.ts';
import { askIom, ORDER_MEDIA_TYPE, responseLog, type AskInput } from './ask.ts';
import { classifyAnswer, classifyFailure, type Classification } from './classify.ts';
import { settle, verdictOf, type AskFacts, type Settled } from './verdict.ts';
import type { IomHttpClient, IomTarget } from './transport.ts';

export { ORDER_MEDIA_TYPE };

export interface AttemptInput {
  shopId: bigint;
  shopOrderNumber: string;
  payload: Record<string, unknown>;
  target: IomTarget;
  /** Bytes of IOM's answer kept in the attempt log. */
  responseBodyLimit: number;
  /** An earlier attempt may have reached IOM: ask before sending (history.ts). */
  askFirst?: boolean;
  /** Versions sent by earlier attempts that differ from the payload now (history.ts). */
  earlier?: IomOrderFingerprint[];
}

export interface AttemptRecord {
  durationMs: number;
  /** The POST; null when asking IOM first settled the attempt and nothing was sent. */
  request: AttemptRequestLog | null;
  response: AttemptResponseLog | null;
  lookup: AttemptLookupLog | null;
  result: Classification;
  location: string | null;
}

const base = (endpoint: string) => endpoint.replace(/\/+$/, '');

/** The attempt log's summary of the questions asked (the last one's URL, status and whether IOM holds it). */
function lookupOf(asks: AttemptAskLog[]): AttemptLookupLog | null {
  const last = asks.at(-1);
  if (!last) return null;
  return {
    url: last.request.url,
    status: last.response?.status ?? null,
    found: FOUND_VERDICTS.includes(last.verdict),
    ...(last.error ? { error: last.error } : {}),
    verdict: last.verdict,
    asks,
  };
}

/**
 * One attempt, after IOM's Order API contract (SPEC §5): when an earlier attempt may have reached IOM, IOM is
 * asked first (`GET …/order-states?shopOrderNumbers=n`) and the order is sent only when IOM does not hold it;
 * then `POST {endpoint}/shops/{shopId}/orders` with the unchanged order. Only a `201` with `Location` proves a
 * created order; any other answer that leaves it open (a 400/409, a timeout, a reset, a 502/504, another 2xx)
 * is followed by asking IOM, and what IOM holds is compared with what was sent (shared/iomFingerprint.ts).
 */
export async function performAttempt(
  client: IomHttpClient,
  input: AttemptInput,
  signal?: AbortSignal,
): Promise<AttemptRecord> {
  const t0 = performance.now();
  const authorization = basicAuth(input.target.username, input.target.password);
  const asks: AttemptAskLog[] = [];
  const sent = fingerprintOf(input.payload);
  const facts: AskFacts | null = sent.ok
    ? { shopOrderNumber: input.shopOrderNumber, sent: sent.fingerprint, earlier: input.earlier ?? [] }
    : null;
  const askInput: AskInput = {
    client,
    target: input.target,
    shopId: input.shopId,
    shopOrderNumber: input.shopOrderNumber,
    authorization,
    responseBodyLimit: input.responseBodyLimit,
    signal,
  };
  const done = (
    result: Classification,
    request: AttemptRequestLog | null = null,
    response: AttemptResponseLog | null = null,
    location: string | null = null,
  ): AttemptRecord => ({
    durationMs: Math.round(performance.now() - t0),
    request,
    response,
    lookup: lookupOf(asks),
    result,
    location,
  });

  /** Asks IOM and logs the question; the intake guarantees the fields compared, so facts are there. */
  const ask = async (reason: AskReason, post: Classification | null): Promise<Settled> => {
    const { log, judgement } = await askIom(askInput, reason);
    if (!facts) {
      asks.push({ ...log, verdict: 'incomplete', problem: 'the order lacks a compared field' });
      return { kind: 'judged', result: post ?? unasked('the order lacks a field IOM is compared on') };
    }
    const verdict = verdictOf(judgement, facts);
    asks.push({
      ...log,
      verdict,
      sent: facts.sent,
      ...(judgement.kind === 'found' ? { iom: judgement.fingerprint } : {}),
      ...('problem' in judgement ? { problem: judgement.problem } : {}),
    });
    return settle(reason, post, judgement, facts);
  };

  if (input.askFirst) {
    const first = await ask('before_resend', null);
    if (first.kind === 'judged') return done(first.result);
  }

  const url = `${base(input.target.endpoint)}/shops/${input.shopId}/orders`;
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
  let response: AttemptResponseLog | null = null;
  let location: string | null = null;
  let result: Classification;
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
      retryAfter: exchange.headers['retry-after'] ?? null,
      url,
    });
  } catch (error) {
    result = classifyFailure(error, input.target.timeoutMs);
  }
  if (result.ask && !signal?.aborted) {
    const after = await ask(result.ask, result);
    if (after.kind === 'judged') result = after.result;
  }
  // Only IOM's 201 says where the order is; a redirect's or a proxy's Location is not kept.
  const created = response?.status === 201 && result.outcome === 'created';
  return done(result, request, response, created ? location : null);
}

/** An attempt that could not be judged because the order itself lacks a compared field. */
function unasked(why: string): Classification {
  return {
    outcome: 'technical_error',
    errorClass: 'lookup_incomplete',
    message: `IOM could not be asked whether it holds the order: ${why}.`,
    ask: null,
  };
}
