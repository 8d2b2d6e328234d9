import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type ExportCursor } from '../../server/exports/cursor.ts';
import { DomainError } from '../../server/errors.ts';
import { csvCell, csvHeader, csvRow } from '../../server/exports/listCsv.ts';
import { oneLine, outcomeClassOf, type ExportListRow } from '../../server/exports/listRow.ts';

const id = randomUUID();

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('export list cursors', () => {
  it('round-trip every sort, order and key', () => {
    const cursor = fc.oneof(
      fc.record({
        sort: fc.constant('createdAt' as const),
        order: fc.constantFrom('ASC' as const, 'DESC' as const),
        value: fc
          .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
          .chain((d) =>
            fc
              .integer({ min: 0, max: 999 })
              .map((us) => d.toISOString().replace('Z', `${String(us).padStart(3, '0')}Z`)),
          ),
        id: fc.uuid(),
      }),
      fc.record({
        sort: fc.constant('attempts' as const),
        order: fc.constantFrom('ASC' as const, 'DESC' as const),
        value: fc.integer({ min: 0, max: 2_147_483_647 }),
        id: fc.uuid(),
      }),
    );
    fc.assert(
      fc.property(cursor, (c: ExportCursor) => {
        const text = encodeCursor(c);
        expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCursor(text, c)).toEqual(c);
      }),
    );
  });

  it('refuses a tampered, foreign or malformed cursor as a bad `after`', () => {
    const good = encodeCursor({ sort: 'createdAt', order: 'DESC', value: '2026-03-02T10:00:30.123456Z', id });
    const expected = { sort: 'createdAt', order: 'DESC' } as const;
    const bad = [
      '',
      'not a cursor!',
      `${good}%`,
      good.slice(0, -3),
      Buffer.from('{"s":"createdAt"').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from(JSON.stringify({ s: 'createdAt', o: 'DESC', v: 'yesterday', i: id })).toString('base64url'),
      Buffer.from(JSON.stringify({ s: 'createdAt', o: 'DESC', v: '2026-03-02T10:00:30Z', i: 'x' })).toString(
        'base64url',
      ),
      Buffer.from(JSON.stringify({ s: 'attempts', o: 'DESC', v: -1, i: id })).toString('base64url'),
      Buffer.from(JSON.stringify({ s: 'attempts', o: 'DESC', v: 1.5, i: id })).toString('base64url'),
      Buffer.from(JSON.stringify({ s: 'createdAt', o: 'DESC', v: "1'; drop table x; --", i: id })).toString(
        'base64url',
      ),
    ];
    for (const text of bad) {
      const error = refusal(() => decodeCursor(text, expected));
      expect(error.code).toBe('BAD_REQUEST');
      expect(Object.keys(error.fieldErrors ?? {})).toEqual(['after']);
      expect(error.message).toMatch(/^after: /);
    }
    // A cursor of another sort or order would skip or repeat rows.
    expect(refusal(() => decodeCursor(good, { sort: 'attempts', order: 'DESC' })).code).toBe('BAD_REQUEST');
    expect(refusal(() => decodeCursor(good, { sort: 'createdAt', order: 'ASC' })).code).toBe('BAD_REQUEST');
  });
});

describe('export list rows', () => {
  it('shows the last error as one line of at most 200 characters', () => {
    expect(oneLine(null)).toBeNull();
    expect(oneLine('  \n\t ')).toBeNull();
    expect(oneLine('IOM said:\n  422\r\n{"errors": []}')).toBe('IOM said: 422 {"errors": []}');
    const long = oneLine('x'.repeat(500));
    expect(long).toHaveLength(200);
    expect(long?.endsWith('…')).toBe(true);
    expect(oneLine('y'.repeat(200))).toBe('y'.repeat(200));
    // Never half of a surrogate pair at the cut.
    const emoji = oneLine(`${'a'.repeat(198)}😀😀`);
    expect(emoji).toBe(`${'a'.repeat(198)}…`);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const line = oneLine(text);
        if (line !== null) {
          expect(line.length).toBeLessThanOrEqual(200);
          expect(line).not.toMatch(/[\r\n]/);
        }
      }),
    );
  });

  it('names the outcome class of each outcome', () => {
    expect(outcomeClassOf(null)).toBeNull();
    expect(outcomeClassOf('created')).toBeNull();
    expect(outcomeClassOf('duplicate')).toBe('duplicate');
    expect(outcomeClassOf('technical_error')).toBe('technical');
    expect(outcomeClassOf('validation_error')).toBe('needs_fix');
  });
});

describe('export CSV cells', () => {
  it('quotes per RFC 4180 and keeps formulas text', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(new Date('2026-03-02T10:00:00Z'))).toBe('2026-03-02T10:00:00.000Z');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });

  it('writes the header and a row with every column, no payload', () => {
    const row: ExportListRow = {
      id,
      channelId: 'b2c',
      channelName: 'Shop, "B2C"',
      shopOrderNumber: '=1+1',
      state: 'failed',
      outcome: 'validation_error',
      outcomeClass: 'needs_fix',
      attempts: 2,
      lastError: 'IOM refused it',
      lastIomErrorCode: 'INVALID_ADDRESS',
      nextAttemptAt: null,
      lastAttemptAt: new Date('2026-03-02T10:00:00Z'),
      createdAt: new Date('2026-03-01T10:00:00Z'),
      updatedAt: new Date('2026-03-02T10:00:01Z'),
      ownerEmail: null,
    };
    expect(csvHeader()).toBe(
      'id,channel,shop order number,state,outcome,outcome class,attempts,last IOM error code,last error,next attempt,last attempt,created,updated,owner\r\n',
    );
    expect(csvRow(row)).toBe(
      `${id},"Shop, ""B2C""",'=1+1,failed,validation_error,needs_fix,2,INVALID_ADDRESS,IOM refused it,,2026-03-02T10:00:00.000Z,2026-03-01T10:00:00.000Z,2026-03-02T10:00:01.000Z,\r\n`,
    );
  });
});
