/**
 * IOM's order states (oms."OrderStatesDefDO", IOM database reference §2.12.1) and the names ICM shows for them
 * in My Account | Order History (IOM Connector guide, "Order History": the status mapping table).
 *
 * Where the table names a state, that name is used (`source: 'table'`). The extracted table lost the IOM cells
 * of its multi-state rows and its last rows; those are filled the way the table runs (`source: 'filled'`):
 * a row covers the states between its neighbours in IOM's order, e.g. "in validation" covers the check states
 * between INITIAL and the approval states, "partly shipped" every state that is partly dispatched.
 * The IOM simulator's own states (CREATED, CANCELLED, CLOSED, PARTLY_DISPATCHED, PARTLY_RETURNED) map too.
 */

export type IcmNameSource = 'table' | 'filled' | 'simulator';

export interface IomOrderStateDefinition {
  /** IOM's id of the state; null for states only the simulator uses. */
  id: number | null;
  /** IOM's name, without the `STATE_` prefix the REST API puts in front. */
  name: string;
  /** IOM's description of the state. */
  description: string;
  /** What ICM calls it. */
  icmName: string;
  source: IcmNameSource;
}

const state = (
  id: number | null,
  name: string,
  icmName: string,
  source: IcmNameSource,
  description: string,
): IomOrderStateDefinition => ({ id, name, description, icmName, source });

/** Every state IOM knows, in IOM's order, then the simulator's. */
export const IOM_ORDER_STATES: readonly IomOrderStateDefinition[] = [
  state(0, 'INITIAL', 'initial order', 'table', 'Order initially stored in the database.'),
  state(500, 'DO_CHECK', 'in validation', 'filled', 'Order modified manually and ready to process.'),
  state(998, 'NOT_CHECKED', 'in validation', 'filled', 'Order has to be checked manually.'),
  state(
    999,
    'NOT_CHECKED_DO_CANCEL',
    'in validation',
    'filled',
    'Order canceled completely after order check.',
  ),
  state(1000, 'CHECKED', 'in validation', 'filled', 'Order was checked.'),
  state(
    1501,
    'ORDER_APPROVAL_REQUIRED',
    'approval required',
    'filled',
    'Order approval required (deprecated).',
  ),
  state(
    1540,
    'DO_CREATE_APPROVALTRANSMISSION',
    'in approval',
    'filled',
    'Transmission object for order approval has to be created (deprecated).',
  ),
  state(
    1550,
    'CREATED_APPROVALTRANSMISSION',
    'in approval',
    'filled',
    'Transmission object for order approval was created (deprecated).',
  ),
  state(1580, 'DO_APPROVE', 'waiting for approval', 'table', 'Validation failed. Manual approval required.'),
  state(1599, 'NOT_APPROVED', 'not approved', 'table', 'Order approval was rejected.'),
  state(1600, 'APPROVED', 'approved', 'filled', 'Order approved.'),
  state(2001, 'DO_ANNOUNCE', 'assigning supplier', 'table', 'Supplier has to be assigned.'),
  state(
    2095,
    'CHECK_ANNOUNCED',
    'assigning supplier',
    'filled',
    'Suppliers were assigned but do not respect the configured tolerances; they have to be approved manually.',
  ),
  state(
    2098,
    'NOT_ANNOUNCED',
    'will be canceled',
    'table',
    'At least one order position could not be assigned to a supplier. Order has to be canceled manually.',
  ),
  state(
    2099,
    'NOT_ANNOUNCED_DO_CANCEL',
    'assignment failed',
    'table',
    'Assignment to a supplier failed; automated cancellation of the order is configured.',
  ),
  state(2100, 'ANNOUNCED', 'suppliers assigned', 'table', 'Suppliers are assigned to the order positions.'),
  state(2101, 'DO_OPTIMIZE', 'optimising supplier', 'table', 'Assigned suppliers has to be optimized.'),
  state(2200, 'OPTIMIZED', 'suppliers assigned', 'filled', 'Finished optimization of assigned suppliers.'),
  state(
    2401,
    'DO_PREPARE_RESPONSE',
    'prepare response',
    'table',
    'Temporary response to the shop will be created.',
  ),
  state(
    2501,
    'DO_PREPARE_DOCUMENT',
    'prepare documents',
    'table',
    'Required objects to create documents will be created.',
  ),
  state(2600, 'PREPARED_DOCUMENT', 'documents prepared', 'table', 'Finished creation of documents.'),
  state(
    4001,
    'DO_CREATE_TRANSMISSION',
    'order transmission',
    'filled',
    'Order ready to be submitted to the supplier. Order transmission will be created.',
  ),
  state(
    4099,
    'WAIT_FOR_TRANSMIT',
    'waiting for transmission',
    'table',
    'Order is waiting to be submitted to the supplier.',
  ),
  state(
    4100,
    'CREATED_TRANSMISSION',
    'order transmission',
    'table',
    'Created order transmission of type SEND_ORDER or ORDER_RESERVATION.',
  ),
  state(
    4200,
    'RESERVATED',
    'reservation commissioned',
    'table',
    'Reservation was submitted to the supplier.',
  ),
  state(
    4210,
    'RESERVATION_PARTLY_RETURNED',
    'partly returned',
    'filled',
    'Reservation partially revoked. Waiting for return.',
  ),
  state(4400, 'PARTLY_COMMISSIONED', 'partly commissioned', 'table', 'Order partially submitted.'),
  state(
    4420,
    'PARTLY_COMMISSIONED_PARTLY_DISPATCHED',
    'partly shipped',
    'filled',
    'Order partially submitted and partially dispatched.',
  ),
  state(
    4440,
    'PARTLY_COMMISSIONED_PARTLY_RETURNED',
    'partly returned',
    'filled',
    'Order partially submitted and partially canceled/ returned.',
  ),
  state(
    4460,
    'PARTLY_COMMISSIONED_PARTLY_DISPATCHED_PARTLY_RETURNED',
    'partly returned',
    'filled',
    'Order partially submitted, partially dispatched and partially canceled/ returned.',
  ),
  state(4500, 'COMMISSIONED', 'commissioned', 'filled', 'Order entirely submitted.'),
  state(
    4520,
    'COMMISSIONED_PARTLY_DISPATCHED',
    'partly shipped',
    'filled',
    'Order entirely submitted and partially dispatched.',
  ),
  state(
    4540,
    'COMMISSIONED_PARTLY_RETURNED',
    'partly canceled/returned',
    'table',
    'Order entirely submitted and partially canceled/ returned.',
  ),
  state(
    4560,
    'COMMISSIONED_PARTLY_DISPATCHED_PARTLY_RETURNED',
    'partly returned',
    'filled',
    'Order submitted, partially dispatched and partially canceled/ returned.',
  ),
  state(4600, 'PICKING', 'commissioned', 'filled', 'Order will be prepared for dispatch/ pickup.'),
  state(5000, 'DISPATCHED', 'shipped', 'filled', 'Order entirely dispatched.'),
  state(
    5100,
    'DISPATCHED_PARTLY_RETURNED',
    'partly returned',
    'filled',
    'Order dispatched and partially returned.',
  ),
  state(5200, 'READY_FOR_PICK_UP', 'ready for pickup', 'filled', 'Order/ delivery is ready for pickup.'),
  state(5300, 'PICKED_UP', 'picked up', 'filled', 'Order/ delivery was picked up.'),
  state(6000, 'RETURNED', 'returned', 'filled', 'Order entirely returned.'),
  state(6200, 'CANCELED', 'canceled', 'filled', 'Order canceled before submission.'),
  state(10000, 'WAIT_MERGE', 'on hold', 'filled', 'Order/ delivery was stopped because of an order merge.'),
  state(
    20000,
    'DO_CUSTOM_PROCESS',
    'on hold',
    'filled',
    'Order/ delivery was stopped because of a custom process.',
  ),
  // The simulator's simplified life cycle (server/iom-simulator/store.ts); the rest of its states are IOM's.
  state(null, 'CREATED', 'initial order', 'simulator', 'The order was stored (simulator).'),
  state(
    null,
    'PARTLY_DISPATCHED',
    'partly shipped',
    'simulator',
    'Part of the order was dispatched (simulator).',
  ),
  state(
    null,
    'PARTLY_RETURNED',
    'partly returned',
    'simulator',
    'Part of the order was returned (simulator).',
  ),
  state(null, 'CLOSED', 'closed', 'simulator', 'The order is completed (simulator).'),
];

