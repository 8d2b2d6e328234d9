import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  icmNameOfIomState,
  INTERSHOP_ORDER_HISTORY_MAPPING,
  IOM_ORDER_STATES,
  NOT_IN_INTERSHOP_MAPPING,
  normaliseIomState,
} from '../../shared/iomOrderStates.ts';

/** IOM's order states with their ids, as in the IOM database reference §2.12.1 (oms."OrderStatesDefDO"). */
const IOM_STATE_IDS: [number, string][] = [
  [0, 'INITIAL'],
  [500, 'DO_CHECK'],
  [998, 'NOT_CHECKED'],
  [999, 'NOT_CHECKED_DO_CANCEL'],
  [1000, 'CHECKED'],
  [1501, 'ORDER_APPROVAL_REQUIRED'],
  [1540, 'DO_CREATE_APPROVALTRANSMISSION'],
  [1550, 'CREATED_APPROVALTRANSMISSION'],
  [1580, 'DO_APPROVE'],
  [1599, 'NOT_APPROVED'],
  [1600, 'APPROVED'],
  [2001, 'DO_ANNOUNCE'],
  [2095, 'CHECK_ANNOUNCED'],
  [2098, 'NOT_ANNOUNCED'],
  [2099, 'NOT_ANNOUNCED_DO_CANCEL'],
  [2100, 'ANNOUNCED'],
  [2101, 'DO_OPTIMIZE'],
  [2200, 'OPTIMIZED'],
  [2401, 'DO_PREPARE_RESPONSE'],
  [2501, 'DO_PREPARE_DOCUMENT'],
  [2600, 'PREPARED_DOCUMENT'],
  [4001, 'DO_CREATE_TRANSMISSION'],
  [4099, 'WAIT_FOR_TRANSMIT'],
  [4100, 'CREATED_TRANSMISSION'],
  [4200, 'RESERVATED'],
  [4210, 'RESERVATION_PARTLY_RETURNED'],
  [4400, 'PARTLY_COMMISSIONED'],
  [4420, 'PARTLY_COMMISSIONED_PARTLY_DISPATCHED'],
  [4440, 'PARTLY_COMMISSIONED_PARTLY_RETURNED'],
  [4460, 'PARTLY_COMMISSIONED_PARTLY_DISPATCHED_PARTLY_RETURNED'],
  [4500, 'COMMISSIONED'],
  [4520, 'COMMISSIONED_PARTLY_DISPATCHED'],
  [4540, 'COMMISSIONED_PARTLY_RETURNED'],
  [4560, 'COMMISSIONED_PARTLY_DISPATCHED_PARTLY_RETURNED'],
  [4600, 'PICKING'],
  [5000, 'DISPATCHED'],
  [5100, 'DISPATCHED_PARTLY_RETURNED'],
  [5200, 'READY_FOR_PICK_UP'],
  [5300, 'PICKED_UP'],
  [6000, 'RETURNED'],
  [6200, 'CANCELED'],
  [10000, 'WAIT_MERGE'],
  [20000, 'DO_CUSTOM_PROCESS'],
];

