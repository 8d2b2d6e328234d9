import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  channels,
  channelServiceActivations,
  organizations,
  serviceConfigs,
} from '../../drizzle/schema/index.ts';
import { parse, stringify } from 'yaml';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import type { Db } from '../../server/db/client.ts';
import { applyProvisioning } from '../../server/provisioning/apply.ts';
import { exportProvisioning } from '../../server/provisioning/export.ts';
import { createService, updateService } from '../../server/services/commands.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import {
  apply,
  counts,
  effective,
  FILE,
  PASSWORD,
  problemsOf,
  service,
  testSecrets,
} from '../helpers/provisioningOrganizations.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

describe('provisioning organizations: what is refused', () => {
  it('refuses references the database cannot satisfy, at their paths, and applies nothing', async () => {
    const before = await counts(tdb.db);
    const unknownOrg = FILE.replace(
      'organization: inspired\n    activations',
      'organization: nowhere\n    activations',
    );
    expect(await problemsOf(apply(tdb.db, unknownOrg))).toEqual([
      {
        path: 'channels[0].organization',
        message: expect.stringContaining(
          'no organization nowhere, neither in the file nor in the database',
        ) as string,
      },
    ]);
    expect(await counts(tdb.db)).toEqual(before);
    // An organization in the database only: its configurations are checked there.
    await apply(tdb.db, FILE);
    const channelsOnly = FILE.slice(FILE.indexOf('channels:')).replace(
      'activations: { order-export: true }',
      'activations: { order-export: true, download: true }',
    );
    expect(await problemsOf(apply(tdb.db, channelsOnly))).toEqual([
      {
        path: 'channels[0].activations.download',
        message: expect.stringContaining(
          'The organization inspired has no download service to inherit',
        ) as string,
      },
    ]);
    const local = channelsOnly.replace(
      'activations: { order-export: true, download: true }',
      `services:\n${service('rma')}`,
    );
    expect(await problemsOf(apply(tdb.db, local))).toEqual([
      {
        path: 'channels[0].services[0].type',
        message: expect.stringContaining('shares its rma as shared-mandatory') as string,
      },
    ]);
    expect((await apply(tdb.db, FILE.slice(FILE.indexOf('channels:')))).summary).toMatchObject({
      create: 0,
      update: 0,
    });
  });

  it('applies nothing when one organization value is bad, or one of its services is refused', async () => {
    const before = await counts(tdb.db);
    const bad = FILE.replace('sharing: shared-mandatory', 'sharing: shared-always').replace(
      'description: The inSPIRED sales organization',
      'description: The inSPIRED sales organization\n    colour: blue',
    );
    const problems = await problemsOf(apply(tdb.db, bad));
    expect(problems).toEqual([
      {
        path: 'organizations[0].colour',
        message: expect.stringContaining('an organization takes: id, name') as string,
      },
      {
        path: 'organizations[0].services[2].sharing',
        message: 'Choose a sharing rule: unshared, shared-active, shared-inactive, shared-mandatory.',
      },
    ]);
    expect(await counts(tdb.db)).toEqual(before);

    // Valid on its own, refused by the activation rules once the channels inherit both.
    const conflicting = FILE.replace(
      `${service('rma', ['sharing: shared-mandatory'])}`,
      `${service('rma', ['sharing: shared-mandatory'])}\n${service('order', ['sharing: shared-active'])}`,
    ).replace('activations: { order-export: true }', 'activations: { order-export: true, order: true }');
    expect(await problemsOf(apply(tdb.db, conflicting))).toEqual([
      {
        path: 'channels[0].activations.order-export',
        message: expect.stringContaining('they must not both be active') as string,
      },
    ]);
    expect(await counts(tdb.db)).toEqual(before);
  });
});

