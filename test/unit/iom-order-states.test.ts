import { describe, expect, it } from 'vitest';
import { ORDER_STATES } from '../../server/iom-simulator/store.ts';
import { icmNameOfIomState, IOM_ORDER_STATES, normaliseIomState } from '../../shared/iomOrderStates.ts';

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

describe('IOM order states and their ICM names', () => {
  it('lists every IOM state with its id, in IOM order, each once', () => {
    const iom = IOM_ORDER_STATES.filter((s) => s.id !== null).map((s) => [s.id, s.name]);
    expect(iom).toEqual(IOM_STATE_IDS);
    const names = IOM_ORDER_STATES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every state a non-empty ICM name', () => {
    for (const s of IOM_ORDER_STATES) {
      expect(s.icmName.trim(), s.name).not.toBe('');
      expect(icmNameOfIomState(s.name)).toMatchObject({ known: true, iomState: s.name, icmName: s.icmName });
    }
  });

  it('uses the names of the mapping table', () => {
    const table: Record<string, string> = {
      INITIAL: 'initial order',
      DO_APPROVE: 'waiting for approval',
      NOT_APPROVED: 'not approved',
      DO_ANNOUNCE: 'assigning supplier',
      NOT_ANNOUNCED: 'will be canceled',
      NOT_ANNOUNCED_DO_CANCEL: 'assignment failed',
      ANNOUNCED: 'suppliers assigned',
      DO_OPTIMIZE: 'optimising supplier',
      DO_PREPARE_RESPONSE: 'prepare response',
      DO_PREPARE_DOCUMENT: 'prepare documents',
      PREPARED_DOCUMENT: 'documents prepared',
      WAIT_FOR_TRANSMIT: 'waiting for transmission',
      CREATED_TRANSMISSION: 'order transmission',
      RESERVATED: 'reservation commissioned',
      PARTLY_COMMISSIONED: 'partly commissioned',
      COMMISSIONED_PARTLY_RETURNED: 'partly canceled/returned',
    };
    for (const [iom, icm] of Object.entries(table)) {
      expect(icmNameOfIomState(iom)).toMatchObject({ icmName: icm, definition: { source: 'table' } });
    }
  });

  it('fills the rows the extraction lost the way the table runs', () => {
    const filled: Record<string, string> = {
      DO_CHECK: 'in validation',
      NOT_CHECKED: 'in validation',
      CHECKED: 'in validation',
      ORDER_APPROVAL_REQUIRED: 'approval required',
      DO_CREATE_APPROVALTRANSMISSION: 'in approval',
      CREATED_APPROVALTRANSMISSION: 'in approval',
      PARTLY_COMMISSIONED_PARTLY_DISPATCHED: 'partly shipped',
      COMMISSIONED_PARTLY_DISPATCHED: 'partly shipped',
      PARTLY_COMMISSIONED_PARTLY_RETURNED: 'partly returned',
      DISPATCHED_PARTLY_RETURNED: 'partly returned',
      DISPATCHED: 'shipped',
      RETURNED: 'returned',
      CANCELED: 'canceled',
    };
    for (const [iom, icm] of Object.entries(filled)) expect(icmNameOfIomState(iom).icmName, iom).toBe(icm);
  });

  it('maps every state of the IOM simulator', () => {
    for (const s of ORDER_STATES) {
      const named = icmNameOfIomState(`STATE_${s}`);
      expect(named.known, s).toBe(true);
    }
    expect(icmNameOfIomState('CANCELLED')).toMatchObject({ iomState: 'CANCELLED', icmName: 'canceled' });
    expect(icmNameOfIomState('CREATED').icmName).toBe('initial order');
    expect(icmNameOfIomState('PARTLY_DISPATCHED').icmName).toBe('partly shipped');
    expect(icmNameOfIomState('PARTLY_RETURNED').icmName).toBe('partly returned');
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
        iomState: 'DISPATCHED',
        icmName: 'shipped',
      });
    }
    expect(normaliseIomState('STATE_STATE_X')).toBe('STATE_X');
  });

  it('shows an unknown state as itself, flagged', () => {
    expect(icmNameOfIomState('STATE_TELEPORTED')).toEqual({
      known: false,
      iomState: 'STATE_TELEPORTED',
      icmName: 'STATE_TELEPORTED',
      definition: null,
    });
    expect(icmNameOfIomState('__proto__')).toMatchObject({ known: false, icmName: '__proto__' });
    expect(icmNameOfIomState('').known).toBe(false);
  });
});
