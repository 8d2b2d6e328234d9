import { describe, expect, it } from 'vitest';
import { judgeOrderStates, orderStatesUrl, type AskJudgement } from '../../server/exports/ask.ts';
import { classifyAnswer, classifyFailure } from '../../server/exports/classify.ts';
import { historyOf, mayHaveReachedIom, type EarlierAttempt } from '../../server/exports/history.ts';
import { compareWithIom, settle, type AskFacts } from '../../server/exports/verdict.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { fingerprintOf, type IomOrderFingerprint } from '../../shared/iomFingerprint.ts';

type Json = Record<string, unknown>;

const fp = (order: unknown): IomOrderFingerprint => {
  const result = fingerprintOf(order);
  if (!result.ok) throw new Error(result.missing.join(', '));
  return result.fingerprint;
};

const ours = sampleOrder('5100031');
const other = {
  ...ours,
  customerData: { customerDataType: 'PERSON', shopCustomerNumber: 'C-OTHER' },
  sales: { currencyCode: 'EUR', subTotal: { taxes: [] }, total: { gross: { amount: 99.5 }, taxes: [] } },
};
const facts = (earlier: Json[] = []): AskFacts => ({
  shopOrderNumber: '5100031',
  sent: fp(ours),
  earlier: earlier.map(fp),
});

const states = (...data: unknown[]) => ({
  status: 200,
  contentType: 'application/vnd.intershop.order.v2+json;charset=UTF-8',
  body: JSON.stringify({ data, meta: { totalCount: data.length } }),
});
const found = (order: Json): AskJudgement => ({ kind: 'found', fingerprint: fp(order) });

describe('asking IOM whether it holds an order', () => {
  it('asks order-states for the one number, its commas encoded', () => {
    expect(orderStatesUrl('https://iom/rest/order-service/', 10000n, 'A,B 1')).toBe(
      'https://iom/rest/order-service/shops/10000/order-states?shopOrderNumbers=A%2CB+1',
    );
  });

  it.each([
    ['the order state of the number', states({ ...ours, status: 'STATE_INITIAL' }), 'found'],
    ['an empty list', states(), 'not_found'],
    ['other numbers only', states({ ...other, shopOrderNumber: '5100032' }), 'not_found'],
    [
      'an order state without the compared fields',
      states({ shopOrderNumber: '5100031', status: 'STATE_INITIAL' }),
      'incomplete',
    ],
    ['{}', { status: 200, contentType: 'application/json', body: '{}' }, 'unusable'],
    ['a page', { status: 200, contentType: 'text/html', body: '<html></html>' }, 'unusable'],
    ['a page as text', { status: 200, contentType: 'text/plain', body: '<!DOCTYPE html><html>' }, 'unusable'],
    ['nothing', { status: 200, contentType: '', body: '' }, 'unusable'],
    ['not JSON', { status: 200, contentType: 'application/json', body: 'data' }, 'unusable'],
    ['a 500', { status: 500, contentType: '', body: '' }, 'unusable'],
    ['a 406', { status: 406, contentType: '', body: '' }, 'unusable'],
    ['a 404', { status: 404, contentType: '', body: '' }, 'unusable'],
  ])('reads %s as %s', (_what, answer, kind) => {
    expect(judgeOrderStates(answer, '5100031').kind).toBe(kind);
  });

  it('says what an incomplete order state lacks', () => {
    const judged = judgeOrderStates(
      states({ shopOrderNumber: '5100031', status: 'STATE_INITIAL' }),
      '5100031',
    );
    expect(judged.kind).toBe('incomplete');
    expect('problem' in judged ? judged.problem : '').toContain('shopOrderCreationDate');
  });
});

describe('comparing what IOM holds with what was sent', () => {
  it('tells the same order, another order, and the version before an edit', () => {
    const before = { ...ours, customerData: { customerDataType: 'PERSON', shopCustomerNumber: 'C-BEFORE' } };
    expect(compareWithIom(fp(ours), facts())).toBe('same');
    expect(compareWithIom(fp(other), facts())).toBe('different');
    expect(compareWithIom(fp(before), facts([before]))).toBe('earlier_version');
    // The edit changed nothing compared: which one IOM holds cannot be told.
    expect(compareWithIom(fp(ours), facts([{ ...ours, payment: { paymentMethod: 'PAYPAL' } }]))).toBe(
      'edit_unconfirmed',
    );
  });
});

