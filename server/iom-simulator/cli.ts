import type { Command } from 'commander';
import { invalid } from '../errors.ts';
import { readSimulatorConfigFile, SimulatorConfigError, type SimulatorOptions } from './config.ts';
import { DIALECT_KEYS, type Dialect, type OrderApi } from './dialect.ts';
import { CREATE_ANSWERS, NO_FAULTS, ORDER_STATES_ANSWERS, type Faults } from './faults.ts';
import { startIomSimulator, type IomSimulator } from './server.ts';

/** The flags of `switchboard iom-simulator`, as commander hands them over (strings until validated). */
export interface SimulatorCliFlags {
  port?: string;
  host?: string;
  config?: string;
  tls?: boolean;
  tlsValidityDays?: string;
  latency?: string;
  errorRate?: string;
  errorEvery?: string;
  hangRate?: string;
  hangEvery?: string;
  lostResponseRate?: string;
  lostResponseEvery?: string;
  duplicateRate?: string;
  duplicateEvery?: string;
  force401?: boolean;
  garbageHtml?: boolean;
  faultPaths?: string;
  seed?: string;
  errorStatus?: string;
  retryAfter?: string;
  createDelay?: string;
  createAnswer?: string;
  orderStatesAnswer?: string;
  orderApi?: string;
  duplicateCode?: boolean;
  lenientQueries?: boolean;
  orderExtras?: boolean;
  errorBodies?: boolean;
}

export interface SimulatorCliIo {
  write?: (text: string) => void;
  /** Resolves when the simulator should stop; default: SIGINT or SIGTERM. */
  untilStopped?: (simulator: IomSimulator) => Promise<unknown>;
}

export const DEFAULT_CLI_PORT = 8080;

/** A number when the text is one; else the text, so validation can name the field and the bad value. */
const numeric = (text: string | undefined): number | string | undefined =>
  text === undefined ? undefined : /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The simulator's options: the config file (if any), with the command-line flags on top. */
export async function resolveCliOptions(flags: SimulatorCliFlags): Promise<SimulatorOptions> {
  const file = flags.config ? await readSimulatorConfigFile(flags.config) : {};
  const fileFaults = isObject(file.faults) ? file.faults : {};
  const flagFaults = Object.fromEntries(
    Object.entries({
      latencyMs: numeric(flags.latency),
      errorRate: numeric(flags.errorRate),
      errorEveryNth: numeric(flags.errorEvery),
      hangRate: numeric(flags.hangRate),
      hangEveryNth: numeric(flags.hangEvery),
      lostResponseRate: numeric(flags.lostResponseRate),
      lostResponseEveryNth: numeric(flags.lostResponseEvery),
      duplicateRate: numeric(flags.duplicateRate),
      duplicateEveryNth: numeric(flags.duplicateEvery),
      unauthorized: flags.force401 ? true : undefined,
      garbageHtml: flags.garbageHtml ? true : undefined,
      onlyPaths: flags.faultPaths
        ?.split(',')
        .map((p) => p.trim())
        .filter(Boolean),
      seed: numeric(flags.seed),
      errorStatus: numeric(flags.errorStatus),
      retryAfter: flags.retryAfter,
      createDelayMs: numeric(flags.createDelay),
      createAnswer: flags.createAnswer,
      orderStatesAnswer: flags.orderStatesAnswer,
    }).filter(([, value]) => value !== undefined),
  );
  // The dialect: flags only switch conveniences on; the file may hold any of them.
  const flagDialect = Object.fromEntries(
    Object.entries({
      orderApi: flags.orderApi,
      duplicateCode: flags.duplicateCode ? true : undefined,
      lenientQueries: flags.lenientQueries ? true : undefined,
      orderExtras: flags.orderExtras ? true : undefined,
      errorBodies: flags.errorBodies ? true : undefined,
    }).filter(([, value]) => value !== undefined),
  );
  let tls = file.tls;
  if (flags.tls || flags.tlsValidityDays !== undefined) {
    tls = isObject(file.tls) ? { ...file.tls } : {};
    if (flags.tlsValidityDays !== undefined)
      (tls as Record<string, unknown>).validityDays = numeric(flags.tlsValidityDays);
  }
  return {
    ...file,
    port: numeric(flags.port) ?? file.port ?? DEFAULT_CLI_PORT,
    host: flags.host ?? file.host,
    tls,
    faults: { ...fileFaults, ...flagFaults },
    ...flagDialect,
  } as SimulatorOptions;
}

/** The faults that differ from "off" (the seed only matters with them, so it is left out). */
function describeFaults(faults: Faults): string {
  const off = NO_FAULTS as Record<string, unknown>;
  const on = Object.entries(faults).filter(
    ([key, value]) => key !== 'seed' && JSON.stringify(value) !== JSON.stringify(off[key]),
  );
  if (on.length === 0) return 'none';
  return on.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(', ');
}

const ENDPOINTS_SINCE: Record<OrderApi, string> = {
  '2.0': 'order create and order-states',
  '2.2': 'order create, order-states and GET …/orders/{n}',
  '2.4': 'order create, order-states, GET …/orders/{n} and order-states/modified',
};

/** "Order API 2.0 (…), as its contract documents" or with the conveniences switched on. */
function describeDialect(dialect: Dialect): string {
  const extras = DIALECT_KEYS.filter((key) => key !== 'orderApi' && dialect[key] === true);
  return (
    `Order API ${dialect.orderApi} (${ENDPOINTS_SINCE[dialect.orderApi]}), ` +
    (extras.length === 0 ? 'as its contract documents' : `with ${extras.join(', ')}`)
  );
}

