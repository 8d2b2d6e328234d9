import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, sequenceNegotiations } from '../../drizzle/schema/index.ts';
import { signedInAs } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';
import { example, trailOf, twoAdmins } from '../helpers/sequence.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

describe('creating a negotiation', () => {
  it('computes the worked example and keeps who entered each input', async () => {
    const { alice } = await twoAdmins(tdb.db);
    const created = await alice.caller.sequence.create(example());
    expect(created).toMatchObject({ state: 'draft', start: 20160128017074n, blockSize: 10n, version: 1 });
    const full = await alice.caller.sequence.get({ id: created.id });
    expect(full.parties.map((p) => [p.kind, p.name, p.largest, p.enteredBy])).toEqual([
      ['icm', 'ICM', 51n, 'alice@example.com'],
      ['iom', 'IOM', 20160128017063n, 'alice@example.com'],
    ]);
    expect(full.computation.outputs.propertyLine).toBe('intershop.sequence.startsWith=20160128017074');
    expect(await trailOf(tdb.db, created.id)).toEqual(['sequence.created by alice@example.com']);
    const [entry] = await tdb.db.select().from(auditEvents).where(eq(auditEvents.targetId, created.id));
    expect(entry?.changes).toContainEqual({ field: 'start', from: null, to: '20160128017074' });
  });

  it('refuses bad numbers naming each field, and stores nothing', async () => {
    const { alice } = await twoAdmins(tdb.db);
    const error = await rejection(
      alice.caller.sequence.create(
        example({
          icmStartsWith: '5l',
          icmBlockSize: '0',
          parties: [{ kind: 'iom', name: 'IOM', largest: '-7' }],
          prefix: '2026-11',
        }),
      ),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(Object.keys(error.fieldErrors).sort()).toEqual([
      'icmBlockSize',
      'icmStartsWith',
      'parties.0.largest',
      'prefix',
    ]);
    expect(error.fieldErrors['parties.0.largest']).toContain('cannot be negative');
    expect(await tdb.db.select().from(sequenceNegotiations)).toHaveLength(0);
  });

  it('refuses a party on a channel that does not exist', async () => {
    const { alice } = await twoAdmins(tdb.db);
    const error = await rejection(
      alice.caller.sequence.create(
        example({ parties: [{ kind: 'iom', name: 'IOM', largest: '7', channelId: 'nope' }] }),
      ),
    );
    expect(error.fieldErrors['parties.0.channelId']).toContain('There is no channel nope');
  });

  it('refuses a start whose first block passes the bigint ceiling, naming the field and by how much', async () => {
    const { alice } = await twoAdmins(tdb.db);
    const error = await rejection(
      alice.caller.sequence.create(
        example({ parties: [{ kind: 'iom', name: 'IOM', largest: '9223372036854775788' }] }),
      ),
    );
    // start …799, its block of 10 would end at …808: one above the ceiling.
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.fieldErrors['parties.0.largest']).toContain('by 1:');
    expect(error.fieldErrors['parties.0.largest']).toContain('Check the largest number of IOM');
    expect(await tdb.db.select().from(sequenceNegotiations)).toHaveLength(0);
  });

  it('is for admins only', async () => {
    for (const role of ['channel_manager', 'support'] as const) {
      const { caller } = await signedInAs(tdb.db, role);
      expect((await rejection(caller.sequence.create(example()))).code).toBe('FORBIDDEN');
      expect((await rejection(caller.sequence.list({}))).code).toBe('FORBIDDEN');
    }
  });
});
