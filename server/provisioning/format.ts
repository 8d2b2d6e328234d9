import { z } from 'zod';
import { CATALOGUE, defaultSettings, isServiceType } from '../../shared/catalogue/index.ts';
import { SERVICE_TYPES, type ServiceType } from '../../shared/catalogue/types.ts';
import { channelCreateSchema } from '../../shared/schemas/channels.ts';
import {
  certificatePinSchema,
  DEFAULT_TIMEOUT_MS,
  passwordChangeSchema,
  serviceCreateSchema,
  serviceUpdateSchema,
  timeoutMsSchema,
} from '../../shared/schemas/services.ts';
import { formatPath, type Problem } from './errors.ts';

/** A service of a channel as the file declares it, normalised (defaults applied, settings complete). */
export interface ProvisionedService {
  type: ServiceType;
  name: string | null;
  endpoint: string;
  username: string;
  /** Left out: the stored one is kept. Null: cleared. A string: set. */
  password?: string | null;
  active: boolean;
  timeoutMs: number;
  trustedCertificateSha256: string | null;
  settings: Record<string, unknown>;
}

export interface ProvisionedChannel {
  id: string;
  name: string;
  iomShopId: bigint;
  iomShopName: string;
  iomBaseUrl: string | null;
  description: string | null;
  services: ProvisionedService[];
}

export interface ProvisioningDocument {
  channels: ProvisionedChannel[];
}

/** The keys each level of the file takes, in the order export writes them. */
export const CHANNEL_KEYS = [
  'id',
  'name',
  'iomShopId',
  'iomShopName',
  'iomBaseUrl',
  'description',
  'services',
] as const;
export const SERVICE_KEYS = [
  'type',
  'name',
  'endpoint',
  'username',
  'password',
  'active',
  'timeoutMs',
  'trustedCertificateSha256',
  'settings',
] as const;

const emptyToNull = (v: string | null | undefined) => (v ? v : null);

const commonServiceFields = {
  name: serviceCreateSchema.shape.name.transform(emptyToNull),
  endpoint: serviceUpdateSchema.shape.endpoint.unwrap(),
  username: serviceUpdateSchema.shape.username.unwrap(),
  password: passwordChangeSchema,
  active: serviceUpdateSchema.shape.active.unwrap(),
  timeoutMs: timeoutMsSchema.default(DEFAULT_TIMEOUT_MS),
  trustedCertificateSha256: certificatePinSchema.nullish().transform((v) => v ?? null),
};

/** One strict object per type: its settings are checked (and defaulted) by the type's own catalogue schema. */
const serviceOptions = SERVICE_TYPES.map((type) =>
  z
    .object({
      type: z.literal(type),
      ...commonServiceFields,
      settings: CATALOGUE[type].settings.prefault({}),
    })
    .strict(),
);

export const serviceTypeList = SERVICE_TYPES.join(', ');

const serviceSchema = z.discriminatedUnion(
  'type',
  serviceOptions as unknown as [(typeof serviceOptions)[number], ...(typeof serviceOptions)[number][]],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `Unknown or missing service type; choose one of ${serviceTypeList}.`
        : `A service is a map of keys (${SERVICE_KEYS.join(', ')}).`,
  },
);

const channelSchema = channelCreateSchema
  .extend({
    services: z.array(serviceSchema, { error: 'services is a list of services.' }).default([]),
  })
  .strict();

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);

/** Channel ids are unique in a file, and a channel has at most one service of a type (as in the database). */
function checkUniqueness(value: unknown, ctx: z.RefinementCtx) {
  if (!isRecord(value)) return;
  const channelAt = new Map<string, number>();
  asList(value.channels).forEach((channel, i) => {
    if (!isRecord(channel)) return;
    const id = trimmed(channel.id);
    if (id) {
      const first = channelAt.get(id);
      if (first === undefined) channelAt.set(id, i);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['channels', i, 'id'],
          message: `The channel ${id} appears twice (first at channels[${first}]); channel ids are unique.`,
        });
    }
    const typeAt = new Map<string, number>();
    asList(channel.services).forEach((service, j) => {
      if (!isRecord(service) || typeof service.type !== 'string') return;
      const first = typeAt.get(service.type);
      if (first === undefined) typeAt.set(service.type, j);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['channels', i, 'services', j, 'type'],
          message: `The channel ${id ?? `channels[${i}]`} has a second ${service.type} service (first at services[${first}]); a channel has at most one service of each type.`,
        });
    });
  });
}

/** The provisioning file: `channels:` with their services. Unknown keys are refused at every level. */
export const provisioningFileSchema = z
  .object({
    channels: z.array(channelSchema, { error: 'channels is a list of channels.' }),
  })
  .strict()
  .superRefine(checkUniqueness, { when: () => true });

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** What is wrong with an unknown key, saying which keys its place takes. */
function unknownKeyMessage(raw: unknown, path: readonly PropertyKey[], key: string): string {
  const last = path[path.length - 1];
  if (path.length === 0) return 'Unknown key; the file takes: channels.';
  if (path.length === 2 && path[0] === 'channels')
    return `Unknown key; a channel takes: ${CHANNEL_KEYS.join(', ')}.`;
  if (last === 'settings') {
    const type = valueAt(raw, [...path.slice(0, -1), 'type']);
    if (isServiceType(type)) {
      const keys = Object.keys(defaultSettings(type));
      return `${key} is not a setting of ${type}; its settings are: ${keys.join(', ') || 'none'}.`;
    }
  }
  if (path.length === 4 && path[2] === 'services')
    return `Unknown key; a service takes: ${SERVICE_KEYS.join(', ')}.`;
  return 'Unknown key.';
}

/** Zod's issues as problems, one per offending key, each with its full path. */
export function problemsOf(error: z.ZodError, raw: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          path: formatPath([...issue.path, key]),
          message: unknownKeyMessage(raw, issue.path, key),
        });
      }
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      problems.push({
        path: formatPath(issue.path),
        message: issue.message.startsWith('Invalid input')
          ? 'Missing: this key is required.'
          : `Missing: ${issue.message}`,
      });
    } else {
      problems.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return problems;
}

/** Validates a parsed (and interpolated) file; every problem is collected, none thrown. */
export function checkDocument(raw: unknown): { document: ProvisioningDocument | null; problems: Problem[] } {
  const result = provisioningFileSchema.safeParse(raw, { reportInput: true });
  if (!result.success) return { document: null, problems: problemsOf(result.error, raw) };
  const document: ProvisioningDocument = {
    channels: result.data.channels.map((c) => ({
      ...c,
      services: c.services.map((s) => ({
        ...s,
        // Settings as stored: keys without a value (e.g. no schedule interval unless scheduled) are left out.
        settings: Object.fromEntries(Object.entries(s.settings).filter(([, v]) => v !== undefined)),
      })),
    })),
  };
  return { document, problems: [] };
}