/** What the command prints at start: where it listens, whom it knows, and what to type into a channel. */
export function describeSimulator(sim: IomSimulator): string {
  const pad = (text: string, width: number) => text.padEnd(width);
  const lines = [`IOM simulator listening on ${sim.url}`];
  if (sim.certificateSha256)
    lines.push(
      `  self-signed certificate, SHA-256 ${sim.certificateSha256}`,
      `  valid until ${sim.certificateValidTo?.toISOString() ?? '?'}`,
    );
  lines.push('', 'Shops (ID, name):', ...sim.shops.map((s) => `  ${pad(String(s.id), 8)}${s.name}`));
  lines.push(
    '',
    'Users (Basic auth):',
    ...sim.users.map(
      (u) =>
        `  ${pad(`${u.username} / ${u.password}`, 32)}shops: ${u.shops === '*' ? 'all' : u.shops.join(', ')}`,
    ),
  );
  const e = sim.endpoints;
  lines.push(
    '',
    'Endpoints for a channel:',
    `  ${pad('order-export, order-history', 30)}${e.orderService}`,
    `  ${pad('rma', 30)}${e.rma}`,
    `  ${pad('inventory', 30)}${e.inventory}`,
    ...Object.entries(e.soap).map(([name, url]) => `  ${pad(`SOAP ${name}`, 30)}${url}`),
    `  ${pad('health (no auth)', 30)}${e.health}`,
    '',
    `Control API: ${e.control}/state`,
    `IOM: ${describeDialect(sim.dialect)}`,
    `Faults: ${describeFaults(sim.faults)}`,
    'Stop with Ctrl+C.',
  );
  return `${lines.join('\n')}\n`;
}

const untilSignal = () =>
  new Promise<NodeJS.Signals>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

/** Runs the simulator until stopped. Bad settings become a clear error (exit 2 in the CLI). */
export async function runIomSimulator(flags: SimulatorCliFlags, io: SimulatorCliIo = {}): Promise<void> {
  const write = io.write ?? ((text: string) => process.stdout.write(text));
  let simulator: IomSimulator;
  try {
    simulator = await startIomSimulator(await resolveCliOptions(flags));
  } catch (error) {
    if (error instanceof SimulatorConfigError)
      throw invalid(error.problems[0]?.field ?? 'config', error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')
      throw invalid('port', `Cannot listen there (${code}); choose another --port or --host.`);
    throw error;
  }
  write(describeSimulator(simulator));
  await (io.untilStopped ?? untilSignal)(simulator);
  await simulator.close();
  write('IOM simulator stopped.\n');
}

export function registerIomSimulator(program: Command, io: SimulatorCliIo = {}): void {
  program
    .command('iom-simulator')
    .description('run an IOM simulator (orders, RMA, ATP, SOAP WSDL, health) with switchable faults')
    .option('--port <n>', `port to listen on, 0 = any free port (default ${DEFAULT_CLI_PORT})`)
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--config <file>', 'JSON or YAML file with users, shops, faults and TLS settings')
    .option('--tls', 'serve HTTPS with a fresh self-signed certificate')
    .option('--tls-validity-days <n>', 'validity of that certificate in days (default 365)')
    .option('--latency <ms>', 'add this delay to every answer')
    .option('--error-rate <share>', 'answer this share (0-1) of requests with 500')
    .option('--error-every <n>', 'answer every Nth request with 500')
    .option('--hang-rate <share>', 'never answer this share (0-1) of requests')
    .option('--hang-every <n>', 'never answer every Nth request')
    .option('--lost-response-rate <share>', 'store this share (0-1) of new orders, then reset the connection')
    .option('--lost-response-every <n>', 'store every Nth new order, then reset the connection')
    .option('--duplicate-rate <share>', 'store this share (0-1) of new orders but refuse them as used numbers')
    .option('--duplicate-every <n>', 'store every Nth new order but refuse it as a used number')
    .option('--force-401', 'refuse every authenticated request with 401')
    .option('--garbage-html', 'answer 200 with an HTML page instead of JSON or WSDL')
    .option('--fault-paths <prefixes>', 'comma-separated path prefixes the faults apply to (default: all)')
    .option('--seed <n>', 'seed for the random shares, so a run can be repeated')
    .option('--error-status <n>', 'status of the error faults: 500 (default), 502, 503, 504 or 429')
    .option('--retry-after <value>', 'Retry-After sent with the error faults (seconds or an HTTP date)')
    .option(
      '--create-delay <ms>',
      'store a new order and answer 201 only after this delay, even if the client left',
    )
    .option('--create-answer <kind>', `answer order creates instead of IOM: ${CREATE_ANSWERS.join(', ')}`)
    .option(
      '--order-states-answer <kind>',
      `answer order-states instead of IOM: ${ORDER_STATES_ANSWERS.join(', ')}`,
    )
    .option('--order-api <version>', 'the Order API IOM offers: 2.0 (default), 2.2 (GET …/orders/{n}) or 2.4')
    .option(
      '--duplicate-code',
      'answer a used order number with ORDER_ALREADY_EXISTS (IOM sends VALIDATION_EXCEPTION)',
    )
    .option(
      '--lenient-queries',
      'order-states also reads comma lists, orderBy=creationDate and lower-case sortDirection',
    )
    .option('--order-extras', "add the simulator's id, state and creationDate to orders and order states")
    .option('--error-bodies', 'send error reports with 401, 403, 404, 406, 415 and 500 (IOM sends none)')
    .action((flags: SimulatorCliFlags) => runIomSimulator(flags, io));
}
