import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import {
  auditEvents,
  channels,
  channelServiceActivations,
  organizations,
  serviceConfigs,
} from '../../drizzle/schema/index.ts';
import type { Db } from '../../server/db/client.ts';
import { applyProvisioning, type ApplyOptions } from '../../server/provisioning/apply.ts';
import { ProvisioningError, type Problem } from '../../server/provisioning/errors.ts';
import type { EnvMap } from '../../server/provisioning/interpolate.ts';
import { createSecretBox } from '../../server/secrets/secretBox.ts';
import { effectiveForChannels } from '../../server/sharing/effective.ts';

/*
 * The fixture of the organization provisioning tests: a file with an organization, its sharing and two
 * channels. The server's routers stay out of these tests: only the provisioning code and the database are needed.
 */
export const testSecrets = createSecretBox(randomBytes(32));
export const PASSWORD = 'shared iom password 9c1';
export const ENV: EnvMap = { IOM_PASSWORD: PASSWORD };

export const service = (type: string, extra: string[] = []) =>
  [
    `      - type: ${type}`,
    ...extra.map((line) => `        ${line}`),
    `        endpoint: https://iom.example.com/${type}`,
    '        username: consumer_ws',
    '        active: true',
  ].join('\n');

/**
 * An organization shares its order export shared-inactive (one channel activates it), its order history
 * shared-active (the other channel switches it off) and its RMA shared-mandatory; one channel adds its own
 * inventory service.
 */
export const FILE = `
organizations:
  - id: inspired
    name: inSPIRED
    description: The inSPIRED sales organization
    services:
${service('order-export', ['sharing: shared-inactive', 'password: ${IOM_PASSWORD}'])}
        settings: { exportTrigger: on-order-approval }
${service('order-history', ['sharing: shared-active'])}
${service('rma', ['sharing: shared-mandatory'])}
channels:
  - id: inspired-b2c
    name: inSPIRED B2C
    iomShopId: 10000
    iomShopName: inTRONICS
    organization: inspired
    activations: { order-export: true }
  - id: inspired-b2b
    name: inSPIRED B2B
    iomShopId: 10001
    iomShopName: inTRONICS-B2B
    organization: inspired
    services:
${service('inventory')}
    activations: { order-history: false }
`;

export const apply = (db: Db, text: string, options: ApplyOptions & { env?: EnvMap } = {}) =>
  applyProvisioning(db, testSecrets, text, { env: ENV, ...options });

export async function problemsOf(work: Promise<unknown>): Promise<Problem[]> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProvisioningError);
  return (error as ProvisioningError).problems;
}

export async function counts(db: Db) {
  return {
    organizations: await db.$count(organizations),
    channels: await db.$count(channels),
    services: await db.$count(serviceConfigs),
    activations: await db.$count(channelServiceActivations),
    audit: await db.$count(auditEvents),
  };
}

/** Per channel and type: where its configuration comes from, whether it is in use, and its status. */
export async function effective(db: Db) {
  const ids = (await db.select({ id: channels.id }).from(channels)).map((c) => c.id).sort();
  const all = await effectiveForChannels(db, ids);
  return Object.fromEntries(
    ids.map((id) => [
      id,
      Object.fromEntries(
        (all.get(id)?.entries ?? []).map((e) => [
          e.type,
          `${e.effective.source} ${e.effective.active ? 'active' : 'inactive'} ${e.effective.status}`,
        ]),
      ),
    ]),
  );
}
