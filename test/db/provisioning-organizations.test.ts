import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, organizations, serviceConfigs } from '../../drizzle/schema/index.ts';
import { renderPlan } from '../../server/provisioning/render.ts';
import { secretContext } from '../../server/services/commands.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import {
  apply,
  counts,
  effective,
  FILE,
  PASSWORD,
  problemsOf,
  testSecrets,
} from '../helpers/provisioningOrganizations.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

describe('provisioning organizations', () => {
  it('creates organizations, their shared services, channels in them and their switches', async () => {
    const plan = await apply(tdb.db, FILE);
    // 1 organization + 3 shared services, 2 channels + 1 own service, 2 switches.
    expect(plan.summary).toEqual({ create: 9, update: 0, unchanged: 0, notInFile: 0 });
    const [org] = await tdb.db.select().from(organizations).where(eq(organizations.id, 'inspired'));
    expect(org).toMatchObject({ name: 'inSPIRED', description: 'The inSPIRED sales organization' });
    const shared = await tdb.db
      .select()
      .from(serviceConfigs)
      .where(eq(serviceConfigs.organizationId, 'inspired'))
      .orderBy(serviceConfigs.type);
    expect(shared.map((s) => [s.type, s.sharingRule, s.channelId, s.provisionedAt !== null])).toEqual([
      ['order-export', 'shared-inactive', null, true],
      ['order-history', 'shared-active', null, true],
      ['rma', 'shared-mandatory', null, true],
    ]);
    const exportConfig = shared[0];
    expect(
      testSecrets.decrypt(exportConfig?.passwordEncrypted ?? '', secretContext(exportConfig?.id ?? '')),
    ).toBe(PASSWORD);
    expect(await effective(tdb.db)).toEqual({
      'inspired-b2b': {
        'order-export': 'inherited inactive not-activated',
        'order-history': 'inherited inactive deactivated-locally',
        rma: 'mandatory active operational',
        inventory: 'local active operational',
      },
      'inspired-b2c': {
        'order-export': 'inherited active operational',
        'order-history': 'inherited active operational',
        rma: 'mandatory active operational',
      },
    });
    const text = renderPlan(plan);
    expect(text).toContain('+ organization inspired\n    name: inSPIRED\n');
    expect(text).toContain(
      '+ organization inspired/order-export\n    sharing: shared-inactive\n    active: true\n',
    );
    expect(text).toContain('    password: (set)\n');
    expect(text).toContain('+ channel inspired-b2c\n');
    expect(text).toContain('    organization: inspired\n');
    expect(text).toContain('+ inspired-b2c/order-export (inherited from inspired)\n    active: true\n');
    expect(text).not.toContain(PASSWORD);
    const audit = await tdb.db.select().from(auditEvents).where(eq(auditEvents.actorEmail, 'provisioning'));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'channel.created',
      'channel.created',
      'organization.created',
      'service.created',
      'service.created',
      'service.created',
      'service.created',
      'service.inherited_activated',
      'service.inherited_deactivated',
    ]);
  });

  it('is idempotent: the second apply plans everything unchanged and writes no audit entry', async () => {
    const withSwitchOn = FILE.replace(
      'activations: { order-export: true }',
      'activations: { order-export: true, order-history: true }',
    );
    await apply(tdb.db, withSwitchOn);
    const before = await counts(tdb.db);
    const again = await apply(tdb.db, withSwitchOn);
    // Switching the shared-active order history on is its default: nothing to store, ever.
    expect(again.channels[0]?.activations.map((a) => [a.type, a.action])).toEqual([
      ['order-export', 'unchanged'],
      ['order-history', 'unchanged'],
    ]);
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 10, notInFile: 0 });
    expect(renderPlan(again)).toBe(
      [
        '= organization inspired (unchanged)',
        '= inspired-b2c (unchanged)',
        '= inspired-b2b (unchanged)',
        '0 to create, 0 to change, 10 unchanged',
        '',
      ].join('\n'),
    );
    expect(await counts(tdb.db)).toEqual(before);
  });

  it('plans field-level changes of organizations, sharing rules, channel moves and switches', async () => {
    await apply(tdb.db, FILE);
    const changed = FILE.replace('name: inSPIRED\n', 'name: inSPIRED Group\n')
      .replace('sharing: shared-inactive', 'sharing: shared-active')
      .replace('activations: { order-export: true }', 'activations: { order-export: false }');
    const dry = await apply(tdb.db, changed, { dryRun: true });
    const text = renderPlan(dry);
    expect(text).toContain('~ organization inspired: name: inSPIRED → inSPIRED Group\n');
    expect(text).toContain(
      '~ organization inspired/order-export: sharing: shared-inactive → shared-active\n',
    );
    expect(text).toContain('= organization inspired/order-history (unchanged)\n');
    // Under shared-active the switch is on by default: the file turns it off.
    expect(text).toContain('~ inspired-b2c/order-export (inherited from inspired): active: true → false\n');
    expect(text).toMatch(/0 to create, 3 to change, 6 unchanged\n$/);
    expect((await effective(tdb.db))['inspired-b2b']?.['order-export']).toBe(
      'inherited inactive not-activated',
    );

    await apply(tdb.db, changed);
    expect(await effective(tdb.db)).toMatchObject({
      'inspired-b2b': { 'order-export': 'inherited active operational' },
      'inspired-b2c': { 'order-export': 'inherited inactive deactivated-locally' },
    });
    expect((await apply(tdb.db, changed)).summary.update).toBe(0);

    // A channel left without an organization belongs to the default one.
    const moved = changed.replace('    organization: inspired\n    services:', '    services:');
    const plan = await apply(tdb.db, moved.replace('    activations: { order-history: false }\n', ''));
    expect(renderPlan(plan)).toContain('~ channel inspired-b2b: organization: inspired → default\n');
    expect(await effective(tdb.db)).toMatchObject({
      'inspired-b2b': { inventory: 'local active operational' },
    });
    expect(Object.keys((await effective(tdb.db))['inspired-b2b'] ?? {})).toEqual(['inventory']);
  });

  it('applies a sharing change that takes a configuration away, naming the channels that lose it', async () => {
    await apply(tdb.db, FILE);
    const unshared = FILE.replace('sharing: shared-active', 'sharing: unshared');
    // The switch that the file declares would no longer fit the sharing rule.
    expect(await problemsOf(apply(tdb.db, unshared))).toEqual([
      {
        path: 'channels[1].activations.order-history',
        message: expect.stringContaining('does not share its order-history (unshared)') as string,
      },
    ]);
    const withoutSwitch = unshared.replace('    activations: { order-history: false }\n', '');
    const dry = await apply(tdb.db, withoutSwitch, { dryRun: true });
    const history = dry.organizations[0]?.services.find((s) => s.type === 'order-history');
    expect(history?.changes).toEqual([{ field: 'sharing', from: 'shared-active', to: 'unshared' }]);
    // inspired-b2b had switched it off already.
    expect(history?.losing).toEqual(['inspired-b2c']);
    const text = renderPlan(dry);
    expect(text).toContain('~ organization inspired/order-history: sharing: shared-active → unshared\n');
    expect(text).toContain('! organization inspired/order-history: no longer used by inspired-b2c\n');
    expect((await effective(tdb.db))['inspired-b2c']?.['order-history']).toBe('inherited active operational');

    const applied = await apply(tdb.db, withoutSwitch);
    expect(applied.organizations[0]?.services.find((s) => s.type === 'order-history')?.losing).toEqual([
      'inspired-b2c',
    ]);
    expect((await effective(tdb.db))['inspired-b2c']?.['order-history']).toBe('none inactive not-configured');
    const [row] = await tdb.db.select().from(serviceConfigs).where(eq(serviceConfigs.type, 'order-history'));
    expect(row?.sharingRule).toBe('unshared');
  });

  it('leaves a switch that the file does not declare as it is, and says so', async () => {
    await apply(tdb.db, FILE);
    const plan = await apply(tdb.db, FILE.replace('    activations: { order-export: true }\n', ''));
    expect(plan.channels[0]?.activationsNotInFile).toEqual([{ type: 'order-export', active: true }]);
    const text = renderPlan(plan);
    expect(text).toContain(
      '? inspired-b2c/order-export (inherited from inspired) switched on: not in file, left as is\n',
    );
    expect(text).toMatch(/0 to create, 0 to change, 8 unchanged, 1 not in file \(left as is\)\n$/);
    expect((await effective(tdb.db))['inspired-b2c']?.['order-export']).toBe('inherited active operational');
  });
});