describe('provisioning export with organizations', () => {
  /** Organizations, channels, services and switches, without what differs between two databases (ids, times). */
  async function configuration(db: Db) {
    const services = await db.select().from(serviceConfigs).orderBy(serviceConfigs.type);
    const typeOf = new Map(services.map((s) => [s.id, s.type]));
    return {
      organizations: (await db.select().from(organizations).orderBy(organizations.id)).map((o) => [
        o.id,
        o.name,
        o.description,
      ]),
      channels: (await db.select().from(channels).orderBy(channels.id)).map((c) => [c.id, c.organizationId]),
      services: services
        .map((s) => [
          s.organizationId ?? s.channelId,
          s.type,
          s.sharingRule,
          s.active,
          s.endpoint,
          s.settings,
        ])
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      activations: (await db.select().from(channelServiceActivations))
        .map((a) => [a.channelId, typeOf.get(a.configId), a.active])
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    };
  }

  it('writes organizations with sharing rules and channels with their organization and switches; applied to an empty database it gives the same', async () => {
    await apply(tdb.db, FILE);
    const yaml = await exportProvisioning(tdb.db);
    expect(yaml).not.toContain(PASSWORD);
    expect(yaml).toContain(
      'organizations:\n  - id: default\n    name: Default organization\n    description: Channels created without an organization belong here.\n    services: []\n  - id: inspired\n',
    );
    expect(yaml).toContain('      - type: order-export\n        sharing: shared-inactive\n');
    expect(yaml).toContain('    organization: inspired\n');
    expect(yaml).toContain('    activations:\n      order-export: true\n');
    expect(yaml).toContain('    activations:\n      order-history: false\n');

    const target = await createTestDatabase();
    try {
      await target.reset();
      const plan = await applyProvisioning(target.db, testSecrets, yaml, { env: {} });
      expect(plan.summary).toEqual({ create: 9, update: 0, unchanged: 1, notInFile: 0 });
      expect(await configuration(target.db)).toEqual(await configuration(tdb.db));
      expect(await effective(target.db)).toEqual(await effective(tdb.db));
      expect(await exportProvisioning(target.db)).toBe(yaml);
    } finally {
      await target.close();
    }
    const back = await applyProvisioning(tdb.db, testSecrets, yaml, { env: {} });
    expect(back.summary).toMatchObject({ create: 0, update: 0 });
  });

  it('leaves out a channel’s own service that a shared-mandatory one makes inert, and a switch that no longer applies', async () => {
    await apply(tdb.db, FILE);
    // Made by hand: the organization makes inventory mandatory (inspired-b2b has its own) and keeps order
    // history to itself (inspired-b2b had switched it off).
    const actor = { ...SYSTEM_ACTOR, user: null };
    await createService(tdb.db, testSecrets, actor, {
      organizationId: 'inspired',
      sharingRule: 'shared-mandatory',
      type: 'inventory',
      active: true,
      endpoint: 'https://iom.example.com/servlets/services/',
    });
    const [history] = await tdb.db
      .select()
      .from(serviceConfigs)
      .where(and(eq(serviceConfigs.organizationId, 'inspired'), eq(serviceConfigs.type, 'order-history')));
    await updateService(tdb.db, testSecrets, actor, {
      id: history?.id ?? '',
      version: history?.version ?? 0,
      sharingRule: 'unshared',
      confirmLoss: true,
    });
    const exported = parse(await exportProvisioning(tdb.db)) as {
      channels: { id: string; services: unknown[]; activations?: unknown }[];
    };
    const b2b = exported.channels.find((c) => c.id === 'inspired-b2b');
    expect(b2b?.services).toEqual([]);
    expect(b2b).not.toHaveProperty('activations');

    const back = await applyProvisioning(tdb.db, testSecrets, stringify(exported), { env: {} });
    expect(back.channels.find((c) => c.id === 'inspired-b2b')?.servicesNotInFile).toEqual(['inventory']);
    // Only the inventory configuration made by hand changes: the file now manages it.
    expect(back.summary).toMatchObject({ create: 0, update: 1 });
    expect(
      back.organizations.find((o) => o.id === 'inspired')?.services.find((s) => s.type === 'inventory')
        ?.changes,
    ).toEqual([{ field: 'provisioned', from: false, to: true }]);
  });
});
