/**
 * IOM's order states (oms."OrderStatesDefDO", IOM database reference §2.12.1) and the names ICM shows for them in
 * My Account | Order History: Intershop's Order History mapping, the full table of the IOM Connector release
 * notes (KB B29919), reproduced row by row.
 *
 * Only that table names a state in ICM's words. A state it does not list (DO_CHECK, PICKING, …) is shown by IOM's
 * own name and marked as not in the mapping: Switchboard never makes up an ICM name, because an operator compares
 * what Switchboard shows with what the shop shows.
 */

/** One row of Intershop's table: ICM's name and the IOM states it stands for, as published. */
export interface IntershopMappingRow {
  icm: string;
  iom: readonly string[];
}

/**
 * Intershop's Order History mapping, in the table's order. CHECKED appears in two rows ("in validation" and
 * "checked") in Intershop's own table; both are kept, so both names are shown for it.
 */
export const INTERSHOP_ORDER_HISTORY_MAPPING: readonly IntershopMappingRow[] = [
  { icm: 'initial order', iom: ['INITIAL'] },
  { icm: 'in validation', iom: ['CHECKED', 'NOT_CHECKED'] },
  { icm: 'canceled', iom: ['CANCELED', 'NOT_CHECKED_DO_CANCEL'] },
  { icm: 'checked', iom: ['CHECKED'] },
  { icm: 'approval required', iom: ['ORDER_APPROVAL_REQUIRED'] },
  {
    icm: 'in approval',
    iom: ['DO_CREATE_APPROVALTRANSMISSION', 'CREATED_APPROVALTRANSMISSION', 'CHECK_ANNOUNCED'],
  },
  { icm: 'waiting for approval', iom: ['DO_APPROVE'] },
  { icm: 'not approved', iom: ['NOT_APPROVED'] },
  { icm: 'approved', iom: ['APPROVED'] },
  { icm: 'assigning supplier', iom: ['DO_ANNOUNCE'] },
  { icm: 'will be canceled', iom: ['NOT_ANNOUNCED'] },
  { icm: 'assignment failed', iom: ['NOT_ANNOUNCED_DO_CANCEL'] },
  { icm: 'suppliers assigned', iom: ['ANNOUNCED'] },
  { icm: 'optimising supplier', iom: ['DO_OPTIMIZE'] },
  { icm: 'optimised', iom: ['OPTIMIZED'] },
  { icm: 'prepare response', iom: ['DO_PREPARE_RESPONSE'] },
  { icm: 'prepare documents', iom: ['DO_PREPARE_DOCUMENT'] },
  { icm: 'documents prepared', iom: ['PREPARED_DOCUMENT'] },
  { icm: 'ready to transmit', iom: ['DO_CREATE_TRANSMISSION'] },
  { icm: 'waiting for transmission', iom: ['WAIT_FOR_TRANSMIT'] },
  { icm: 'order transmission', iom: ['CREATED_TRANSMISSION'] },
  { icm: 'reservation commissioned', iom: ['RESERVATED'] },
  { icm: 'partly canceled', iom: ['RESERVATION_PARTLY_RETURNED'] },
  { icm: 'partly commissioned', iom: ['PARTLY_COMMISSIONED'] },
  {
    icm: 'partly shipped',
    iom: ['PARTLY_COMMISSIONED_PARTLY_DISPATCHED', 'COMMISSIONED_PARTLY_DISPATCHED'],
  },
  {
    icm: 'partly returned',
    iom: [
      'PARTLY_COMMISSIONED_PARTLY_RETURNED',
      'PARTLY_COMMISSIONED_PARTLY_DISPATCHED_PARTLY_RETURNED',
      'COMMISSIONED_PARTLY_DISPATCHED_PARTLY_RETURNED',
      'DISPATCHED_PARTLY_RETURNED',
    ],
  },
  { icm: 'transmitted', iom: ['COMMISSIONED'] },
  { icm: 'partly canceled/returned', iom: ['COMMISSIONED_PARTLY_RETURNED'] },
  { icm: 'shipped', iom: ['DISPATCHED'] },
  { icm: 'returned', iom: ['RETURNED'] },
];

