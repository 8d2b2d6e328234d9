import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { IOM_PERMISSIONS } from '../../shared/iomApi.ts';
import { dialectSchema } from './dialect.ts';
import { faultsSchema } from './faults.ts';

export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_ORDERS = 100_000;

const returnReasonSchema = z.strictObject({
  name: z.string().min(1).max(100),
  description: z.string().max(1000).optional(),
  type: z.string().min(1).max(100).optional(),
});
export type ReturnReason = z.output<typeof returnReasonSchema>;

const shopSchema = z.strictObject({
  id: z.int().positive().max(Number.MAX_SAFE_INTEGER),
  name: z.string().trim().min(1).max(255),
  returnReasons: z.array(returnReasonSchema).max(500).optional(),
  /** Available quantity per product id; products not listed get a stable quantity derived from their id. */
  inventory: z.record(z.string().min(1).max(100), z.int().min(0).max(2_147_483_647)).optional(),
});
export type ShopConfig = z.output<typeof shopSchema>;

const userSchema = z.strictObject({
  username: z
    .string()
    .min(1)
    .max(255)
    .refine((name) => !name.includes(':'), 'must not contain ":" (Basic auth cannot carry it)'),
  password: z.string().max(1024),
  /** Shop IDs or names the user may use, or "*" for every shop. */
  shops: z
    .union([z.literal('*'), z.array(z.union([z.int().positive(), z.string().min(1).max(255)])).max(1000)])
    .default('*'),
  /**
   * The IOM permissions the user holds; left out, all of them (the ShopServiceClient role). A call that needs
   * one the user lacks gets 403.
   */
  permissions: z.array(z.enum(IOM_PERMISSIONS)).max(IOM_PERMISSIONS.length).optional(),
});
export type UserConfig = z.output<typeof userSchema>;

export const tlsOptionsSchema = z.strictObject({
  /** How long the certificate is valid, counted from its start. */
  validityDays: z.int().min(1).max(3650).default(365),
  /** Start the validity this many days in the past (with a short `validityDays`: an expired certificate). */
  startsDaysAgo: z.int().min(0).max(3650).default(0),
  keyType: z.enum(['rsa', 'ec']).default('rsa'),
  keySize: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).default(2048),
  commonName: z.string().min(1).max(64).default('localhost'),
  /** Extra DNS names or IP addresses besides localhost, 127.0.0.1 and ::1. */
  altNames: z.array(z.string().min(1).max(253)).max(20).default([]),
  /**
   * PEM of the CA (or CAs) whose client certificates the simulator accepts. Set, it requires a client
   * certificate in every TLS handshake (mutual TLS) and refuses a connection without one, as an IOM behind a
   * TLS endpoint that asks for client certificates does.
   */
  clientCa: z
    .string()
    .min(1)
    .max(256 * 1024)
    .optional(),
});
export type TlsOptions = z.output<typeof tlsOptionsSchema>;

export const simulatorConfigSchema = z
  .strictObject({
    port: z.int().min(0).max(65_535).default(0),
    host: z.string().min(1).max(253).default('127.0.0.1'),
    users: z.array(userSchema).min(1).max(1000).optional(),
    shops: z.array(shopSchema).min(1).max(1000).optional(),
    faults: faultsSchema.default(faultsSchema.parse({})),
    tls: z.union([z.boolean(), tlsOptionsSchema]).default(false),
    maxBodyBytes: z
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(DEFAULT_MAX_BODY_BYTES),
    maxOrders: z.int().min(1).max(10_000_000).default(DEFAULT_MAX_ORDERS),
    // Which IOM it plays and the conveniences it adds (dialect.ts): off unless asked for.
    ...dialectSchema.shape,
  })
  .superRefine((config, ctx) => {
    const shops = config.shops ?? DEFAULT_SHOPS;
    const ids = new Set<number>();
    const names = new Set<string>();
    shops.forEach((shop, i) => {
      if (ids.has(shop.id))
        ctx.addIssue({ code: 'custom', path: ['shops', i, 'id'], message: 'appears twice' });
      if (names.has(shop.name))
        ctx.addIssue({ code: 'custom', path: ['shops', i, 'name'], message: 'appears twice' });
      ids.add(shop.id);
      names.add(shop.name);
    });
    const usernames = new Set<string>();
    (config.users ?? []).forEach((user, i) => {
      if (usernames.has(user.username))
        ctx.addIssue({ code: 'custom', path: ['users', i, 'username'], message: 'appears twice' });
      usernames.add(user.username);
      if (user.shops === '*') return;
      user.shops.forEach((ref, j) => {
        if (typeof ref === 'number' ? !ids.has(ref) : !names.has(ref))
          ctx.addIssue({
            code: 'custom',
            path: ['users', i, 'shops', j],
            message: `no shop ${ref} is configured`,
          });
      });
    });
  });

/** What `startIomSimulator` accepts, and what a config file holds. */
export type SimulatorOptions = z.input<typeof simulatorConfigSchema>;
export type SimulatorConfig = z.output<typeof simulatorConfigSchema>;

export const DEFAULT_SHOPS: ShopConfig[] = [
  { id: 10000, name: 'inTRONICS' },
  { id: 10001, name: 'inTRONICS Business' },
];

/** `consumer_ws` may use every shop; `b2c_ws` only shop 10000, so a forbidden shop (403) can be tried. */
export const DEFAULT_USERS: UserConfig[] = [
  { username: 'consumer_ws', password: 'consumer_ws', shops: '*' },
  { username: 'b2c_ws', password: 'b2c_ws', shops: [10000] },
];

export const DEFAULT_RETURN_REASONS: ReturnReason[] = [
  { name: 'RET010', description: 'return of goods / general', type: 'RET' },
  { name: 'RET020', description: 'wrong article delivered', type: 'RET' },
  { name: 'RET030', description: 'article damaged on delivery', type: 'RET' },
  { name: 'DEF010', description: 'article defective', type: 'DEF' },
];

export interface ConfigProblem {
  field: string;
  message: string;
}

/** A setting the simulator refuses; `problems` name each offending field (dotted path). */
export class SimulatorConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; '));
    this.name = 'SimulatorConfigError';
  }
}

export function problemsOf(error: z.ZodError, prefix = ''): ConfigProblem[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

export function parseSimulatorConfig(input: unknown): SimulatorConfig {
  const result = simulatorConfigSchema.safeParse(input ?? {});
  if (!result.success) throw new SimulatorConfigError(problemsOf(result.error));
  return result.data;
}

/** Reads a JSON or YAML config file into its plain value (validated later, merged with flags). */
export async function readSimulatorConfigFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SimulatorConfigError([
      { field: 'config', message: `cannot read ${file}: ${(error as Error).message}` },
    ]);
  }
  let value: unknown;
  try {
    value = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true });
  } catch (error) {
    const first = (error as Error).message.split('\n')[0] ?? '';
    throw new SimulatorConfigError([{ field: 'config', message: `${file} is not valid: ${first}` }]);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new SimulatorConfigError([{ field: 'config', message: `${file} must hold an object of settings` }]);
  return value as Record<string, unknown>;
}
