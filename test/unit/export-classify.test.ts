import { describe, expect, it, vi } from 'vitest';
import {
  classifyAnswer,
  classifyFailure,
  errorReportOf,
  ORDER_ALREADY_EXISTS,
  PolicyRefusedError,
} from '../../server/exports/classify.ts';
import { DUPLICATE_ORDER_CODE } from '../../server/iom-simulator/index.ts';

const answer = (
  status: number,
  body = '',
  contentType = 'application/json',
  location: string | null = null,
) => ({
  status,
  body,
  contentType,
  location,
});
const report = (...codes: string[]) =>
  JSON.stringify({
    status: 400,
    errors: codes.map((code) => ({ code, message: `${code} happened`, value: null })),
  });

describe("classifying IOM's answers", () => {
  it('keeps the simulator’s optional duplicate code as a hint only', () => {
    expect(ORDER_ALREADY_EXISTS).toBe(DUPLICATE_ORDER_CODE);
    const hinted = classifyAnswer(answer(400, report(ORDER_ALREADY_EXISTS)));
    // Nothing depends on the code: it is a 400 like any other, and IOM is asked.
    expect(hinted).toMatchObject({ outcome: 'validation_error', errorClass: 'validation', ask: 'refused' });
    expect(hinted.message).toContain('holds the number');
  });

  it.each([
    // Only IOM's 201 with Location proves a created order.
    [answer(201, '', '', 'https://iom/x'), 'created', null, null],
    [answer(201), 'technical_error', 'unproven', 'unproven'],
    [answer(200, '{}'), 'technical_error', 'unproven', 'unproven'],
    [answer(204), 'technical_error', 'unproven', 'unproven'],
    [answer(200, report('VALIDATION_EXCEPTION')), 'technical_error', 'unproven', 'unproven'],
    [answer(200, '<html>Sign in</html>', 'text/plain'), 'technical_error', 'garbage', 'unproven'],
    [answer(200, '<!DOCTYPE html><html></html>', ''), 'technical_error', 'garbage', 'unproven'],
    [
      answer(200, '<html>Sign in</html>', 'text/html; charset=utf-8'),
      'technical_error',
      'garbage',
      'unproven',
    ],
    [answer(201, '<html></html>', 'text/html', 'https://iom/x'), 'technical_error', 'garbage', 'unproven'],
    // A 400 or 409 is also what IOM answers for a number it holds: asked about.
    [answer(400, report('VALIDATION_EXCEPTION')), 'validation_error', 'validation', 'refused'],
    [answer(400, '<html>bad</html>', 'text/html'), 'validation_error', 'validation', 'refused'],
    [answer(409), 'validation_error', 'validation', 'refused'],
    [answer(401), 'validation_error', 'unauthorized', null],
    [answer(403), 'validation_error', 'forbidden', null],
    [answer(415), 'validation_error', 'unsupported_media_type', null],
    [answer(301, '', '', 'https://elsewhere'), 'validation_error', 'redirect', null],
    [answer(302), 'validation_error', 'redirect', null],
    [answer(500), 'technical_error', 'http_5xx', null],
    [answer(502), 'technical_error', 'http_5xx', 'ambiguous'],
    [answer(503), 'technical_error', 'http_5xx', null],
    [answer(504), 'technical_error', 'http_5xx', 'ambiguous'],
    [answer(404), 'technical_error', 'http_status', null],
    [answer(429), 'technical_error', 'http_status', null],
  ])('%j → %s, %s (ask: %s)', (given, outcome, errorClass, ask) => {
    const result = classifyAnswer(given);
    expect(result).toMatchObject({ outcome, errorClass, ask });
  });

  it('reads an empty 201 without parsing it (no exception on the success path)', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(classifyAnswer(answer(201, '', '', 'https://iom/x')).outcome).toBe('created');
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it("carries IOM's codes and messages into a validation error", () => {
    const result = classifyAnswer(answer(400, report('VALIDATION_EXCEPTION', 'OTHER')));
    expect(result.iomErrors?.map((e) => e.code)).toEqual(['VALIDATION_EXCEPTION', 'OTHER']);
    expect(result.message).toContain('VALIDATION_EXCEPTION: VALIDATION_EXCEPTION happened');
  });

  it('says a redirect is an endpoint to correct, naming what was asked and where it points', () => {
    const result = classifyAnswer({
      ...answer(301, '', '', 'https://iom.example.com/rest/order-service/shops/1/orders'),
      url: 'http://iom.example.com/rest/order-service/shops/1/orders',
    });
    expect(result.message).toBe(
      'IOM answered 301 to http://iom.example.com/rest/order-service/shops/1/orders: correct the endpoint (the answer points to https://iom.example.com/rest/order-service/shops/1/orders). Exports never follow redirects.',
    );
  });

  it('keeps Retry-After of a 429 or 503 (and of nothing else)', () => {
    expect(classifyAnswer({ ...answer(429), retryAfter: '120' }).retryAfter).toBe('120');
    expect(classifyAnswer({ ...answer(503), retryAfter: '7' })).toMatchObject({ retryAfter: '7' });
    expect(classifyAnswer({ ...answer(500), retryAfter: '7' }).retryAfter).toBeUndefined();
  });

  it('reads only well-formed error reports', () => {
    expect(errorReportOf('')).toEqual([]);
    expect(errorReportOf('not json')).toEqual([]);
    expect(errorReportOf('{"errors": "no"}')).toEqual([]);
    expect(errorReportOf('{"errors": [{"message": "no code"}, {"code": "X"}]}')).toEqual([
      { code: 'X', message: '' },
    ]);
  });
});

describe('classifying requests without an answer', () => {
  const error = (code: string, name = 'Error') => Object.assign(new Error(`failed: ${code}`), { code, name });

  it.each([
    [error('UND_ERR_HEADERS_TIMEOUT'), 'timeout', true],
    [Object.assign(new Error('no answer'), { name: 'TimeoutError' }), 'timeout', true],
    [error('ECONNRESET'), 'connection_reset', true],
    [error('UND_ERR_SOCKET', 'SocketError'), 'connection_reset', true],
    [Object.assign(new Error('fetch failed'), { cause: error('ECONNRESET') }), 'connection_reset', true],
    [error('ETIMEDOUT'), 'connect_timeout', false],
    [error('ECONNREFUSED'), 'connection_refused', false],
    [error('ENOTFOUND'), 'dns', false],
    [error('EHOSTUNREACH'), 'unreachable', false],
    [error('ERR_TLS_UNTRUSTED'), 'tls', false],
    [error('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls', false],
    [new Error('something odd'), 'other', true],
  ])('%s → %s (ambiguous: %s)', (given, errorClass, ambiguous) => {
    const result = classifyFailure(given, 1000);
    expect(result).toMatchObject({
      outcome: 'technical_error',
      errorClass,
      ask: ambiguous ? 'ambiguous' : null,
    });
  });

  it('makes a policy refusal a configuration to fix', () => {
    expect(classifyFailure(new PolicyRefusedError('loopback'), 1000)).toMatchObject({
      outcome: 'validation_error',
      errorClass: 'policy',
    });
  });
});
