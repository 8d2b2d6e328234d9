import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { auditEvents, channels, serviceConfigs } from '../../drizzle/schema/index.ts';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import type { Db } from '../../server/db/client.ts';
import { applyDocument, applyProvisioning, type ApplyOptions } from '../../server/provisioning/apply.ts';
import { ProvisioningError, type Problem } from '../../server/provisioning/errors.ts';
import { exportProvisioning } from '../../server/provisioning/export.ts';
import { renderPlan } from '../../server/provisioning/render.ts';
import { createService, secretContext, updateService } from '../../server/services/commands.ts';
import { listServices, toView } from '../../server/services/queries.ts';
import { ensureChannels, signedInAs, testSecrets } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import type { EnvMap } from '../../server/provisioning/interpolate.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

const PASSWORD = 'iom password 7f3a';
const ENV: EnvMap = { IOM_PASSWORD: PASSWORD, HISTORY_USER: 'history_ws' };

/** The SPEC's example, and a second channel with a base URL, a description and a big shop ID. */
const FILE = `
channels:
  - id: inspired-b2c            # the ICM channel id
    name: inSPIRED inTRONICS B2C
    iomShopId: 10000
    iomShopName: inTRONICS
    services:
      - type: order-export
        endpoint: https://iom.example.com/rest/order-service
        username: consumer_ws
        password: \${IOM_PASSWORD}
        active: true
        timeoutMs: 30000
        settings: { exportTrigger: on-order-creation, maxAttempts: 8, retryInitialDelaySeconds: 30, escalationThreshold: 5 }
      - type: inventory
        endpoint: https://iom.example.com/servlets/services/
        username: consumer_ws
        password: \${IOM_PASSWORD}
        active: true
        settings: { globalCache: true, availabilityCheckOnFailure: true, reservationType: COMPLETE, reservationLifetimeSeconds: 600 }
  - id: inspired-b2b
    name: inSPIRED inTRONICS B2B
    iomShopId: 9223372036854775807
    iomShopName: inTRONICS-B2B
    iomBaseUrl: https://iom-b2b.example.com/
    description: Business customers
    services:
      - type: order-history
        name: History for B2B
        endpoint: https://iom-b2b.example.com/rest/order-service
        username: \${HISTORY_USER}
        active: false
        timeoutMs: 5000
        trustedCertificateSha256: "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99"
        settings: { cacheTtlSeconds: 60 }
`;

const apply = (db: Db, text: string, options: ApplyOptions & { env?: EnvMap } = {}) =>
  applyProvisioning(db, testSecrets, text, { env: ENV, ...options });

async function counts(db: Db) {
  return {
    channels: await db.$count(channels),
    services: await db.$count(serviceConfigs),
    audit: await db.$count(auditEvents),
  };
}

async function problemsOf(work: Promise<unknown>): Promise<Problem[]> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProvisioningError);
  return (error as ProvisioningError).problems;
}

/** The configuration, without what differs between two databases holding the same one (ids, times, versions). */
async function configuration(db: Db) {
  const channelRows = await db.select().from(channels).orderBy(channels.id);
  const serviceRows = await db
    .select()
    .from(serviceConfigs)
    .orderBy(serviceConfigs.channelId, serviceConfigs.type);
  return {
    channels: channelRows.map(
      ({ version: _v, createdAt: _c, updatedAt: _u, updatedBy: _b, ...rest }) => rest,
    ),
    services: serviceRows.map(
      ({
        id: _id,
        version: _v,
        createdAt: _c,
        updatedAt: _u,
        updatedBy: _b,
        provisionedAt: _p,
        passwordEncrypted: _pw,
        ...rest
      }) => rest,
    ),
  };
}

async function serviceRow(db: Db, channelId: string, type: string) {
  const rows = await db.select().from(serviceConfigs).where(eq(serviceConfigs.channelId, channelId));
  const row = rows.find((r) => r.type === type && r.deletedAt === null);
  if (!row) throw new Error(`no ${type} service in ${channelId}`);
  return row;
}

