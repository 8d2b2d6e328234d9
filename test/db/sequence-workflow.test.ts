import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sequenceNegotiations } from '../../drizzle/schema/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';
import { example, trailOf, twoAdmins } from '../helpers/sequence.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

describe('the workflow', () => {
  it('draft → proposed → approved by another admin → applied, every step in the audit log', async () => {
    const { alice, bob } = await twoAdmins(tdb.db);
    const n = await alice.caller.sequence.create(example());
    const proposed = await alice.caller.sequence.propose({ id: n.id, version: n.version });
    expect(proposed).toMatchObject({ state: 'proposed', proposedBy: 'alice@example.com' });

    const own = await rejection(alice.caller.sequence.approve({ id: n.id, version: proposed.version }));
    expect(own.code).toBe('FORBIDDEN');
    expect(own.message).toContain('another admin must approve');
    expect((await alice.caller.sequence.get({ id: n.id })).actions.approve).toContain('four eyes');
    expect((await bob.caller.sequence.get({ id: n.id })).actions.approve).toBeNull();

    const approved = await bob.caller.sequence.approve({ id: n.id, version: proposed.version });
    expect(approved).toMatchObject({ state: 'approved', approvedBy: 'bob@example.com' });
    const edit = await rejection(
      alice.caller.sequence.update({ ...example(), id: n.id, version: approved.version }),
    );
    expect(edit.code).toBe('CONFLICT');
    expect(edit.message).toContain('inputs are fixed');

    const noNote = await rejection(
      alice.caller.sequence.markApplied({ id: n.id, version: approved.version, note: '' }),
    );
    expect(noNote.fieldErrors.note).toContain('where and when');
    const applied = await alice.caller.sequence.markApplied({
      id: n.id,
      version: approved.version,
      note: 'ICM production, release 2026.11, 22 Nov 2026',
    });
    expect(applied).toMatchObject({
      state: 'applied',
      appliedNote: 'ICM production, release 2026.11, 22 Nov 2026',
    });
    expect(await trailOf(tdb.db, n.id)).toEqual([
      'sequence.created by alice@example.com',
      'sequence.proposed by alice@example.com',
      'sequence.approved by bob@example.com',
      'sequence.applied by alice@example.com',
    ]);
  });

  it('takes an edited proposal back to draft; unchanged inputs keep who entered them', async () => {
    const { alice, bob } = await twoAdmins(tdb.db);
    const n = await alice.caller.sequence.create(example());
    const proposed = await alice.caller.sequence.propose({ id: n.id, version: n.version });
    const edited = await bob.caller.sequence.update({
      ...example({ parties: [{ kind: 'iom', name: 'IOM', largest: '20160128017999' }] }),
      id: n.id,
      version: proposed.version,
    });
    expect(edited).toMatchObject({ state: 'draft', proposedBy: null, start: 20160128018010n });
    const full = await bob.caller.sequence.get({ id: n.id });
    expect(full.parties.map((p) => `${p.name}:${p.enteredBy}`)).toEqual([
      'ICM:alice@example.com',
      'IOM:bob@example.com',
    ]);
    const [, , updated] = full.trail;
    expect(updated?.changes).toEqual(
      expect.arrayContaining([
        { field: 'party:IOM', from: '20160128017063', to: '20160128017999' },
        { field: 'state', from: 'proposed', to: 'draft' },
      ]),
    );
  });

  it('refuses a stale version, naming who changed it', async () => {
    const { alice, bob } = await twoAdmins(tdb.db);
    const n = await alice.caller.sequence.create(example());
    await bob.caller.sequence.update({ ...example({ title: 'Renamed' }), id: n.id, version: n.version });
    const stale = await rejection(alice.caller.sequence.propose({ id: n.id, version: n.version }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('changed by bob@example.com');
  });

  it('supersedes the negotiation in force when a later one is approved', async () => {
    const { alice, bob } = await twoAdmins(tdb.db);
    const first = await alice.caller.sequence.create(example());
    let v = (await alice.caller.sequence.propose({ id: first.id, version: 1 })).version;
    v = (await bob.caller.sequence.approve({ id: first.id, version: v })).version;
    await bob.caller.sequence.markApplied({ id: first.id, version: v, note: 'production, 1 Nov 2026' });

    const next = await bob.caller.sequence.supersede({ id: first.id });
    const copy = await bob.caller.sequence.get({ id: next.id });
    expect(copy).toMatchObject({ state: 'draft', supersedes: { id: first.id }, start: first.start });
    expect(copy.parties.map((p) => p.enteredBy)).toEqual(['alice@example.com', 'alice@example.com']);
    v = (await bob.caller.sequence.propose({ id: next.id, version: next.version })).version;
    const stale = await rejection(alice.caller.sequence.approve({ id: next.id, version: v }));
    expect(stale.message).toContain('is applied and starts at 20160128017074');

    const inputs = example({
      icmStartsWith: '20160128017080',
      parties: [{ kind: 'iom', name: 'IOM', largest: '20160128019000' }],
    });
    v = (await bob.caller.sequence.update({ ...inputs, id: next.id, version: v })).version;
    v = (await bob.caller.sequence.propose({ id: next.id, version: v })).version;
    await alice.caller.sequence.approve({ id: next.id, version: v });
    const old = await alice.caller.sequence.get({ id: first.id });
    expect(old).toMatchObject({ state: 'superseded', supersededBy: { id: next.id } });
    expect(old.actions.edit).toContain('fixed');
    expect((await trailOf(tdb.db, first.id)).at(-1)).toBe('sequence.superseded by alice@example.com');
    expect((await alice.caller.sequence.list({ state: 'approved' })).map((r) => r.id)).toEqual([next.id]);
  });

  it('keeps one negotiation in force when two are approved at the same time', async () => {
    const { alice, bob } = await twoAdmins(tdb.db);
    const a = await alice.caller.sequence.create(example({ title: 'A' }));
    const b = await bob.caller.sequence.create(example({ title: 'B' }));
    const va = (await alice.caller.sequence.propose({ id: a.id, version: 1 })).version;
    const vb = (await bob.caller.sequence.propose({ id: b.id, version: 1 })).version;
    await Promise.all([
      bob.caller.sequence.approve({ id: a.id, version: va }),
      alice.caller.sequence.approve({ id: b.id, version: vb }),
    ]);
    const states = (await alice.caller.sequence.list({})).map((r) => r.state).sort();
    expect(states).toEqual(['approved', 'superseded']);
  });

  it('exports the record as JSON and as Markdown', async () => {
    const { alice, bob } = await twoAdmins(tdb.db);
    const n = await alice.caller.sequence.create(example());
    await bob.caller.sequence.propose({ id: n.id, version: 1 });
    const json = await alice.caller.sequence.export({ id: n.id, format: 'json' });
    expect(json.filename).toBe('sequence-negotiation-1.json');
    const record = JSON.parse(json.content) as {
      negotiation: unknown;
      parties: unknown[];
      workflow: { proposed: { by: string } };
      trail: { action: string }[];
    };
    expect(record.negotiation).toMatchObject({ start: '20160128017074', state: 'proposed', blockSize: '10' });
    expect(record.parties[1]).toMatchObject({
      name: 'IOM',
      largest: '20160128017063',
      enteredBy: 'alice@example.com',
    });
    expect(record.workflow.proposed.by).toBe('bob@example.com');
    expect(record.trail.map((t) => t.action)).toEqual(['sequence.created', 'sequence.proposed']);
    const md = await alice.caller.sequence.export({ id: n.id, format: 'markdown' });
    expect(md.content).toContain('# Order-number negotiation #1: Go-live with IOM');
    expect(md.content).toContain('intershop.sequence.startsWith=20160128017074');
    expect(md.content).toContain('| IOM | 20160128017063 |');
    expect(md.content).toContain(
      "            properties['intershop.sequence.startsWith'] = 20160128017074\n",
    );
    expect(md.content).toContain('Warning: The configuration guide’s step 9 names the line');
    for (const file of [json.content, md.content]) expect(file).not.toMatch(/dbinit|demo_iomconnector/i);
  });

  it('never shows or exports the outputs a record was stored with, only ones rendered now', async () => {
    const { alice } = await twoAdmins(tdb.db);
    const n = await alice.caller.sequence.create(example());
    // A record as an earlier version stored it: outputs that told operators to run DBInit, no newBlockSize.
    const [row] = await tdb.db.select().from(sequenceNegotiations).where(eq(sequenceNegotiations.id, n.id));
    if (!row) throw new Error('no row');
    const { newBlockSize: _dropped, ...stored } = row.computation;
    await tdb.db
      .update(sequenceNegotiations)
      .set({
        computation: {
          ...stored,
          outputs: {
            propertyLine: 'intershop.sequence.startsWith=20160128017074',
            databaseProperties:
              'intershop.sequence.blockSize=10\nintershop.sequence.startsWith=20160128017074',
            deployment: 'gradlew dbinit\ndbinit -t=ac_iomconnector_common,demo_iomconnector',
          },
        } as unknown as typeof row.computation,
      })
      .where(eq(sequenceNegotiations.id, n.id));

    const full = await alice.caller.sequence.get({ id: n.id });
    expect(full.computation.newBlockSize).toBeNull();
    expect(full.computation.outputs.activeLines).toEqual(['intershop.sequence.startsWith=20160128017074']);
    const exported = await Promise.all(
      (['json', 'markdown'] as const).map((format) => alice.caller.sequence.export({ id: n.id, format })),
    );
    const shown = JSON.stringify(full, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    for (const text of [shown, ...exported.map((e) => e.content)])
      expect(text).not.toMatch(/dbinit|demo_iomconnector/i);
  });

  it('keeps a change of the block size with the negotiation, through edits and a supersede', async () => {
    const { alice, bob } = await twoAdmins(tdb.db);
    const n = await alice.caller.sequence.create(example({ newBlockSize: '20' }));
    const full = await alice.caller.sequence.get({ id: n.id });
    expect(full.computation.newBlockSize).toBe('20');
    expect(full.computation.outputs.activeLines).toEqual([
      'intershop.sequence.startsWith=20160128017074',
      'intershop.sequence.blockSize=20',
    ]);
    const edited = await alice.caller.sequence.update({
      ...example({ newBlockSize: '30' }),
      id: n.id,
      version: n.version,
    });
    expect(await trailOf(tdb.db, n.id)).toEqual([
      'sequence.created by alice@example.com',
      'sequence.updated by alice@example.com',
    ]);
    const proposed = await alice.caller.sequence.propose({ id: n.id, version: edited.version });
    await bob.caller.sequence.approve({ id: n.id, version: proposed.version });
    const next = await alice.caller.sequence.supersede({ id: n.id });
    expect((await alice.caller.sequence.get({ id: next.id })).computation.newBlockSize).toBe('30');
    const md = await alice.caller.sequence.export({ id: next.id, format: 'markdown' });
    expect(md.content).toContain('New block size from the start on: 30');
  });
});