/** Intershop's published table (IOM Connector release notes, KB B29919), rows of `| ICM | IOM, IOM |`. */
const PUBLISHED: { icm: string; iom: string[] }[] = readFileSync(
  new URL('../fixtures/intershop-order-history-mapping.md', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.startsWith('|') && !/^\|\s*(ICM|-+)\s*\|/.test(line))
  .map((line) => {
    const [icm = '', iom = ''] = line.split('|').slice(1, 3);
    return { icm: icm.trim(), iom: iom.split(',').map((s) => s.trim()) };
  });

/** Every ICM name the published table gives a state, in the table's order. */
function publishedNamesOf(iomState: string): string[] {
  return PUBLISHED.filter((row) => row.iom.includes(iomState)).map((row) => row.icm);
}

const NOT_LISTED = [
  'DO_CHECK',
  'PICKING',
  'READY_FOR_PICK_UP',
  'PICKED_UP',
  'WAIT_MERGE',
  'DO_CUSTOM_PROCESS',
];

describe("Intershop's Order History mapping", () => {
  it('is the published table, row by row', () => {
    expect(PUBLISHED).toHaveLength(30);
    expect(INTERSHOP_ORDER_HISTORY_MAPPING.map((r) => ({ icm: r.icm, iom: [...r.iom] }))).toEqual(PUBLISHED);
  });

  it("names every state of the published table with the table's names, in STATE_ and bare form", () => {
    for (const row of PUBLISHED)
      for (const iom of row.iom) {
        const names = publishedNamesOf(iom);
        for (const raw of [iom, `STATE_${iom}`]) {
          expect(icmNameOfIomState(raw), raw).toMatchObject({
            iomState: iom,
            known: true,
            inMapping: true,
            icmNames: names,
            icmName: names.join(' / '),
            label: names.join(' / '),
          });
        }
      }
  });

  it.each([
    ['NOT_CHECKED_DO_CANCEL', 'canceled'],
    ['CHECK_ANNOUNCED', 'in approval'],
    ['OPTIMIZED', 'optimised'],
    ['DO_CREATE_TRANSMISSION', 'ready to transmit'],
    ['RESERVATION_PARTLY_RETURNED', 'partly canceled'],
    ['COMMISSIONED', 'transmitted'],
  ])('corrects %s to "%s"', (iom, icm) => {
    expect(icmNameOfIomState(`STATE_${iom}`).icmName).toBe(icm);
    expect(icmNameOfIomState(iom).icmName).toBe(icm);
  });

  it('shows both names of CHECKED, which the table lists in two rows', () => {
    expect(icmNameOfIomState('STATE_CHECKED')).toMatchObject({
      icmNames: ['in validation', 'checked'],
      icmName: 'in validation / checked',
    });
  });

  it.each(NOT_LISTED)('shows %s by IOM’s name, marked as not in the mapping', (iom) => {
    for (const raw of [iom, `STATE_${iom}`]) {
      expect(icmNameOfIomState(raw)).toEqual({
        iomState: iom,
        known: true,
        inMapping: false,
        icmNames: [],
        icmName: null,
        label: `${iom} (not in Intershop's mapping)`,
        definition: expect.objectContaining({ name: iom }) as unknown,
      });
    }
    expect(NOT_IN_INTERSHOP_MAPPING).toBe("not in Intershop's mapping");
  });

  it('lists exactly the six states of IOM’s model that the table leaves out', () => {
    const unlisted = IOM_ORDER_STATES.filter((s) => !icmNameOfIomState(s.name).inMapping).map((s) => s.name);
    expect(unlisted).toEqual(NOT_LISTED);
  });

  it('names only states of IOM’s model, each with a name from the table', () => {
    const published = new Set(PUBLISHED.map((r) => r.icm));
    for (const s of IOM_ORDER_STATES) {
      const named = icmNameOfIomState(s.name);
      for (const name of named.icmNames) expect(published, `${s.name} → ${name}`).toContain(name);
    }
    for (const row of INTERSHOP_ORDER_HISTORY_MAPPING)
      for (const iom of row.iom) expect(icmNameOfIomState(iom).known, iom).toBe(true);
  });

  it('never makes up an ICM name, whatever IOM sends', () => {
    const published = new Set(PUBLISHED.map((r) => r.icm));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constantFrom(...IOM_STATE_IDS.map(([, n]) => n)).map((n) => `STATE_${n}`),
        ),
        (raw) => {
          const named = icmNameOfIomState(raw);
          for (const name of named.icmNames) expect(published.has(name)).toBe(true);
          if (!named.inMapping) {
            expect(named.icmName).toBeNull();
            expect(named.label).toBe(`${named.iomState} (not in Intershop's mapping)`);
          }
          expect(named.inMapping).toBe(publishedNamesOf(normaliseIomState(raw)).length > 0);
        },
      ),
    );
  });
});

describe("IOM's order states", () => {
  it('lists every IOM state with its id, in IOM order, each once', () => {
    expect(IOM_ORDER_STATES.map((s) => [s.id, s.name])).toEqual(IOM_STATE_IDS);
  });

  it('accepts the STATE_ prefix of the REST API, any case and surrounding spaces', () => {
    for (const raw of [
      'DISPATCHED',
      'STATE_DISPATCHED',
      'state_dispatched',
      'Dispatched',
      ' STATE_DISPATCHED ',
    ]) {
      expect(icmNameOfIomState(raw), raw).toMatchObject({
        known: true,
        inMapping: true,
        iomState: 'DISPATCHED',
        icmName: 'shipped',
      });
    }
    expect(normaliseIomState('STATE_STATE_X')).toBe('STATE_X');
  });

  it('shows a state IOM’s model does not have by its own name, flagged', () => {
    expect(icmNameOfIomState('STATE_TELEPORTED')).toEqual({
      iomState: 'TELEPORTED',
      known: false,
      inMapping: false,
      icmNames: [],
      icmName: null,
      label: "TELEPORTED (not in Intershop's mapping)",
      definition: null,
    });
    // Names that are not IOM's, such as a British spelling or a stand-in's own life cycle, get no ICM name.
    for (const raw of ['CANCELLED', 'STATE_CREATED', 'CLOSED', '__proto__', ''])
      expect(icmNameOfIomState(raw), raw).toMatchObject({ inMapping: false, icmName: null });
  });
});
