import { isIP } from 'node:net';
import { z } from 'zod';
import { emailSchema, newPasswordSchema } from '../shared/schemas/common.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

function isHostOrCidr(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || address === undefined) return false;
  if (bits !== undefined) {
    const family = isIP(address);
    const max = family === 4 ? 32 : family === 6 ? 128 : 0;
    return max > 0 && /^\d{1,3}$/.test(bits) && Number(bits) <= max;
  }
  return isIP(address) !== 0 || /^(?=.{1,253}$)([A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}\.?$/.test(address);
}

/**
 * Which peers may tell the client's address (`X-Forwarded-For`) and protocol: none, all, the nearest
 * `n` hops, or the listed proxy addresses and ranges (`loopback`, `linklocal` and `uniquelocal` name theirs).
 */
export type TrustProxy = boolean | number | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (rest.length > 0 || family === 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/** `TRUST_PROXY`'s value, or null when it is none of the forms it may take. */
function parseTrustProxy(value: string): TrustProxy | null {
  if (value === 'true') return true;
  if (value === 'false' || value === '0') return false;
  if (/^\d{1,3}$/.test(value)) return Number(value) >= 1 && Number(value) <= 100 ? Number(value) : null;
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.length > 0 && entries.every((e) => NAMED_RANGES.has(e) || isAddressOrCidr(e))
    ? entries
    : null;
}

/** An optional whole number within bounds, with its default. */
function intIn(min: number, max: number, fallback: number) {
  return optionalString
    .refine((v) => v === undefined || (/^\d{1,10}$/.test(v) && Number(v) >= min && Number(v) <= max), {
      message: `must be a whole number from ${min} to ${max}`,
    })
    .transform((v) => (v === undefined ? fallback : Number(v)));
}

export const envSchema = z.object({
  PORT: optionalString
    .refine(
      (v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) <= 65535),
      'must be a port number, 0–65535',
    )
    .transform((v) => (v === undefined ? 3000 : Number(v))),
  HOST: optionalString.default('127.0.0.1'),
  DATABASE_URL: optionalString.refine(
    (v) => v === undefined || /^postgres(ql)?:\/\//.test(v),
    'must start with postgres:// or postgresql://',
  ),
  DATABASE_PREPARED_STATEMENTS: optionalString.pipe(
    z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  ),
  // Bounds on waits for the database (PostgreSQL); 0 for none. See docs/resilience.md.
  DATABASE_LOCK_TIMEOUT_MS: intIn(0, 3_600_000, 5000),
  DATABASE_STATEMENT_TIMEOUT_MS: intIn(0, 3_600_000, 30_000),
  DATABASE_CONNECT_TIMEOUT_MS: intIn(100, 60_000, 1000),
  DATA_DIR: optionalString.default('./data'),
  SWITCHBOARD_SECRET_KEY: optionalString.refine(
    (v) => v === undefined || Buffer.from(v, 'base64').length === 32,
    'must be 32 bytes in base64 (create one with: openssl rand -base64 32)',
  ),
  SWITCHBOARD_OUTBOUND_ALLOW: optionalString
    .transform((v) =>
      v === undefined
        ? []
        : v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    )
    .refine((entries) => entries.every(isHostOrCidr), {
      message:
        'must be a comma-separated list of host names, IP addresses and CIDR ranges (e.g. 10.0.0.0/8,iom.local)',
    }),
  ADMIN_EMAIL: optionalString.pipe(emailSchema.optional()),
  ADMIN_PASSWORD: optionalString.pipe(newPasswordSchema.optional()),
  LOG_LEVEL: optionalString.pipe(
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
  TRUST_PROXY: optionalString
    .refine((v) => v === undefined || parseTrustProxy(v) !== null, {
      message:
        "must be true, false, a hop count (the number of proxies in front, e.g. 1) or a comma-separated list of the proxies' IP addresses and CIDR ranges (e.g. 10.0.0.5,10.1.0.0/16)",
    })
    .transform((v): TrustProxy => (v === undefined ? false : (parseTrustProxy(v) ?? false))),
  SWITCHBOARD_INTAKE_MAX_BYTES: intIn(1024, 64 * 1024 * 1024, 1024 * 1024),
  SWITCHBOARD_METRICS: optionalString
    .refine((v) => v === undefined || v === 'on' || v === 'off' || /^token:.{16,}$/.test(v), {
      message: 'must be on, off or token:<secret> (a secret of at least 16 characters)',
    })
    .transform((v) => v ?? 'on'),
  SWITCHBOARD_EXPORT_WORKER: optionalString.pipe(
    z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  ),
  SWITCHBOARD_EXPORT_CONCURRENCY: intIn(1, 256, 8),
  SWITCHBOARD_EXPORT_LEASE_SECONDS: intIn(1, 3600, 60),
  SWITCHBOARD_EXPORT_POLL_MS: intIn(10, 60_000, 1000),
  SWITCHBOARD_ATTEMPT_BODY_MAX_BYTES: intIn(0, 10 * 1024 * 1024, 64 * 1024),
  SWITCHBOARD_ATTEMPT_RETENTION_DAYS: intIn(1, 3650, 90),
});

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Validates the environment once; everything else receives the parsed `Env`, never `process.env`. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) {
    if (parsed.data.ADMIN_PASSWORD && !parsed.data.ADMIN_EMAIL) {
      throw new EnvError(['ADMIN_PASSWORD is set but ADMIN_EMAIL is not: set both, or neither']);
    }
    return parsed.data;
  }
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    return `${name}=${JSON.stringify(source[name] ?? '')}: ${issue.message}`;
  });
  throw new EnvError(problems);
}
