import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPORT_STATES, type ExportState } from '../../shared/exports.ts';
import { problemsOfEditedPayload, asPlainJson } from '../../server/exports/actions/payload.ts';
import { MAX_PAYLOAD_CHANGES, payloadChanges } from '../../server/exports/actions/payloadDiff.ts';
import { redactAttemptLog, redactHeaders, redactUrl } from '../../server/exports/actions/redact.ts';
import {
  ACTION_STATES,
  describeLastChange,
  outcomeClassOf,
  refusalOf,
  type ExportAction,
} from '../../server/exports/actions/rules.ts';
import { mergeTimeline, type TimelineEntry } from '../../server/exports/actions/timeline.ts';
import { VERSION_PATTERN } from '../../server/exports/actions/version.ts';
import { canonicalJson } from '../../server/exports/validate.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';

const facts = (state: ExportState) => ({
  state,
  exportedAt: new Date('2026-03-02T10:00:00Z'),
  resolvedAt: new Date('2026-03-02T11:00:00Z'),
  resolvedBy: 'sue@example.com',
  escalatedAt: new Date('2026-03-02T09:00:00Z'),
});

describe('which states an action starts from', () => {
  it('answers null exactly for the allowed states, and a sentence for every other', () => {
    for (const action of Object.keys(ACTION_STATES) as ExportAction[])
      for (const state of EXPORT_STATES) {
        const why = refusalOf(action, facts(state));
        if (ACTION_STATES[action].includes(state)) expect(why).toBeNull();
        else expect(why).toMatch(/^[A-Z].*\.$/);
      }
  });

  it('never lets support retry what IOM has or what is running or unconfigured', () => {
    for (const state of ['exported', 'in_progress', 'waiting_for_configuration'] as const)
      expect(ACTION_STATES.retry).not.toContain(state);
    expect(refusalOf('retry', facts('exported'))).toBe(
      'IOM has this order already (exported at 2026-03-02T10:00:00.000Z): nothing to retry.',
    );
    expect(refusalOf('resolve', facts('resolved'))).toMatch(
      /resolved by sue@example.com at 2026-03-02T11:00/,
    );
  });

  it('only an escalated export can be acknowledged; escalate is for failed and pending ones', () => {
    expect(ACTION_STATES.acknowledge).toEqual(['escalated']);
    expect(ACTION_STATES.escalate).toEqual(['failed', 'pending']);
    expect(refusalOf('acknowledge', facts('failed'))).toMatch(/Escalate it first/);
  });
});

describe('who changed the export', () => {
  const at = (s: string) => new Date(`2026-03-02T${s}Z`);
  it('names the newer of the last event and the last attempt', () => {
    const event = { at: at('10:00:05'), kind: 'retried', actorEmail: 'sue@example.com' };
    const attempt = {
      startedAt: at('10:00:01'),
      durationMs: 300,
      number: 2,
      outcome: 'validation_error' as const,
    };
    expect(describeLastChange({ event, attempt, updatedAt: at('10:00:05'), state: 'pending' })).toBe(
      'Someone changed this export since you opened it: sue@example.com retried it at 2026-03-02T10:00:05.000Z; it is pending now — reload and try again.',
    );
    expect(
      describeLastChange({
        event,
        attempt: { ...attempt, startedAt: at('10:00:06') },
        updatedAt: at('10:00:06'),
        state: 'failed',
      }),
    ).toMatch(
      /: the exporter made attempt 2 \(validation error\) at 2026-03-02T10:00:06.000Z; it is failed now/,
    );
    expect(
      describeLastChange({ event: null, attempt: null, updatedAt: at('10:00:07'), state: 'in_progress' }),
    ).toMatch(/the exporter changed it at 2026-03-02T10:00:07.000Z; it is in progress now/);
  });
});

describe('outcome classes', () => {
  it('maps outcomes to the classes support filters by', () => {
    expect(outcomeClassOf('technical_error')).toBe('technical');
    expect(outcomeClassOf('validation_error')).toBe('needs_fix');
    expect(outcomeClassOf('duplicate')).toBe('duplicate');
    expect(outcomeClassOf('created')).toBeNull();
    expect(outcomeClassOf(null)).toBeNull();
  });
});

describe('the version token', () => {
  it('has six fractional digits', () => {
    expect(VERSION_PATTERN.test('2026-03-02T10:00:30.123456Z')).toBe(true);
    expect(VERSION_PATTERN.test('2026-03-02T10:00:30.123Z')).toBe(false);
  });
});

