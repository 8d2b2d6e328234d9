import { describe, expect, it } from 'vitest';
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
  it('uses the simulator’s duplicate code', () => {
    expect(ORDER_ALREADY_EXISTS).toBe(DUPLICATE_ORDER_CODE);
  });

  it.each([
    [answer(201, '', '', 'https://iom/x'), 'created', null],
    [answer(200, '{}'), 'created', null],
    [answer(204), 'created', null],
    [answer(400, report(ORDER_ALREADY_EXISTS)), 'duplicate', null],
    [answer(400, report('VALIDATION_EXCEPTION', ORDER_ALREADY_EXISTS)), 'duplicate', null],
    [answer(400, report('VALIDATION_EXCEPTION')), 'validation_error', 'validation'],
    [answer(400, '<html>bad</html>', 'text/html'), 'validation_error', 'validation'],
    [answer(401), 'validation_error', 'unauthorized'],
    [answer(403), 'validation_error', 'forbidden'],
    [answer(415, report('UNSUPPORTED_MEDIA_TYPE')), 'validation_error', 'unsupported_media_type'],
    [answer(500, report('INTERNAL_SERVER_ERROR')), 'technical_error', 'http_5xx'],
    [answer(503), 'technical_error', 'http_5xx'],
    [answer(404), 'technical_error', 'http_status'],
    [answer(429), 'technical_error', 'http_status'],
    [answer(302, '', '', 'https://elsewhere'), 'technical_error', 'redirect'],
    [answer(200, '<html>Sign in</html>', 'text/html; charset=utf-8'), 'technical_error', 'garbage'],
  ])('%j → %s', (given, outcome, errorClass) => {
    const result = classifyAnswer(given);
    expect(result.outcome).toBe(outcome);
    expect(result.errorClass).toBe(errorClass);
  });

  it('records a 201 without Location as created, with a warning', () => {
    const result = classifyAnswer(answer(201));
    expect(result.outcome).toBe('created');
    expect(result.warning).toMatch(/Location/);
  });

  it("carries IOM's codes and messages into a validation error", () => {
    const result = classifyAnswer(answer(400, report('VALIDATION_EXCEPTION', 'OTHER')));
    expect(result.iomErrors?.map((e) => e.code)).toEqual(['VALIDATION_EXCEPTION', 'OTHER']);
    expect(result.message).toContain('VALIDATION_EXCEPTION: VALIDATION_EXCEPTION happened');
  });

  it('reads only well-formed error reports', () => {
    expect(errorReportOf('not json')).toEqual([]);
    expect(errorReportOf('{"errors": "no"}')).toEqual([]);
    expect(errorReportOf('{"errors": [{"message": "no code"}, {"code": "X"}]}')).toEqual([
      { code: 'X', message: '' },
    ]);
  });

  it('treats 502 and 504 as ambiguous (a gateway may have passed the order on)', () => {
    expect(classifyAnswer(answer(504)).ambiguous).toBe(true);
    expect(classifyAnswer(answer(500)).ambiguous).toBe(false);
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
    expect(result).toMatchObject({ outcome: 'technical_error', errorClass, ambiguous });
  });

  it('makes a policy refusal a configuration to fix', () => {
    expect(classifyFailure(new PolicyRefusedError('loopback'), 1000)).toMatchObject({
      outcome: 'validation_error',
      errorClass: 'policy',
    });
  });
});
