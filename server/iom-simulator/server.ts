import { setMaxListeners } from 'node:events';
import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { resolveUsers } from './auth.ts';
import {
  DEFAULT_SHOPS,
  DEFAULT_USERS,
  parseSimulatorConfig,
  tlsOptionsSchema,
  type ShopConfig,
  type SimulatorOptions,
  type UserConfig,
} from './config.ts';
import { controlRoutes, CONTROL_PREFIX, parseDialect, parseFaults } from './control.ts';
import { dialectOf, type Dialect, type DialectInput } from './dialect.ts';
import { createRequestHandler } from './dispatch.ts';
import { FaultPlan, type Faults, type FaultsInput } from './faults.ts';
import { orderRoutes } from './orders.ts';
import type { Route, SimulatorState } from './router.ts';
import { serviceRoutes } from './services.ts';
import {
  OrderStore,
  ORDER_STATES,
  RequestCounter,
  type OrderState,
  type SimulatorCounts,
  type StoredOrder,
} from './store.ts';
import { TlsController, type TlsOptionsInput } from './tls.ts';
import { SOAP_SERVICES, wsdlRoutes } from './wsdl.ts';

const ROUTES: readonly Route[] = [...orderRoutes, ...serviceRoutes, ...wsdlRoutes, ...controlRoutes];

export interface SimulatorEndpoints {
  /** For `order-export` and `order-history` channels. */
  orderService: string;
  rma: string;
  /** For `inventory` channels (ends with "/", as IOM's servlet base does). */
  inventory: string;
  health: string;
  /** Per SOAP service name (OrderService, OrderStateService, ReverseService, DownloadService). */
  soap: Record<string, string>;
  control: string;
}

export interface IomSimulator {
  /** The base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly endpoints: SimulatorEndpoints;
  readonly shops: readonly ShopConfig[];
  readonly users: readonly UserConfig[];
  /** A snapshot of what the simulator received. */
  readonly counts: SimulatorCounts;
  /** A snapshot of the current faults. */
  readonly faults: Faults;
  /** Which IOM it plays (Order API version) and the conveniences it adds (dialect.ts). */
  readonly dialect: Dialect;
  /** Replaces the dialect (left-out fields: the contract's default). Throws `SimulatorConfigError`. */
  setDialect(dialect: DialectInput): Dialect;
  /** With TLS: the SHA-256 fingerprint of the served certificate, 64 lower-case hex digits. */
  readonly certificateSha256: string | undefined;
  readonly certificatePem: string | undefined;
  readonly certificateValidTo: Date | undefined;
  /** Replaces all faults (left-out fields are off). Throws `SimulatorConfigError` naming bad fields. */
  setFaults(faults: FaultsInput): Faults;
  /** Changes only the given fault fields. */
  updateFaults(changes: FaultsInput): Faults;
  /** Clears orders and counts and restarts the fault sequences; the faults stay. */
  reset(): void;
  findOrder(shopId: number, shopOrderNumber: string): StoredOrder | undefined;
  setOrderState(shopId: number, shopOrderNumber: string, state: OrderState): void;
  /** With TLS: a new key and certificate (optionally other validity); returns the new fingerprint. */
  regenerateCertificate(changes?: TlsOptionsInput): Promise<string>;
  /** Stops listening and ends every open connection, hanging requests included. */
  close(): Promise<void>;
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts an IOM simulator; `port: 0` (the default) picks a free port. */
export async function startIomSimulator(options: SimulatorOptions = {}): Promise<IomSimulator> {
  const config = parseSimulatorConfig(options);
  const shops = config.shops ?? DEFAULT_SHOPS;
  const users = config.users ?? DEFAULT_USERS;
  const tlsOptions =
    config.tls === true ? tlsOptionsSchema.parse({}) : config.tls === false ? null : config.tls;
  const tls = tlsOptions ? await TlsController.create(tlsOptions, config.host) : null;

  let baseUrl = '';
  const store = new OrderStore(config.maxOrders);
  const counter = new RequestCounter(config.maxOrders);
  const plan = new FaultPlan(config.faults);
  const closing = new AbortController();
  // Every request waiting out a latency fault listens on it (and stops listening when done): many at once is
  // normal, not a leak.
  setMaxListeners(0, closing.signal);
  const state: SimulatorState = {
    shops,
    users: resolveUsers(users, shops),
    store,
    counter,
    plan,
    dialect: { current: parseDialect(dialectOf(config)) },
    tls,
    closing: closing.signal,
    baseUrl: () => baseUrl,
    reset: () => {
      store.clear();
      counter.clear();
      plan.restart();
    },
  };

  const hanging = new Set<ServerResponse>();
  const handler = createRequestHandler(state, ROUTES, {
    maxBodyBytes: config.maxBodyBytes,
    closing: closing.signal,
    hanging,
  });
  const server: Server = tls
    ? createHttpsServer(
        {
          ...tls.secureContextOptions,
          ...(tls.requiresClientCertificate ? { requestCert: true, rejectUnauthorized: true } : {}),
        },
        handler,
      )
    : createHttpServer(handler);
  if (tls) tls.attach(server as ReturnType<typeof createHttpsServer>);

  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  const port = await listen(server, config.port, config.host);
  baseUrl = `${tls ? 'https' : 'http'}://${displayHost(config.host)}:${port}`;
  const soap = Object.fromEntries(
    Object.entries(SOAP_SERVICES).map(([path, service]) => [service.name, `${baseUrl}/webservices/${path}`]),
  );

  let closed: Promise<void> | null = null;
  return {
    url: baseUrl,
    host: config.host,
    port,
    tls: tls !== null,
    endpoints: {
      orderService: `${baseUrl}/rest/order-service`,
      rma: `${baseUrl}/rest/rma`,
      inventory: `${baseUrl}/servlets/services/`,
      health: `${baseUrl}/monitoring/services/health/status`,
      soap,
      control: `${baseUrl}${CONTROL_PREFIX}`,
    },
    shops,
    users,
    get counts() {
      return counter.snapshot();
    },
    get faults() {
      return plan.faults;
    },
    get dialect() {
      return { ...state.dialect.current };
    },
    setDialect(dialect) {
      state.dialect.current = parseDialect(dialect);
      return { ...state.dialect.current };
    },
    get certificateSha256() {
      return tls?.current.sha256;
    },
    get certificatePem() {
      return tls?.current.certificatePem;
    },
    get certificateValidTo() {
      return tls?.current.validTo;
    },
    setFaults(faults) {
      plan.replace(parseFaults(faults));
      return plan.faults;
    },
    updateFaults(changes) {
      plan.replace(parseFaults(changes, plan.faults));
      return plan.faults;
    },
    reset: state.reset,
    findOrder: (shopId, shopOrderNumber) => store.find(shopId, shopOrderNumber),
    setOrderState(shopId, shopOrderNumber, orderState) {
      const order = store.find(shopId, shopOrderNumber);
      if (!order) throw new Error(`Shop ${shopId} has no order ${shopOrderNumber}.`);
      const name = orderState.replace(/^STATE_/, '');
      if (!ORDER_STATES.includes(name)) throw new Error(`Unknown order state ${orderState}.`);
      store.setState(order, name);
    },
    async regenerateCertificate(changes) {
      if (!tls) throw new Error('The simulator runs without TLS.');
      return (await tls.regenerate(changes)).sha256;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        for (const res of hanging) res.destroy();
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