describe('an edited payload', () => {
  it('must be a valid order, name each problem under payload., and keep the order number', () => {
    const order = sampleOrder('N-1');
    expect(problemsOfEditedPayload(order, 'N-1', 1_000_000)).toEqual([]);
    const { customerData: _gone, ...noCustomer } = order;
    expect(problemsOfEditedPayload(noCustomer, 'N-1', 1_000_000)).toEqual([
      { field: 'payload.customerData', message: 'payload.customerData: is mandatory' },
    ]);
    expect(problemsOfEditedPayload({ ...order, shopOrderNumber: 'N-2' }, 'N-1', 1_000_000)).toEqual([
      expect.objectContaining({
        field: 'payload.shopOrderNumber',
        message: expect.stringMatching(/must stay N-1/) as unknown,
      }),
    ]);
    expect(problemsOfEditedPayload(order, 'N-1', 100)[0]).toMatchObject({ field: 'payload' });
  });

  it('is plain JSON or refused', () => {
    expect(asPlainJson({ a: 1, b: new Date('2026-01-01T00:00:00Z') })).toEqual({
      a: 1,
      b: '2026-01-01T00:00:00.000Z',
    });
    expect(asPlainJson({ a: 1n })).toBeNull();
  });
});

describe('payload changes for the audit log', () => {
  it('lists each changed path with the old and new value', () => {
    expect(
      payloadChanges(
        { a: { b: 1, c: 'x' }, list: [{ q: 1 }], gone: true },
        { a: { b: 2, c: 'x' }, list: [{ q: 2 }], added: 'y' },
      ),
    ).toEqual([
      { field: 'payload.a.b', from: 1, to: 2 },
      { field: 'payload.added', from: null, to: 'y' },
      { field: 'payload.gone', from: true, to: null },
      { field: 'payload.list.0.q', from: 1, to: 2 },
    ]);
  });

  it('keeps whole payloads when nearly everything changed', () => {
    const before = Object.fromEntries(
      Array.from({ length: MAX_PAYLOAD_CHANGES + 1 }, (_, i) => [`k${i}`, i]),
    );
    const after = Object.fromEntries(Object.keys(before).map((k) => [k, 'x']));
    expect(payloadChanges(before, after)).toEqual([{ field: 'payload', from: before, to: after }]);
  });

  it('is empty exactly when the payloads mean the same (any key order)', () => {
    const json = fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 });
    fc.assert(
      fc.property(json, json, (a, b) => {
        const changes = payloadChanges(a, b);
        expect(changes.length === 0).toBe(canonicalJson(a) === canonicalJson(b));
      }),
    );
    fc.assert(
      fc.property(json, (a) => {
        const shuffled = Object.fromEntries(Object.entries(a).reverse());
        expect(payloadChanges(a, shuffled)).toEqual([]);
      }),
    );
  });
});

describe('redaction of attempt logs', () => {
  it('never shows a credential or session, whatever the header case', () => {
    expect(
      redactHeaders({
        Authorization: 'Basic Y29uc3VtZXI6c2VjcmV0',
        'proxy-authorization': 'Bearer abc',
        Cookie: 'JSESSIONID=1',
        'Content-Type': 'application/json',
      }),
    ).toEqual({
      Authorization: 'Basic (redacted)',
      'proxy-authorization': 'Bearer (redacted)',
      Cookie: '(redacted)',
      'Content-Type': 'application/json',
    });
    expect(redactHeaders({ Authorization: 'Basic (redacted)' })).toEqual({
      Authorization: 'Basic (redacted)',
    });
    expect(redactUrl('https://u:p@iom.example.com/x')).toBe('https://redacted@iom.example.com/x');
    expect(redactUrl('https://iom.example.com/x')).toBe('https://iom.example.com/x');
  });

  it('holds for any secret value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('authorization', 'AUTHORIZATION', 'Set-Cookie'),
        fc.string({ minLength: 4 }),
        (name, secret) => {
          const log = redactAttemptLog({
            request: {
              url: 'https://iom.example.com/',
              method: 'POST',
              headers: { [name]: `Basic ${secret}` },
              body: '',
            },
            response: { status: 200, headers: { [name]: secret }, body: '', truncated: false },
            lookup: null,
          });
          expect(log.request?.headers[name]).toMatch(/\(redacted\)$/);
          expect(log.response?.headers[name]).toMatch(/\(redacted\)$/);
        },
      ),
    );
  });
});

describe('the timeline order', () => {
  const event = (t: number, id: string): TimelineEntry => ({
    kind: 'event',
    at: new Date(t),
    event: {
      id,
      kind: 'note',
      actorEmail: null,
      fromState: null,
      toState: null,
      message: null,
      details: null,
    },
  });
  const attempt = (t: number, number: number) =>
    ({ kind: 'attempt', at: new Date(t), attempt: { number } }) as unknown as TimelineEntry;

  it('is oldest first, an event before an attempt of the same instant', () => {
    const merged = mergeTimeline(
      [event(1, 'a'), event(5, 'b')],
      [attempt(0, 1), attempt(5, 2), attempt(9, 3)],
    );
    expect(merged.map((e) => (e.kind === 'event' ? e.event.id : e.attempt.number))).toEqual([
      1,
      'a',
      'b',
      2,
      3,
    ]);
  });
});
