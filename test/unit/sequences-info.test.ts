import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeSequence, parseSequencesInfo, type SequencesInfo } from '../../shared/sequence/index.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/sequences/${name}`, import.meta.url), 'utf8');

function parsed(content: string): SequencesInfo {
  const result = parseSequencesInfo(content);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('sequences-info.properties in the layout Intershop documents (KB B29919)', () => {
  it('reads the commented table, the largest-number line and the commented properties', () => {
    const info = parsed(fixture('documented.properties'));
    expect(info).toEqual({
      dialect: 'oracle',
      startsWith: { value: '51', source: 'line', line: 5 },
      blockSize: { value: '10', source: 'line', line: 4 },
      sequence: {
        name: 'SellerOrder.DocumentNo.NfsKAB1PpEUAAAFTFT89kGWR',
        databaseName: 'SQHHBAQDGBYQAAAAFUCBLM4M0_',
        domain: 'inSPIRED-inTRONICS',
        lastNumber: '51',
        incrementBy: '10',
        line: 2,
      },
      rowCount: 1,
      notes: [],
      warnings: [],
    });
  });

  it('gives the worked example from the documented file and IOM’s largest number', () => {
    const info = parsed(fixture('documented.properties'));
    const result = computeSequence({
      icmStartsWith: info.startsWith.value,
      icmBlockSize: info.blockSize.value,
      parties: [{ name: 'IOM', kind: 'iom', largest: '20160128017063' }],
    });
    expect(result.ok && result.value.start).toBe('20160128017074');
  });

  const documented = (...rows: string[]) =>
    [
      '#,LAST_NUMBER,INCREMENT_BY,SEQUENCE_NAME,DOMAIN_SPECIFIC,DOMAINNAME,IDENTIFIER',
      ...rows,
      '# Largest last_number is: SellerOrder.DocumentNo.B - inSPIRED-inTRONICS_Business',
      '#intershop.sequence.blockSize  = 10',
      '#intershop.sequence.startsWith = 51',
    ].join('\n');

  it('picks the order sequence by its ICM identifier, not by the database’s name', () => {
    const info = parsed(
      documented(
        '#,91,10,SQAAAAAAAAAAAAAAAAAAAAAA0_,TRUE,inSPIRED-inTRONICS,Invoice.DocumentNo.A',
        '#,41,10,SQBBBBBBBBBBBBBBBBBBBBBB0_,TRUE,inSPIRED-inTRONICS,SellerOrder.DocumentNo.A',
        '#,51,10,SQCCCCCCCCCCCCCCCCCCCCCC0_,TRUE,inSPIRED-inTRONICS_Business,SellerOrder.DocumentNo.B',
      ),
    );
    expect(info.sequence).toEqual({
      name: 'SellerOrder.DocumentNo.B',
      databaseName: 'SQCCCCCCCCCCCCCCCCCCCCCC0_',
      domain: 'inSPIRED-inTRONICS_Business',
      lastNumber: '51',
      incrementBy: '10',
      line: 4,
    });
    expect(info).toMatchObject({ startsWith: { value: '51', source: 'line' }, rowCount: 3, warnings: [] });
  });

  it('uses the commented table’s larger last number over the startsWith line, and warns', () => {
    const info = parsed(
      documented(
        '#,71,10,SQCCCCCCCCCCCCCCCCCCCCCC0_,TRUE,inSPIRED-inTRONICS_Business,SellerOrder.DocumentNo.B',
      ),
    );
    expect(info.startsWith).toEqual({ value: '71', source: 'table', line: 2 });
    expect(info.warnings.join(' ')).toContain('the larger one is used');
  });

  it('refuses a commented row that cannot be read, or that comes before its header, naming the line', () => {
    expect(
      parseSequencesInfo(documented('#,5l,10,SQCCCCCCCCCCCCCCCCCCCCCC0_,TRUE,x,SellerOrder.DocumentNo.B')),
    ).toMatchObject({
      ok: false,
      error: { line: 2, message: expect.stringContaining('"l" at position 2 of "5l"') as string },
    });
    expect(
      parseSequencesInfo(
        ['#intershop.sequence.startsWith = 51', '#,51,10,SQ_,TRUE,x,SellerOrder.DocumentNo.B'].join('\n'),
      ),
    ).toMatchObject({
      ok: false,
      error: { line: 2, message: expect.stringContaining('no header "#,LAST_NUMBER') as string },
    });
  });
});

describe('sequences-info.properties in the layouts read besides', () => {
  it('reads a plain table as a database console prints it: the comment lines win, the table names the sequence', () => {
    const info = parsed(fixture('oracle.properties'));
    expect(info).toMatchObject({
      dialect: 'oracle',
      startsWith: { value: '51', source: 'line', line: 14 },
      blockSize: { value: '10', source: 'line', line: 13 },
      sequence: {
        name: 'SellerOrder.DocumentNo.NfsKAB1PpEUAAAFTFT89kGWR',
        domain: 'inSPIRED-inTRONICS',
        lastNumber: '41',
        incrementBy: '10',
        line: 7,
      },
      rowCount: 5,
      warnings: [],
    });
  });

  it('gives the worked example from the file and IOM’s largest number', () => {
    const info = parsed(fixture('seed-example.properties'));
    const result = computeSequence({
      icmStartsWith: info.startsWith.value,
      icmBlockSize: info.blockSize.value,
      parties: [{ name: 'IOM', kind: 'iom', largest: '20160128017063' }],
    });
    expect(result.ok && result.value.start).toBe('20160128017074');
    expect(info.sequence).toMatchObject({ name: 'SellerOrder.DocumentNo.NfsKAB1PpEUAAAFTFT89kGWR', line: 1 });
  });

  it('reads a SQL Server table (CRLF, aligned columns, trailer) and assumes block size 50', () => {
    const info = parsed(fixture('sqlserver.properties'));
    expect(info).toMatchObject({
      dialect: 'sqlserver',
      startsWith: { value: '1000351', source: 'line', line: 11 },
      blockSize: { value: '50', source: 'default', line: null },
      sequence: { name: 'SellerOrder_DocumentNo_NfsKAB1PpEUAAAFTFT89kGWR', lastNumber: '1000350', line: 5 },
      rowCount: 3,
    });
    expect(info.notes.join(' ')).toContain('default 50');
  });

  it('falls back to ICM’s default block size 50 when the line is missing', () => {
    const info = parsed(fixture('no-block-size.properties'));
    expect(info.blockSize).toEqual({ value: '50', source: 'default', line: null });
    expect(info.startsWith).toEqual({ value: '20160128017000', source: 'line', line: 3 });
  });

  it('refuses a file from another tool, naming the line', () => {
    const result = parseSequencesInfo(fixture('other-tool.properties'));
    expect(result).toEqual({
      ok: false,
      error: { line: 2, message: expect.stringMatching(/^Line 2: "flyway\.url=jdbc:oracle/) as string },
    });
  });

  it('refuses a table row it cannot read, naming the line and the value', () => {
    const result = parseSequencesInfo(fixture('broken-row.properties'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(4);
    expect(result.error.message).toContain('"I" at position 2 of "4I"');
  });

  it('refuses a file without any number', () => {
    for (const content of ['', '# only a comment\n', '#intershop.sequence.blockSize = 10\n']) {
      const result = parseSequencesInfo(content);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toContain('neither');
    }
  });

  it('refuses an unreadable startsWith or a zero block size, naming the line', () => {
    expect(parseSequencesInfo('#intershop.sequence.startsWith = 5l\n')).toMatchObject({
      ok: false,
      error: { line: 1, message: expect.stringContaining('"l" at position 2') as string },
    });
    expect(parseSequencesInfo('\n#intershop.sequence.blockSize = 0\n')).toMatchObject({
      ok: false,
      error: { line: 2, message: 'Line 2: intershop.sequence.blockSize must be at least 1.' },
    });
  });

  it('uses the table’s largest last number when it is above the startsWith line, and warns', () => {
    const info = parsed(
      [
        'LAST_NUMBER;INCREMENT_BY;SEQUENCE_NAME',
        '71;10;SellerOrder.DocumentNo.A',
        '#intershop.sequence.blockSize = 10',
        '#intershop.sequence.startsWith = 51',
      ].join('\n'),
    );
    expect(info.startsWith).toEqual({ value: '71', source: 'table', line: 2 });
    expect(info.warnings.join(' ')).toContain('the larger one is used');
  });

  it('takes startsWith from the table and the increment as block size when the lines are missing', () => {
    const info = parsed(
      [
        '| LAST_NUMBER | INCREMENT_BY | SEQUENCE_NAME |',
        '|-------------|--------------|---------------|',
        '| 900 | 100 | SellerOrder.DocumentNo.A |',
        '| 950 | 100 | Invoice.DocumentNo.A |',
        '2 rows selected.',
      ].join('\n'),
    );
    expect(info).toMatchObject({
      startsWith: { value: '900', source: 'table', line: 3 },
      blockSize: { value: '100', source: 'table', line: 3 },
      sequence: { name: 'SellerOrder.DocumentNo.A' },
    });
  });

  it('refuses a row with fewer cells than the header needs', () => {
    expect(parseSequencesInfo('LAST_NUMBER,INCREMENT_BY,SEQUENCE_NAME\n41,10\n')).toMatchObject({
      ok: false,
      error: { line: 2, message: expect.stringContaining('2 cells where the header names 3') as string },
    });
  });
});
