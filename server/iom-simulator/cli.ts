import type { Command } from 'commander';
import { invalid } from '../errors.ts';
import { readSimulatorConfigFile, SimulatorConfigError, type SimulatorOptions } from './config.ts';
import type { Faults } from './faults.ts';
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
  } as SimulatorOptions;
}

function describeFaults(faults: Faults): string {
  const on = Object.entries(faults).filter(([key, value]) => {
    if (key === 'seed') return false;
    if (Array.isArray(value)) return value.length > 0;
    if (isObject(value)) return Object.keys(value).length > 0;
    return value !== 0 && value !== false && value !== null;
  });
  if (on.length === 0) return 'none';
  return on.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(', ');
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
    .option('--duplicate-rate <share>', 'store this share (0-1) of new orders but report them as duplicates')
    .option('--duplicate-every <n>', 'store every Nth new order but report it as a duplicate')
    .option('--force-401', 'refuse every authenticated request with 401')
    .option('--garbage-html', 'answer 200 with an HTML page instead of JSON or WSDL')
    .option('--fault-paths <prefixes>', 'comma-separated path prefixes the faults apply to (default: all)')
    .option('--seed <n>', 'seed for the random shares, so a run can be repeated')
    .action((flags: SimulatorCliFlags) => runIomSimulator(flags, io));
}