describe('settling an attempt from the answer', () => {
  const post400 = classifyAnswer({
    status: 400,
    contentType: 'application/json',
    body: JSON.stringify({ status: 400, errors: [{ code: 'VALIDATION_EXCEPTION', message: 'used' }] }),
    location: null,
  });
  const timeout = classifyFailure(Object.assign(new Error('late'), { name: 'TimeoutError' }), 300);
  const noContent = classifyAnswer({ status: 204, contentType: '', body: '', location: null });

  it('found with the same content: a duplicate (or, when only the proof of a 2xx was missing, created)', () => {
    for (const [reason, post] of [
      ['refused', post400],
      ['ambiguous', timeout],
      ['before_resend', null],
    ] as const) {
      const settled = settle(reason, post, found(ours), facts());
      expect(settled, reason).toMatchObject({
        kind: 'judged',
        result: { outcome: 'duplicate', errorClass: null },
      });
    }
    expect(settle('unproven', noContent, found(ours), facts())).toMatchObject({
      kind: 'judged',
      result: { outcome: 'created' },
    });
  });

  it('found with other content: a collision that needs a fix, with a sentence support acts on', () => {
    for (const [reason, post] of [
      ['refused', post400],
      ['ambiguous', timeout],
      ['unproven', noContent],
      ['before_resend', null],
    ] as const) {
      const settled = settle(reason, post, found(other), facts());
      if (settled.kind !== 'judged') throw new Error('sent');
      expect(settled.result, reason).toMatchObject({ outcome: 'validation_error', errorClass: 'collision' });
      expect(settled.result.message).toMatch(
        /^IOM holds a different order under 5100031: customer C-OTHER, 99\.50 EUR\. ICM's and IOM's number ranges overlap: see Order numbers\./,
      );
    }
  });

  it('the version before an edit: needs a person, never exported', () => {
    const before = { ...ours, customerData: { customerDataType: 'PERSON', shopCustomerNumber: 'C-BEFORE' } };
    const settled = settle('before_resend', null, found(before), facts([before]));
    if (settled.kind !== 'judged') throw new Error('sent');
    expect(settled.result).toMatchObject({ outcome: 'validation_error', errorClass: 'earlier_version' });
    expect(settled.result.message).toContain('IOM holds the version before your edit');
  });

  it('not found: sent when asked first, a validation error after a 400, still technical after a timeout', () => {
    const none: AskJudgement = { kind: 'not_found' };
    expect(settle('before_resend', null, none, facts())).toEqual({ kind: 'send' });
    expect(settle('refused', post400, none, facts())).toMatchObject({
      result: {
        outcome: 'validation_error',
        errorClass: 'validation',
        iomErrors: [{ code: 'VALIDATION_EXCEPTION' }],
      },
    });
    expect(settle('ambiguous', timeout, none, facts())).toMatchObject({
      result: { outcome: 'technical_error', errorClass: 'timeout' },
    });
    expect(settle('unproven', noContent, none, facts())).toMatchObject({
      result: { outcome: 'technical_error', errorClass: 'unproven' },
    });
  });

  it('no usable answer: a technical error (retried; the next attempt asks first), never exported', () => {
    for (const judgement of [
      { kind: 'unusable', problem: 'IOM answered 500' },
      { kind: 'failed', problem: 'no answer' },
      { kind: 'incomplete', problem: 'lacks sales.total' },
    ] as AskJudgement[])
      for (const [reason, post] of [
        ['refused', post400],
        ['ambiguous', timeout],
        ['unproven', noContent],
        ['before_resend', null],
      ] as const) {
        const settled = settle(reason, post, judgement, facts());
        expect(settled, `${judgement.kind} after ${reason}`).toMatchObject({
          kind: 'judged',
          result: {
            outcome: 'technical_error',
            errorClass: judgement.kind === 'incomplete' ? 'lookup_incomplete' : 'lookup_failed',
          },
        });
      }
  });
});

describe('what earlier attempts mean for the next one', () => {
  const attempt = (errorClass: string | null, extra: Partial<EarlierAttempt> = {}): EarlierAttempt => ({
    outcome: errorClass === null ? 'validation_error' : 'technical_error',
    errorClass,
    responseStatus: null,
    body: null,
    ...extra,
  });

  it('asks first after a lost worker, a timeout, a reset, a 502/504, an unproven 2xx or a failed question', () => {
    for (const cls of [
      'worker_lost',
      'interrupted',
      'timeout',
      'connection_reset',
      'other',
      'unproven',
      'garbage',
      'lookup_failed',
      'lookup_incomplete',
    ])
      expect(mayHaveReachedIom(attempt(cls)), cls).toBe(true);
    expect(mayHaveReachedIom(attempt('http_5xx', { responseStatus: 502 }))).toBe(true);
    expect(mayHaveReachedIom(attempt('http_5xx', { responseStatus: 500 }))).toBe(false);
    for (const cls of ['connection_refused', 'dns', 'tls', 'http_status'])
      expect(mayHaveReachedIom(attempt(cls)), cls).toBe(false);
    expect(mayHaveReachedIom(attempt(null))).toBe(false);
    expect(
      historyOf([attempt('http_5xx', { responseStatus: 500 }), attempt('worker_lost')], ours).askFirst,
    ).toBe(true);
    expect(historyOf([attempt('http_5xx', { responseStatus: 500 })], ours).askFirst).toBe(false);
  });

  it('keeps the versions sent before an edit that may be in IOM, once each, not the order as it is now', () => {
    const before = { ...ours, customerData: { customerDataType: 'PERSON', shopCustomerNumber: 'C-BEFORE' } };
    const sent = (order: Json, errorClass = 'timeout') =>
      attempt(errorClass, { body: JSON.stringify(order) });
    const history = historyOf(
      [
        sent(before),
        sent(before),
        sent(ours),
        sent({ ...ours, payment: { paymentMethod: 'PAYPAL' } }, 'connection_refused'),
        { ...sent({ ...ours, project: 'refused by IOM' }), outcome: 'validation_error' },
      ],
      // The same order, its keys in another order.
      Object.fromEntries(Object.entries(ours).reverse()),
    );
    expect(history.earlier).toEqual([fp(before)]);
  });
});
