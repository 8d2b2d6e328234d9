import { IOM_ORDER_STATES } from '../../shared/iomOrderStates.ts';

/**
 * The states of IOM's order status model (oms."OrderStatesDefDO"), by name without the `STATE_` prefix the
 * REST API puts in front. A new order is `INITIAL`; it changes only through the control API.
 */
export const ORDER_STATES: readonly string[] = IOM_ORDER_STATES.map((s) => s.name);
export type OrderState = string;
export const INITIAL_ORDER_STATE = 'INITIAL';

export interface StoredOrder {
  /** IOM's own id of the order. */
  id: number;
  shopId: number;
  shopOrderNumber: string;
  /** When the simulator stored it (ISO 8601). */
  creationDate: string;
  state: OrderState;
  /** When the order was created or its state last changed (ISO 8601), for `order-states/modified`. */
  modifiedAt: string;
  /** Grows with every change of any order (Order API 2.4's modification cursor). */
  cursor: number;
  /** The order exactly as posted. */
  body: Record<string, unknown>;
}

const FIRST_ORDER_ID = 10_001;

/** The orders the simulator holds, per shop and shop order number. */
export class OrderStore {
  private byShop = new Map<number, Map<string, StoredOrder>>();
  private nextId = FIRST_ORDER_ID;
  private nextCursor = 1;
  private count = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.count;
  }

  find(shopId: number, shopOrderNumber: string): StoredOrder | undefined {
    return this.byShop.get(shopId)?.get(shopOrderNumber);
  }

  /** Stores a new order; null when the store is full. The caller checks for duplicates first. */
  add(shopId: number, shopOrderNumber: string, body: Record<string, unknown>): StoredOrder | null {
    if (this.count >= this.capacity) return null;
    let orders = this.byShop.get(shopId);
    if (!orders) {
      orders = new Map();
      this.byShop.set(shopId, orders);
    }
    const now = new Date().toISOString();
    const order: StoredOrder = {
      id: this.nextId++,
      shopId,
      shopOrderNumber,
      creationDate: now,
      state: INITIAL_ORDER_STATE,
      modifiedAt: now,
      cursor: this.nextCursor++,
      body,
    };
    orders.set(shopOrderNumber, order);
    this.count++;
    return order;
  }

  /** Moves an order to another state; it counts as modified. */
  setState(order: StoredOrder, state: OrderState): void {
    order.state = state;
    order.modifiedAt = new Date().toISOString();
    order.cursor = this.nextCursor++;
  }

  list(shopId: number): StoredOrder[] {
    return [...(this.byShop.get(shopId)?.values() ?? [])];
  }

  clear(): void {
    this.byShop.clear();
    this.nextId = FIRST_ORDER_ID;
    this.nextCursor = 1;
    this.count = 0;
  }
}

export interface OrderCounts {
  /** Order creations received (every POST to the shop's orders, faulted ones included). */
  posts: number;
  /** Orders stored. */
  created: number;
  /** Answers that refused the order because the shop already holds its number. */
  duplicates: number;
  /** Answers 400 for an invalid order. */
  invalid: number;
}

export type FaultKind =
  | 'latency'
  | 'error'
  | 'hang'
  | 'lostResponse'
  | 'duplicate'
  | 'unauthorized'
  | 'garbageHtml'
  | 'createDelay'
  | 'createAnswer'
  | 'orderStatesAnswer';

export interface SimulatorCounts {
  /** Every request except those to the control API. */
  total: number;
  byPath: Record<string, number>;
  byStatus: Record<string, number>;
  /** Per shop ID. */
  shops: Record<string, OrderCounts>;
  /** Per shop ID, then per shop order number. */
  orders: Record<string, Record<string, OrderCounts>>;
  /** How often each fault struck. */
  faults: Record<FaultKind, number>;
}

const MAX_PATH_KEYS = 1000;
const OTHER_PATHS = '(other)';
const MAX_PATH_KEY_LENGTH = 300;

const noOrderCounts = (): OrderCounts => ({ posts: 0, created: 0, duplicates: 0, invalid: 0 });
const noFaultCounts = (): Record<FaultKind, number> => ({
  latency: 0,
  error: 0,
  hang: 0,
  lostResponse: 0,
  duplicate: 0,
  unauthorized: 0,
  garbageHtml: 0,
  createDelay: 0,
  createAnswer: 0,
  orderStatesAnswer: 0,
});

/** Counts what the simulator received; bounded, so garbage paths cannot grow it without limit. */
export class RequestCounter {
  // Maps, not objects: a path or order number such as "__proto__" must stay an ordinary key.
  private total = 0;
  private byPath = new Map<string, number>();
  private byStatus = new Map<string, number>();
  private shops = new Map<string, OrderCounts>();
  private orders = new Map<string, Map<string, OrderCounts>>();
  private faults = noFaultCounts();
  private trackedOrders = 0;

  constructor(private readonly maxTrackedOrders: number) {}

  request(path: string): void {
    this.total++;
    let key = path.length > MAX_PATH_KEY_LENGTH ? OTHER_PATHS : path;
    if (!this.byPath.has(key) && this.byPath.size >= MAX_PATH_KEYS) key = OTHER_PATHS;
    this.byPath.set(key, (this.byPath.get(key) ?? 0) + 1);
  }

  status(code: number): void {
    const key = String(code);
    this.byStatus.set(key, (this.byStatus.get(key) ?? 0) + 1);
  }

  fault(kind: FaultKind): void {
    this.faults[kind]++;
  }

  /** Adds one to `field` for the shop and, when the order number is known, for the order. */
  order(shopId: number, shopOrderNumber: string | null, field: keyof OrderCounts): void {
    const shopKey = String(shopId);
    let shop = this.shops.get(shopKey);
    if (!shop) this.shops.set(shopKey, (shop = noOrderCounts()));
    shop[field]++;
    if (shopOrderNumber === null) return;
    let orders = this.orders.get(shopKey);
    if (!orders) this.orders.set(shopKey, (orders = new Map<string, OrderCounts>()));
    let entry = orders.get(shopOrderNumber);
    if (!entry) {
      if (this.trackedOrders >= this.maxTrackedOrders) return;
      this.trackedOrders++;
      orders.set(shopOrderNumber, (entry = noOrderCounts()));
    }
    entry[field]++;
  }

  snapshot(): SimulatorCounts {
    const copy = <T>(map: Map<string, T>) =>
      Object.fromEntries([...map].map(([k, v]) => [k, structuredClone(v)]));
    return {
      total: this.total,
      byPath: copy(this.byPath),
      byStatus: copy(this.byStatus),
      shops: copy(this.shops),
      orders: Object.fromEntries([...this.orders].map(([shop, orders]) => [shop, copy(orders)])),
      faults: { ...this.faults },
    };
  }

  clear(): void {
    this.total = 0;
    this.byPath.clear();
    this.byStatus.clear();
    this.shops.clear();
    this.orders.clear();
    this.faults = noFaultCounts();
    this.trackedOrders = 0;
  }
}