/** The mark of a state Intershop's table does not list; it is shown by IOM's own name beside it. */
export const NOT_IN_INTERSHOP_MAPPING = "not in Intershop's mapping";

export interface IomOrderStateDefinition {
  /** IOM's id of the state. */
  id: number;
  /** IOM's name, without the `STATE_` prefix the REST API puts in front. */
  name: string;
  /** IOM's description of the state. */
  description: string;
}

const state = (id: number, name: string, description: string): IomOrderStateDefinition => ({
  id,
  name,
  description,
});

/** Every state of IOM's order status model, in IOM's order. */
export const IOM_ORDER_STATES: readonly IomOrderStateDefinition[] = [
  state(0, 'INITIAL', 'Order initially stored in the database.'),
  state(500, 'DO_CHECK', 'Order modified manually and ready to process.'),
  state(998, 'NOT_CHECKED', 'Order has to be checked manually.'),
  state(999, 'NOT_CHECKED_DO_CANCEL', 'Order canceled completely after order check.'),
  state(1000, 'CHECKED', 'Order was checked.'),
  state(1501, 'ORDER_APPROVAL_REQUIRED', 'Order approval required (deprecated).'),
  state(
    1540,
    'DO_CREATE_APPROVALTRANSMISSION',
    'Transmission object for order approval has to be created (deprecated).',
  ),
  state(
    1550,
    'CREATED_APPROVALTRANSMISSION',
    'Transmission object for order approval was created (deprecated).',
  ),
  state(1580, 'DO_APPROVE', 'Validation failed. Manual approval required.'),
  state(1599, 'NOT_APPROVED', 'Order approval was rejected.'),
  state(1600, 'APPROVED', 'Order approved.'),
  state(2001, 'DO_ANNOUNCE', 'Supplier has to be assigned.'),
  state(
    2095,
    'CHECK_ANNOUNCED',
    'Suppliers were assigned but do not respect the configured tolerances; they have to be approved manually.',
  ),
  state(
    2098,
    'NOT_ANNOUNCED',
    'At least one order position could not be assigned to a supplier. Order has to be canceled manually.',
  ),
  state(
    2099,
    'NOT_ANNOUNCED_DO_CANCEL',
    'Assignment to a supplier failed; automated cancellation of the order is configured.',
  ),
  state(2100, 'ANNOUNCED', 'Suppliers are assigned to the order positions.'),
  state(2101, 'DO_OPTIMIZE', 'Assigned suppliers has to be optimized.'),
  state(2200, 'OPTIMIZED', 'Finished optimization of assigned suppliers.'),
  state(2401, 'DO_PREPARE_RESPONSE', 'Temporary response to the shop will be created.'),
  state(2501, 'DO_PREPARE_DOCUMENT', 'Required objects to create documents will be created.'),
  state(2600, 'PREPARED_DOCUMENT', 'Finished creation of documents.'),
  state(
    4001,
    'DO_CREATE_TRANSMISSION',
    'Order ready to be submitted to the supplier. Order transmission will be created.',
  ),
  state(4099, 'WAIT_FOR_TRANSMIT', 'Order is waiting to be submitted to the supplier.'),
  state(4100, 'CREATED_TRANSMISSION', 'Created order transmission of type SEND_ORDER or ORDER_RESERVATION.'),
  state(4200, 'RESERVATED', 'Reservation was submitted to the supplier.'),
  state(4210, 'RESERVATION_PARTLY_RETURNED', 'Reservation partially revoked. Waiting for return.'),
  state(4400, 'PARTLY_COMMISSIONED', 'Order partially submitted.'),
  state(4420, 'PARTLY_COMMISSIONED_PARTLY_DISPATCHED', 'Order partially submitted and partially dispatched.'),
  state(
    4440,
    'PARTLY_COMMISSIONED_PARTLY_RETURNED',
    'Order partially submitted and partially canceled/ returned.',
  ),
  state(
    4460,
    'PARTLY_COMMISSIONED_PARTLY_DISPATCHED_PARTLY_RETURNED',
    'Order partially submitted, partially dispatched and partially canceled/ returned.',
  ),
  state(4500, 'COMMISSIONED', 'Order entirely submitted.'),
  state(4520, 'COMMISSIONED_PARTLY_DISPATCHED', 'Order entirely submitted and partially dispatched.'),
  state(4540, 'COMMISSIONED_PARTLY_RETURNED', 'Order entirely submitted and partially canceled/ returned.'),
  state(
    4560,
    'COMMISSIONED_PARTLY_DISPATCHED_PARTLY_RETURNED',
    'Order submitted, partially dispatched and partially canceled/ returned.',
  ),
  state(4600, 'PICKING', 'Order will be prepared for dispatch/ pickup.'),
  state(5000, 'DISPATCHED', 'Order entirely dispatched.'),
  state(5100, 'DISPATCHED_PARTLY_RETURNED', 'Order dispatched and partially returned.'),
  state(5200, 'READY_FOR_PICK_UP', 'Order/ delivery is ready for pickup.'),
  state(5300, 'PICKED_UP', 'Order/ delivery was picked up.'),
  state(6000, 'RETURNED', 'Order entirely returned.'),
  state(6200, 'CANCELED', 'Order canceled before submission.'),
  state(10000, 'WAIT_MERGE', 'Order/ delivery was stopped because of an order merge.'),
  state(20000, 'DO_CUSTOM_PROCESS', 'Order/ delivery was stopped because of a custom process.'),
];