describe('provisioning apply', () => {
  it('creates channels and services, with passwords encrypted and the services marked as provisioned', async () => {
    const plan = await apply(tdb.db, FILE);
    expect(plan.summary).toEqual({ create: 5, update: 0, unchanged: 0, notInFile: 0 });

    const [b2b] = await tdb.db.select().from(channels).where(eq(channels.id, 'inspired-b2b'));
    expect(b2b).toMatchObject({
      name: 'inSPIRED inTRONICS B2B',
      iomShopId: 9223372036854775807n,
      iomBaseUrl: 'https://iom-b2b.example.com',
      description: 'Business customers',
      updatedBy: 'provisioning',
    });

    const exportService = await serviceRow(tdb.db, 'inspired-b2c', 'order-export');
    expect(exportService).toMatchObject({
      active: true,
      username: 'consumer_ws',
      timeoutMs: 30_000,
      updatedBy: 'provisioning',
    });
    expect(exportService.passwordEncrypted).toBeTruthy();
    expect(exportService.passwordEncrypted).not.toContain(PASSWORD);
    expect(testSecrets.decrypt(exportService.passwordEncrypted ?? '', secretContext(exportService.id))).toBe(
      PASSWORD,
    );
    expect(exportService.provisionedAt).toBeInstanceOf(Date);
    expect(toView(exportService).provisioned).toBe(true);

    const history = await serviceRow(tdb.db, 'inspired-b2b', 'order-history');
    expect(history).toMatchObject({
      name: 'History for B2B',
      username: 'history_ws',
      active: false,
      passwordEncrypted: null,
      timeoutMs: 5000,
      trustedCertificateSha256: 'aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899',
      settings: { cacheTtlSeconds: 60 },
    });

    const admin = await signedInAs(tdb.db, 'admin');
    const views = await listServices(tdb.db, admin.user, {});
    expect(views.map((v) => [v.channelId, v.type, v.provisioned, v.passwordConfigured])).toEqual([
      ['inspired-b2b', 'order-history', true, false],
      ['inspired-b2c', 'inventory', true, true],
      ['inspired-b2c', 'order-export', true, true],
    ]);
    const audit = await tdb.db.select().from(auditEvents).where(eq(auditEvents.actorEmail, 'provisioning'));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'channel.created',
      'channel.created',
      'service.created',
      'service.created',
      'service.created',
    ]);
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });

  it('is idempotent: the second apply plans everything unchanged and changes nothing', async () => {
    await apply(tdb.db, FILE);
    const before = await counts(tdb.db);
    const versions = await tdb.db
      .select({ id: serviceConfigs.id, version: serviceConfigs.version })
      .from(serviceConfigs);
    const again = await apply(tdb.db, FILE);
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 5, notInFile: 0 });
    expect(again.channels.flatMap((c) => [c.action, ...c.services.map((s) => s.action)])).toEqual(
      Array(5).fill('unchanged'),
    );
    expect(renderPlan(again)).toBe(
      '= inspired-b2c (unchanged)\n= inspired-b2b (unchanged)\n0 to create, 0 to change, 5 unchanged\n',
    );
    expect(await counts(tdb.db)).toEqual(before);
    expect(
      await tdb.db.select({ id: serviceConfigs.id, version: serviceConfigs.version }).from(serviceConfigs),
    ).toEqual(expect.arrayContaining(versions));
  });

  it('plans and applies field-level changes, showing a changed password only as "(changed)"', async () => {
    await apply(tdb.db, FILE);
    const changed = FILE.replace(
      'exportTrigger: on-order-creation,',
      'exportTrigger: scheduled, scheduleIntervalMinutes: 15,',
    )
      .replace('name: inSPIRED inTRONICS B2B', 'name: B2B shop')
      .replace('iomShopId: 9223372036854775807', 'iomShopId: 10001');
    const env = { ...ENV, IOM_PASSWORD: 'a new iom password' };
    const dry = await apply(tdb.db, changed, { env, dryRun: true });
    const text = renderPlan(dry);
    expect(text).toContain(
      '~ inspired-b2c/order-export: settings.exportTrigger: on-order-creation → scheduled\n',
    );
    expect(text).toContain('~ inspired-b2c/order-export: settings.scheduleIntervalMinutes: (none) → 15\n');
    expect(text).toContain('~ inspired-b2c/order-export: password: (changed)\n');
    expect(text).toContain('~ inspired-b2c/inventory: password: (changed)\n');
    expect(text).toContain('~ channel inspired-b2b: name: inSPIRED inTRONICS B2B → B2B shop\n');
    expect(text).toContain('~ channel inspired-b2b: iomShopId: 9223372036854775807 → 10001\n');
    expect(text).toContain('= inspired-b2b/order-history (unchanged)\n');
    expect(text).toMatch(/0 to create, 3 to change, 2 unchanged\n$/);
    expect(text).not.toContain('a new iom password');
    expect(text).not.toContain(PASSWORD);

    const applied = await apply(tdb.db, changed, { env });
    expect(applied.summary).toEqual(dry.summary);
    const exportService = await serviceRow(tdb.db, 'inspired-b2c', 'order-export');
    expect(exportService.settings).toMatchObject({ exportTrigger: 'scheduled', scheduleIntervalMinutes: 15 });
    expect(exportService.version).toBe(2);
    expect(testSecrets.decrypt(exportService.passwordEncrypted ?? '', secretContext(exportService.id))).toBe(
      'a new iom password',
    );
    const [b2b] = await tdb.db.select().from(channels).where(eq(channels.id, 'inspired-b2b'));
    expect(b2b).toMatchObject({ name: 'B2B shop', iomShopId: 10001n, version: 2 });
    const audit = await tdb.db.select().from(auditEvents).where(eq(auditEvents.action, 'service.updated'));
    expect(JSON.stringify(audit)).not.toContain('a new iom password');
    expect((await apply(tdb.db, changed, { env })).summary.update).toBe(0);
  });

  it('keeps the stored password when the file leaves it out, and clears it for password: null', async () => {
    await apply(tdb.db, FILE);
    const withoutPasswords = FILE.replace(/^ +password: .*\n/gm, '');
    expect(
      (await apply(tdb.db, withoutPasswords, { env: { HISTORY_USER: 'history_ws' } })).summary.update,
    ).toBe(0);
    const kept = await serviceRow(tdb.db, 'inspired-b2c', 'inventory');
    expect(testSecrets.decrypt(kept.passwordEncrypted ?? '', secretContext(kept.id))).toBe(PASSWORD);

    const cleared = FILE.replace(/password: \$\{IOM_PASSWORD\}/g, 'password: null');
    const plan = await apply(tdb.db, cleared);
    expect(renderPlan(plan)).toContain('~ inspired-b2c/inventory: password: (cleared)\n');
    expect((await serviceRow(tdb.db, 'inspired-b2c', 'inventory')).passwordEncrypted).toBeNull();
  });

  it('changes nothing on a dry run', async () => {
    const plan = await apply(tdb.db, FILE, { dryRun: true });
    expect(plan.summary.create).toBe(5);
    expect(await counts(tdb.db)).toEqual({ channels: 0, services: 0, audit: 0 });

    await apply(tdb.db, FILE);
    const before = await configuration(tdb.db);
    const auditBefore = await counts(tdb.db);
    await apply(tdb.db, FILE.replace('cacheTtlSeconds: 60', 'cacheTtlSeconds: 61'), { dryRun: true });
    expect(await configuration(tdb.db)).toEqual(before);
    expect(await counts(tdb.db)).toEqual(auditBefore);
  });

  it('applies nothing at all when one value anywhere is invalid, and names every problem with its path', async () => {
    await ensureChannels(tdb.db, ['existing']);
    const before = await counts(tdb.db);
    const bad = FILE.replace('cacheTtlSeconds: 60', 'cacheTtlSeconds: -1').replace(
      'timeoutMs: 30000',
      'timeoutMs: 30000\n        retries: 3',
    );
    const problems = await problemsOf(apply(tdb.db, bad));
    expect(problems).toEqual([
      { path: 'channels[0].services[0].retries', message: expect.stringContaining('Unknown key') as string },
      {
        path: 'channels[1].services[0].settings.cacheTtlSeconds',
        message: 'Cache TTL must be at least 0 seconds.',
      },
    ]);
    expect(await counts(tdb.db)).toEqual(before);
  });

  it('applies nothing when a variable is missing', async () => {
    const problems = await problemsOf(apply(tdb.db, FILE, { env: { IOM_PASSWORD: PASSWORD } }));
    expect(problems).toEqual([
      { path: 'channels[1].services[0].username', message: '${HISTORY_USER} is not set in the environment' },
    ]);
    expect(await counts(tdb.db)).toEqual({ channels: 0, services: 0, audit: 0 });
  });

  it('reports an activation conflict with the path of the service, and rolls back what came before it', async () => {
    const conflicting = `${FILE}
  - id: legacy
    name: Legacy shop
    iomShopId: 20000
    iomShopName: legacy
    services:
      - type: order-export
        endpoint: https://iom.example.com/rest/order-service
        username: consumer_ws
        active: true
      - type: order
        endpoint: https://iom.example.com/webservices/OrderService/v1.2
        username: consumer_ws
        active: true
`;
    const problems = await problemsOf(apply(tdb.db, conflicting));
    expect(problems).toEqual([
      {
        path: 'channels[2].services[1].active',
        message: expect.stringContaining('they must not both be active') as string,
      },
    ]);
    // The first two channels were valid and written before the conflict, inside the same transaction.
    expect(await counts(tdb.db)).toEqual({ channels: 0, services: 0, audit: 0 });
    // A dry run finds it too.
    expect(await problemsOf(apply(tdb.db, conflicting, { dryRun: true }))).toEqual(problems);
  });

  it('finds a conflict with an active service the file does not mention', async () => {
    await apply(tdb.db, FILE);
    const legacyOrder = FILE.replace(
      '      - type: inventory\n',
      '      - type: order\n        endpoint: https://iom.example.com/webservices/OrderService/v1.2\n        username: u\n        active: true\n      - type: inventory\n',
    ).replace(/ {6}- type: order-export\n( {8}.*\n)+?(?= {6}- type: order\n)/, '');
    const problems = await problemsOf(apply(tdb.db, legacyOrder));
    expect(problems).toEqual([
      {
        path: 'channels[0].services[0].active',
        message: expect.stringContaining('Deactivate IOM Order Export Service first') as string,
      },
    ]);
  });

  it('swaps a deprecated service for its replacement in one apply (deactivations go first)', async () => {
    const withOrder = (orderActive: boolean, exportActive: boolean) => `
channels:
  - id: shop
    name: Shop
    iomShopId: 1
    iomShopName: shop
    services:
      - type: order-export
        endpoint: https://iom.example.com/rest/order-service
        username: u
        active: ${exportActive}
      - type: order
        endpoint: https://iom.example.com/webservices/OrderService/v1.2
        username: u
        active: ${orderActive}
`;
    await apply(tdb.db, withOrder(true, false));
    const plan = await apply(tdb.db, withOrder(false, true));
    expect(plan.summary.update).toBe(2);
    expect((await serviceRow(tdb.db, 'shop', 'order-export')).active).toBe(true);
    expect((await serviceRow(tdb.db, 'shop', 'order')).active).toBe(false);
    await apply(tdb.db, withOrder(true, false));
    expect((await serviceRow(tdb.db, 'shop', 'order')).active).toBe(true);
  });

  it('warns about Reverse active beside RMA, counting an active service the file does not mention', async () => {
    const file = (services: string[]) => `
channels:
  - id: shop
    name: Shop
    iomShopId: 1
    iomShopName: shop
    services:
${services.map((type) => `      - type: ${type}\n        endpoint: https://iom.example.com/${type}\n        username: u\n        active: true\n`).join('')}`;
    const both = await apply(tdb.db, file(['rma', 'reverse']));
    expect(both.channels[0]?.warnings).toEqual([
      expect.stringContaining('Reverse Service (SOAP) is the deprecated predecessor of IOM RMA Service'),
    ]);
    expect(renderPlan(both)).toMatch(/\n! shop: IOM Reverse Service \(SOAP\) is the deprecated predecessor/);
    const onlyRma = await apply(tdb.db, file(['rma']));
    expect(onlyRma.channels[0]?.servicesNotInFile).toEqual(['reverse']);
    expect(onlyRma.channels[0]?.warnings).toHaveLength(1);
    const reverseOff = await apply(
      tdb.db,
      file(['rma']) +
        '      - type: reverse\n        endpoint: https://iom.example.com/reverse\n        username: u\n        active: false\n',
    );
    expect(reverseOff.channels[0]?.warnings).toEqual([]);
    expect(renderPlan(reverseOff)).not.toContain('!');
  });

  it('reports what the database has beyond the file, and leaves it as is', async () => {
    await ensureChannels(tdb.db, ['other']);
    await apply(tdb.db, FILE);
    await createService(
      tdb.db,
      testSecrets,
      { ...SYSTEM_ACTOR, user: null },
      { channelId: 'inspired-b2c', type: 'rma' },
    );
    const plan = await apply(tdb.db, FILE);
    expect(plan.channelsNotInFile).toEqual(['other']);
    expect(plan.channels[0]?.servicesNotInFile).toEqual(['rma']);
    const text = renderPlan(plan);
    expect(text).toContain('? inspired-b2c/rma: not in file, left as is\n');
    expect(text).toContain('? channel other: not in file, left as is\n');
    expect(text).toContain('= channel inspired-b2c (unchanged)\n');
    expect(text).toMatch(/0 to create, 0 to change, 5 unchanged, 2 not in file \(left as is\)\n$/);
    expect(await tdb.db.$count(channels)).toBe(3);
    await serviceRow(tdb.db, 'inspired-b2c', 'rma');
  });

  it('takes over a configuration made by hand, marking it as provisioned', async () => {
    await ensureChannels(tdb.db, ['shop']);
    const made = await createService(
      tdb.db,
      testSecrets,
      { ...SYSTEM_ACTOR, user: null },
      {
        channelId: 'shop',
        type: 'rma',
        endpoint: 'https://iom.example.com/rest/rma',
        username: 'u',
      },
    );
    await updateService(
      tdb.db,
      testSecrets,
      { ...SYSTEM_ACTOR, user: null },
      { id: made.service.id, version: 1, name: 'by hand' },
    );
    expect(made.service.provisioned).toBe(false);
    const [shop] = await tdb.db.select().from(channels);
    const file = `
channels:
  - id: shop
    name: ${shop?.name}
    iomShopId: ${shop?.iomShopId}
    iomShopName: ${shop?.iomShopName}
    services:
      - type: rma
        endpoint: https://iom.example.com/rest/rma
        username: u
        active: false
`;
    const plan = await apply(tdb.db, file);
    expect(plan.channels[0]?.services[0]?.changes).toEqual([
      { field: 'name', from: 'by hand', to: null },
      { field: 'provisioned', from: false, to: true },
    ]);
    expect((await serviceRow(tdb.db, 'shop', 'rma')).provisionedAt).toBeInstanceOf(Date);
    expect((await apply(tdb.db, file)).summary).toMatchObject({ update: 0, unchanged: 2 });
  });

  it('refuses a file of the earlier shape (cacheTtlSeconds on inventory) with the path and the new key', async () => {
    const earlier = FILE.replace('globalCache: true,', 'cacheTtlSeconds: 5,');
    expect(await problemsOf(apply(tdb.db, earlier))).toEqual([
      {
        path: 'channels[0].services[1].settings.cacheTtlSeconds',
        message: expect.stringMatching(
          /^cacheTtlSeconds is no longer a setting of inventory: use globalCache .*Here that is globalCache: true\.$/,
        ) as string,
      },
    ]);
    expect(await counts(tdb.db)).toMatchObject({ channels: 0, services: 0 });
  });

  it('compares and exports a configuration stored in the earlier shape in the current one', async () => {
    await apply(tdb.db, FILE);
    const inventory = await serviceRow(tdb.db, 'inspired-b2c', 'inventory');
    await tdb.db
      .update(serviceConfigs)
      .set({
        settings: {
          cacheTtlSeconds: 5,
          availabilityCheckOnFailure: true,
          reservationType: 'COMPLETE',
          reservationLifetimeSeconds: 600,
        },
      })
      .where(eq(serviceConfigs.id, inventory.id));
    // The file says globalCache: true, which is what a 5-second TTL was: nothing to change.
    expect((await apply(tdb.db, FILE, { dryRun: true })).summary).toMatchObject({ update: 0, unchanged: 5 });
    const exported = parse(await exportProvisioning(tdb.db)) as {
      channels: { id: string; services: { type: string; settings?: Record<string, unknown> }[] }[];
    };
    const settings = exported.channels
      .find((c) => c.id === 'inspired-b2c')
      ?.services.find((s) => s.type === 'inventory')?.settings;
    expect(settings).toEqual({
      globalCache: true,
      availabilityCheckOnFailure: true,
      reservationType: 'COMPLETE',
      reservationLifetimeSeconds: 600,
    });
    // A file that turns the cache off stores the new shape.
    const plan = await apply(tdb.db, FILE.replace('globalCache: true,', 'globalCache: false,'));
    expect(plan.channels[0]?.services[1]?.changes).toEqual([
      { field: 'settings.globalCache', from: true, to: false },
    ]);
    expect((await serviceRow(tdb.db, 'inspired-b2c', 'inventory')).settings).toEqual({
      globalCache: false,
      availabilityCheckOnFailure: true,
      reservationType: 'COMPLETE',
      reservationLifetimeSeconds: 600,
    });
  });

  it('applies a parsed document directly', async () => {
    await expect(
      applyDocument(tdb.db, testSecrets, { organizations: [], channels: [] }),
    ).resolves.toMatchObject({
      summary: { create: 0, update: 0, unchanged: 0, notInFile: 0 },
    });
  });
});

