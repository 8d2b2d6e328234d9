import { describe, expect, it } from 'vitest';
import { PolicyRefusedError } from '../../server/exports/classify.ts';
import {
  judgeStateAnswer,
  judgeStateFailure,
  stateRequestUrl,
} from '../../server/exports/iomStatusAnswer.ts';
import { IomStateCache } from '../../server/exports/iomStatusCache.ts';

const query = { endpoint: 'https://iom.example/rest/order-service/', shopId: 10000n, shopOrderNumber: 'A-1' };
const json = (body: unknown, status = 200): Parameters<typeof judgeStateAnswer>[0] => ({
  status,
  contentType: 'application/vnd.intershop.order.v2+json',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  location: null,
});

describe('the IOM state request', () => {
  it('asks order-states for the number, or the order itself when the number has a comma', () => {
    expect(stateRequestUrl(query)).toEqual({
      url: 'https://iom.example/rest/order-service/shops/10000/order-states?shopOrderNumbers=A-1',
      via: 'order-states',
    });
    expect(stateRequestUrl({ ...query, shopOrderNumber: 'A&B=1' }).url).toContain(
      'shopOrderNumbers=A%26B%3D1',
    );
    expect(stateRequestUrl({ ...query, shopOrderNumber: 'A,1' })).toEqual({
      url: 'https://iom.example/rest/order-service/shops/10000/orders/A%2C1',
      via: 'order',
    });
  });
});

describe("judging IOM's answer", () => {
  it('takes the status of the order with exactly this number', () => {
    const answer = json({
      data: [
        { shopOrderNumber: 'A-10', status: 'STATE_CANCELED' },
        { shopOrderNumber: 'A-1', status: 'STATE_DISPATCHED', state: 'DISPATCHED' },
      ],
    });
    expect(judgeStateAnswer(answer, query, 'order-states')).toEqual({
      ok: true,
      iomState: 'STATE_DISPATCHED',
    });
    expect(
      judgeStateAnswer(json({ data: [{ shopOrderNumber: 'A-1', state: 'CLOSED' }] }), query, 'order-states'),
    ).toEqual({ ok: true, iomState: 'CLOSED' });
    expect(
      judgeStateAnswer(json({ shopOrderNumber: 'A-1', status: 'STATE_RETURNED' }), query, 'order'),
    ).toEqual({ ok: true, iomState: 'STATE_RETURNED' });
  });

  it('says when IOM does not know the order', () => {
    const unknown = { ok: false, reason: 'IOM does not know order A-1 in shop 10000.' };
    expect(judgeStateAnswer(json({ data: [] }), query, 'order-states')).toEqual(unknown);
    expect(
      judgeStateAnswer(json({ errors: [{ code: 'ORDER_NOT_FOUND', message: 'no' }] }, 404), query, 'order'),
    ).toEqual(unknown);
  });

  it('calls a garbage answer unreadable, never throws', () => {
    const garbage = [
      json('not json {'),
      json('null'),
      json([]),
      json({ data: 'x' }),
      json({ data: [{ shopOrderNumber: 12, status: 'X' }] }),
      json({ data: [{ shopOrderNumber: 'A-1' }] }),
      json({ data: [{ shopOrderNumber: 'A-1', status: '   ' }] }),
      json({ data: [{ shopOrderNumber: 'A-1', status: 42 }] }),
      { status: 200, contentType: 'text/html', body: '<html>sign in</html>', location: null },
    ];
    for (const answer of garbage) {
      const judged = judgeStateAnswer(answer, query, 'order-states');
      expect(judged.ok, answer.body).toBe(false);
      if (!judged.ok) expect(judged.reason).toMatch(/^IOM's answer could not be read \(.+\)\.$/);
    }
    expect(judgeStateAnswer(json('{}'), query, 'order')).toMatchObject({ ok: false });
  });

  it('names the HTTP trouble', () => {
    const reason = (status: number, extra: Partial<ReturnType<typeof json>> = {}) => {
      const judged = judgeStateAnswer(
        { ...json({ errors: [{ code: 'E', message: 'm' }] }, status), ...extra },
        query,
        'order-states',
      );
      return judged.ok ? null : judged.reason;
    };
    expect(reason(401)).toMatch(/^IOM refused the credentials \(401\)/);
    expect(reason(403)).toMatch(/^IOM refused access \(403\).*shop 10000/);
    expect(reason(404)).toMatch(/^IOM answered 404: E: m: the endpoint .* or shop 10000 is wrong/);
    expect(reason(503)).toBe('IOM has a server error (503): E: m. Try again later.');
    expect(reason(302, { location: 'https://login.example' })).toMatch(
      /redirects to https:\/\/login\.example/,
    );
    expect(reason(429)).toBe('IOM answered 429: E: m.');
  });

  it('names failures without an answer', () => {
    const failure = (error: unknown) => {
      const judged = judgeStateFailure(error, 800);
      return judged.ok ? null : judged.reason;
    };
    expect(failure(Object.assign(new Error('slow'), { name: 'TimeoutError' }))).toBe(
      'IOM did not answer within 800 ms (timeout).',
    );
    expect(failure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatch(
      /^IOM is unreachable: IOM refused the connection/,
    );
    expect(failure(Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }))).toMatch(
      /^IOM is unreachable: .*does not resolve/,
    );
    expect(failure(new PolicyRefusedError('iom resolves to 10.0.0.1'))).toMatch(
      /^Switchboard may not contact IOM: .*10\.0\.0\.1/,
    );
  });
});

describe('the IOM state cache', () => {
  const key = (n: string) =>
    IomStateCache.key({ configId: 'c', configVersion: 1, shopId: 10000n, shopOrderNumber: n });

  it('keeps a state for its TTL and nothing with TTL 0', () => {
    const cache = new IomStateCache(10);
    const t0 = new Date(1_000_000);
    cache.set(key('a'), 'DISPATCHED', t0, 5);
    cache.set(key('b'), 'DISPATCHED', t0, 0);
    expect(cache.get(key('a'), t0.getTime() + 4_999)?.iomState).toBe('DISPATCHED');
    expect(cache.get(key('a'), t0.getTime() + 5_000)).toBeUndefined();
    expect(cache.get(key('b'), t0.getTime())).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops the least recently used entry beyond its bound', () => {
    const cache = new IomStateCache(3);
    const t0 = new Date(0);
    for (const n of ['a', 'b', 'c']) cache.set(key(n), n, t0, 60);
    expect(cache.get(key('a'), 1)?.iomState).toBe('a'); // a is now the most recent
    cache.set(key('d'), 'd', t0, 60);
    expect(cache.size).toBe(3);
    expect(cache.get(key('b'), 1)).toBeUndefined();
    expect(['a', 'c', 'd'].map((n) => cache.get(key(n), 1)?.iomState)).toEqual(['a', 'c', 'd']);
  });

  it('keys by configuration, version, shop and number', () => {
    const base = { configId: 'c', configVersion: 1, shopId: 1, shopOrderNumber: 'n' };
    const keys = new Set([
      IomStateCache.key(base),
      IomStateCache.key({ ...base, configVersion: 2 }),
      IomStateCache.key({ ...base, shopId: 2 }),
      IomStateCache.key({ ...base, configId: 'd' }),
      IomStateCache.key({ ...base, shopOrderNumber: 'n2' }),
    ]);
    expect(keys.size).toBe(5);
  });
});
