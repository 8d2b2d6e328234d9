import { z } from 'zod';
import { DEFAULT_ORGANIZATION_ID } from '../../drizzle/schema/organizations.ts';
import { CATALOGUE } from '../../shared/catalogue/index.ts';
import { SERVICE_TYPES, type ServiceType } from '../../shared/catalogue/types.ts';
import { channelCreateSchema } from '../../shared/schemas/channels.ts';
import {
  organizationCreateSchema,
  organizationIdSchema,
  sharingRuleSchema,
} from '../../shared/schemas/organizations.ts';
import {
  certificatePinSchema,
  clientCertificateChangeSchema,
  DEFAULT_TIMEOUT_MS,
  type ClientCertificateInput,
  passwordChangeSchema,
  serviceCreateSchema,
  serviceUpdateSchema,
  timeoutMsSchema,
} from '../../shared/schemas/services.ts';
import type { SharingRule } from '../../shared/sharing/effective.ts';
import type { Problem } from './errors.ts';
import { problemsOf } from './issues.ts';
import { ORGANIZATION_SERVICE_KEYS, SERVICE_KEYS, serviceTypeList } from './keys.ts';
import { checkReferences } from './references.ts';

/** A service as the file declares it, normalised (defaults applied, settings complete). */
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
  /** Like the password: left out, the stored one is kept; null clears it; a value sets it. */
  clientCertificate?: ClientCertificateInput | null;
  settings: Record<string, unknown>;
}

/** A service of an organization: shared with the organization's channels under its sharing rule. */
export interface ProvisionedOrganizationService extends ProvisionedService {
  sharing: SharingRule;
}

export interface ProvisionedOrganization {
  id: string;
  name: string;
  description: string | null;
  services: ProvisionedOrganizationService[];
}

/** A channel's own switch for a configuration it inherits from its organization. */
export interface ProvisionedActivation {
  type: ServiceType;
  active: boolean;
}

export interface ProvisionedChannel {
  id: string;
  name: string;
  iomShopId: bigint;
  iomShopName: string;
  iomBaseUrl: string | null;
  description: string | null;
  /** The organization the channel belongs to; `default` when the file leaves it out. */
  organization: string;
  services: ProvisionedService[];
  activations: ProvisionedActivation[];
}

export interface ProvisioningDocument {
  organizations: ProvisionedOrganization[];
  channels: ProvisionedChannel[];
}

const emptyToNull = (v: string | null | undefined) => (v ? v : null);

const commonServiceFields = {
  name: serviceCreateSchema.shape.name.transform(emptyToNull),
  endpoint: serviceUpdateSchema.shape.endpoint.unwrap(),
  username: serviceUpdateSchema.shape.username.unwrap(),
  password: passwordChangeSchema,
  active: serviceUpdateSchema.shape.active.unwrap(),
  timeoutMs: timeoutMsSchema.default(DEFAULT_TIMEOUT_MS),
  trustedCertificateSha256: certificatePinSchema.nullish().transform((v) => v ?? null),
  clientCertificate: clientCertificateChangeSchema,
};

/**
 * A list of services, one strict object per type: its settings are checked (and defaulted) by the type's own
 * catalogue schema. `extra` adds keys, e.g. an organization service's sharing rule.
 */
function serviceListSchema<Extra extends z.ZodRawShape>(extra: Extra, keys: readonly string[]) {
  const options = SERVICE_TYPES.map((type) =>
    z
      .object({
        type: z.literal(type),
        ...extra,
        ...commonServiceFields,
        settings: CATALOGUE[type].settings.prefault({}),
      })
      .strict(),
  );
  const service = z.discriminatedUnion(
    'type',
    options as unknown as [(typeof options)[number], ...(typeof options)[number][]],
    {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `Unknown or missing service type; choose one of ${serviceTypeList}.`
          : `A service is a map of keys (${keys.join(', ')}).`,
    },
  );
  return z.array(service, { error: 'services is a list of services.' }).default([]);
}

const activationsSchema = z
  .object(
    Object.fromEntries(
      SERVICE_TYPES.map((type) => [
        type,
        z
          .boolean({
            error: `An activation is true (the channel uses the ${type} it inherits) or false (it does not).`,
          })
          .optional(),
      ]),
    ),
    { error: 'activations is a map of service type: true or false, e.g. { order-export: true }.' },
  )
  .strict()
  .default({});

const organizationSchema = organizationCreateSchema
  .extend({ services: serviceListSchema({ sharing: sharingRuleSchema }, ORGANIZATION_SERVICE_KEYS) })
  .strict();

const channelSchema = channelCreateSchema
  .omit({ organizationId: true })
  .extend({
    organization: organizationIdSchema.default(DEFAULT_ORGANIZATION_ID),
    services: serviceListSchema({}, SERVICE_KEYS),
    activations: activationsSchema,
  })
  .strict();

/**
 * The provisioning file: `organizations:` with their shared services, and `channels:` with their own services
 * and switches. Unknown keys are refused at every level; references within the file are checked as well.
 */
export const provisioningFileSchema = z
  .object({
    organizations: z
      .array(organizationSchema, { error: 'organizations is a list of organizations.' })
      .default([]),
    channels: z.array(channelSchema, { error: 'channels is a list of channels.' }),
  })
  .strict()
  .superRefine(checkReferences, { when: () => true });

/** Settings as stored: keys without a value (e.g. no schedule interval unless scheduled) are left out. */
const storedSettings = <S extends { settings: Record<string, unknown> }>(service: S): S => ({
  ...service,
  settings: Object.fromEntries(Object.entries(service.settings).filter(([, v]) => v !== undefined)),
});

/** Validates a parsed (and interpolated) file; every problem is collected, none thrown. */
export function checkDocument(raw: unknown): { document: ProvisioningDocument | null; problems: Problem[] } {
  const result = provisioningFileSchema.safeParse(raw, { reportInput: true });
  if (!result.success) return { document: null, problems: problemsOf(result.error, raw) };
  const document: ProvisioningDocument = {
    organizations: result.data.organizations.map((o) => ({
      ...o,
      services: o.services.map(storedSettings),
    })),
    channels: result.data.channels.map(({ activations, ...c }) => ({
      ...c,
      services: c.services.map(storedSettings),
      activations: SERVICE_TYPES.flatMap((type) => {
        const active = (activations as Partial<Record<ServiceType, boolean>>)[type];
        return active === undefined ? [] : [{ type, active }];
      }),
    })),
  };
  return { document, problems: [] };
}