describe('provisioning export', () => {
  it('writes every channel and live service without passwords; applied to an empty database it gives the same configuration', async () => {
    await apply(tdb.db, FILE);
    // Configuration made by hand as well: a value that looks like a variable, and a deleted service.
    const actor = { ...SYSTEM_ACTOR, user: null };
    await ensureChannels(tdb.db, ['plain']);
    await tdb.db
      .update(channels)
      .set({ description: 'costs ${PRICE} per order' })
      .where(eq(channels.id, 'plain'));
    const rma = await createService(tdb.db, testSecrets, actor, {
      channelId: 'plain',
      type: 'rma',
      password: 'rma password 123',
    });
    await tdb.db
      .update(serviceConfigs)
      .set({ deletedAt: new Date() })
      .where(eq(serviceConfigs.id, rma.service.id));
    await createService(tdb.db, testSecrets, actor, {
      channelId: 'plain',
      type: 'order-state',
      active: true,
    });

    const yaml = await exportProvisioning(tdb.db);
    expect(yaml).not.toContain(PASSWORD);
    expect(yaml).not.toContain('rma password 123');
    expect(yaml).not.toMatch(/^\s+password:/m);
    expect(yaml).toContain('iomShopId: 9223372036854775807\n');
    const parsed = parse(yaml) as { channels: { id: string; services: Record<string, unknown>[] }[] };
    expect(parsed.channels.map((c) => c.id)).toEqual(['inspired-b2b', 'inspired-b2c', 'plain']);
    expect(parsed.channels[2]?.services.map((s) => s.type)).toEqual(['order-state']);
    for (const c of parsed.channels) for (const s of c.services) expect(s).not.toHaveProperty('password');

    const target = await createTestDatabase();
    try {
      // Seeded like the source, so that the default organization (in the export too) is the same on both.
      await target.reset();
      const plan = await applyProvisioning(target.db, testSecrets, yaml, { env: {} });
      expect(plan.summary).toEqual({ create: 7, update: 0, unchanged: 1, notInFile: 0 });
      expect(await configuration(target.db)).toEqual(
        await configuration(tdb.db).then((c) => ({
          ...c,
          services: c.services.filter((s) => s.deletedAt === null),
        })),
      );
      const [plain] = await target.db.select().from(channels).where(eq(channels.id, 'plain'));
      expect(plain?.description).toBe('costs ${PRICE} per order');
      expect(await exportProvisioning(target.db)).toBe(yaml);
    } finally {
      await target.close();
    }

    // Applied back to its own database, the export changes nothing (the stored passwords are kept).
    const back = await applyProvisioning(tdb.db, testSecrets, yaml, { env: {} });
    expect(back.summary).toMatchObject({ create: 0, update: 1, unchanged: 7 });
    expect(back.channels[2]?.services[0]?.changes).toEqual([{ field: 'provisioned', from: false, to: true }]);
    const kept = await serviceRow(tdb.db, 'inspired-b2c', 'order-export');
    expect(testSecrets.decrypt(kept.passwordEncrypted ?? '', secretContext(kept.id))).toBe(PASSWORD);
  });
});