const BY_NAME: ReadonlyMap<string, IomOrderStateDefinition> = new Map(
  IOM_ORDER_STATES.map((s) => [s.name, s]),
);

/** ICM's names per IOM state, in the table's order (a state in two rows has two). */
const ICM_NAMES: ReadonlyMap<string, readonly string[]> = (() => {
  const names = new Map<string, string[]>();
  for (const row of INTERSHOP_ORDER_HISTORY_MAPPING)
    for (const iom of row.iom) names.set(iom, [...(names.get(iom) ?? []), row.icm]);
  return names;
})();

const PREFIX = /^STATE_/i;

/**
 * IOM's name of a state as IOM's REST API (`STATE_DISPATCHED`) or its database (`DISPATCHED`) spells it, in any
 * case and with surrounding spaces: `DISPATCHED`. Only one prefix is taken off.
 */
export function normaliseIomState(raw: string): string {
  return raw.trim().replace(PREFIX, '').toUpperCase();
}

export interface IcmNameOfState {
  /** IOM's name without the `STATE_` prefix; an unknown state as IOM sent it, less the prefix. */
  iomState: string;
  /** Whether IOM's order status model has the state. */
  known: boolean;
  /** Whether Intershop's Order History mapping lists the state. */
  inMapping: boolean;
  /** ICM's names for it, in the table's order; empty when the table does not list it. */
  icmNames: readonly string[];
  /** ICM's name(s), `in validation / checked` for a state in two rows; null when the table does not list it. */
  icmName: string | null;
  /** What Switchboard shows: ICM's name, or IOM's own name marked "not in Intershop's mapping". */
  label: string;
  definition: IomOrderStateDefinition | null;
}

/**
 * ICM's name for an IOM order state, in `STATE_<NAME>` or bare form. A state Intershop's mapping does not list,
 * known to IOM or not, is shown by its own name and marked, so it stays visible without a made-up name.
 */
export function icmNameOfIomState(raw: string): IcmNameOfState {
  const name = normaliseIomState(raw);
  const definition = BY_NAME.get(name) ?? null;
  const iomState = definition ? name : raw.trim().replace(PREFIX, '');
  const icmNames = ICM_NAMES.get(name) ?? [];
  const icmName = icmNames.length ? icmNames.join(' / ') : null;
  return {
    iomState,
    known: definition !== null,
    inMapping: icmName !== null,
    icmNames,
    icmName,
    label: icmName ?? `${iomState} (${NOT_IN_INTERSHOP_MAPPING})`,
    definition,
  };
}
