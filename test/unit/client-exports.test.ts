import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_STATES, EXPORT_STATES, OUTCOME_CLASSES } from '../../shared/exports.ts';
import { exportFilterSchema } from '../../shared/schemas/exports.ts';
import { whyNot, type ExportAction } from '../../client/src/exports/actionRules.ts';
import { formatTotal, jsonProblem, outcomeInWords, relative, span } from '../../client/src/exports/format.ts';
import { orderSummary } from '../../client/src/exports/orderSummary.ts';
import { sampleOrder } from '../../server/iom-simulator/sampleOrder.ts';
import { toExportFilter } from '../../client/src/providers/resources/exports.ts';
import { niceMax } from '../../client/src/dashboard/HourlyChart.tsx';

describe('the exports page’s pure helpers', () => {
  it('offers exactly the actions the server accepts, with a reason for the others', () => {
    const actions: Exclude<ExportAction, 'note'>[] = ['retry', 'edit', 'resolve', 'escalate', 'acknowledge'];
    for (const action of actions)
      for (const state of EXPORT_STATES) {
        const allowed = ACTION_STATES[action === 'edit' ? 'editPayload' : action].includes(state);
        const reason = whyNot(action, state);
        expect(reason === null, `${action} in ${state}`).toBe(allowed);
        if (!allowed) expect(reason).toMatch(/\w+.*\./);
      }
    for (const state of EXPORT_STATES) expect(whyNot('note', state)).toBeNull();
  });

  it('shows exact totals as they are and estimates rounded with ≈', () => {
    expect(formatTotal({ count: 1234, exact: true })).toBe('1,234');
    expect(formatTotal({ count: 1_234_567, exact: false })).toBe('≈ 1.2 M');
    expect(formatTotal({ count: 35_120, exact: false })).toBe('≈ 35 k');
    expect(formatTotal({ count: 12_345_678, exact: false })).toBe('≈ 12 M');
    expect(formatTotal({ count: 800, exact: false })).toBe('≈ 800');
  });

  it('says spans and relative times as a person would', () => {
    expect(span(45_000)).toBe('45 s');
    expect(span(12 * 60_000)).toBe('12 min');
    expect(span(3 * 3_600_000 + 5)).toBe('3 h');
    expect(span(2 * 86_400_000)).toBe('2 d');
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(relative('2026-11-22T12:04:00Z', now)).toBe('in 4 min');
    expect(relative('2026-11-22T07:00:00Z', now)).toBe('5 h ago');
    expect(relative('2026-11-22T12:00:02Z', now)).toBe('now');
  });

  it('puts the outcome in words support acts on', () => {
    const base = { nextAttemptAt: null };
    expect(outcomeInWords({ ...base, state: 'failed', outcomeClass: 'needs_fix' }).text).toBe(
      'IOM rejected the content: fix and retry.',
    );
    // A collision or an earlier version in IOM is not the content's fault: a retry cannot mend it.
    expect(
      outcomeInWords({
        ...base,
        state: 'failed',
        outcomeClass: 'needs_fix',
        lastError: { class: 'collision' },
      }).text,
    ).toMatch(/^IOM holds a different order under this number \(a collision\): retrying cannot help\./);
    expect(
      outcomeInWords({
        ...base,
        state: 'failed',
        outcomeClass: 'needs_fix',
        lastError: { class: 'earlier_version' },
      }).text,
    ).toBe('IOM holds the version before the edit: check the order in IOM, then mark this export resolved.');
    expect(
      outcomeInWords({ state: 'pending', outcomeClass: 'technical', nextAttemptAt: '2026-11-22T14:05:00' })
        .text,
    ).toMatch(/^IOM was unreachable: retrying at \d\d:\d\d\.$/);
    expect(outcomeInWords({ ...base, state: 'exported', outcomeClass: 'duplicate' }).text).toMatch(
      /duplicate/,
    );
    expect(
      outcomeInWords({ ...base, state: 'resolved', outcomeClass: null, resolution: 'entered by hand' }).text,
    ).toMatch(/entered by hand/);
    fc.assert(
      fc.property(
        fc.constantFrom(...EXPORT_STATES),
        fc.option(fc.constantFrom(...OUTCOME_CLASSES)),
        fc.option(fc.date({ noInvalidDate: true })),
        (state, outcomeClass, nextAttemptAt) => {
          const words = outcomeInWords({ state, outcomeClass, nextAttemptAt });
          expect(words.text.length).toBeGreaterThan(5);
        },
      ),
    );
  });

  it('names line and column of a JSON mistake', () => {
    expect(jsonProblem('{"a": 1}')).toBeNull();
    const problem = jsonProblem('{\n  "a": 1,\n  "b": }');
    expect(problem).toMatchObject({ line: 3 });
    expect(problem?.column).toBeGreaterThan(1);
    fc.assert(
      fc.property(fc.string(), (text) => {
        const p = jsonProblem(text);
        if (p) expect(p.line).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('reads the order summary of a sample order and survives any JSON', () => {
    const summary = orderSummary(sampleOrder('B2C-1'));
    expect(summary.lines).toBeGreaterThan(0);
    expect(summary.total).toBeTruthy();
    fc.assert(fc.property(fc.jsonValue(), (value) => void orderSummary(value)));
  });

  it('turns the filter form into a filter the server accepts', () => {
    const filter = toExportFilter({
      channelId: ' inspired-b2c ',
      state: 'failed',
      orderNumber: 'B2C-',
      orderNumberPrefix: true,
      from: '2026-11-01T00:00',
      iomErrorCode: '',
    });
    expect(filter).toMatchObject({ channelId: 'inspired-b2c', state: 'failed', orderNumberMatch: 'prefix' });
    expect(filter).not.toHaveProperty('iomErrorCode');
    expect(exportFilterSchema.safeParse(filter).success).toBe(true);
    expect(toExportFilter(undefined)).toEqual({ orderNumberMatch: 'exact' });
  });

  it('gives the chart a round top at or above the largest bar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (max) => {
        const top = niceMax(max);
        expect(top).toBeGreaterThanOrEqual(max);
        expect(top % 2).toBe(0);
        expect(top).toBeLessThanOrEqual(Math.max(4, max * 10));
      }),
    );
  });
});