/** Other spellings of a state: British "cancelled" is what the simulator (and some IOM versions) send. */
const ALIASES: ReadonlyMap<string, string> = new Map([['CANCELLED', 'CANCELED']]);

const BY_NAME: ReadonlyMap<string, IomOrderStateDefinition> = new Map(
  IOM_ORDER_STATES.map((s) => [s.name, s]),
);

/** `STATE_DISPATCHED`, `dispatched`, ` Dispatched ` → `DISPATCHED`. */
export function normaliseIomState(raw: string): string {
  const upper = raw.trim().toUpperCase();
  return upper.startsWith('STATE_') ? upper.slice('STATE_'.length) : upper;
}

export type IcmNameOfState =
  | { known: true; iomState: string; icmName: string; definition: IomOrderStateDefinition }
  | { known: false; iomState: string; icmName: string; definition: null };

/**
 * ICM's name for an IOM order state, as IOM's REST API (`STATE_…`), its database (no prefix) or the simulator
 * spell it, in any case. An unknown state is shown as itself and flagged, so a new IOM state is still visible.
 */
export function icmNameOfIomState(raw: string): IcmNameOfState {
  const name = normaliseIomState(raw);
  const definition = BY_NAME.get(ALIASES.get(name) ?? name);
  if (definition) return { known: true, iomState: name, icmName: definition.icmName, definition };
  const shown = raw.trim();
  return { known: false, iomState: shown, icmName: shown, definition: null };
}
