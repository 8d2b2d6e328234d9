import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../shared/roles.ts';
import { appRouter } from '../../server/routers/index.ts';
import { callerFor, signedInAs } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import type { SessionUser } from '../../server/auth/sessions.ts';

/**
 * Who may call what, written out by hand: the server's declarations must agree with this table,
 * and a new procedure fails this test until it is added here.
 */
const EXPECTED: Record<string, 'public' | readonly Role[]> = {
  'auth.login': 'public',
  'auth.me': 'public',
  'auth.logout': 'public',
  'auth.changePassword': ['admin', 'channel_manager', 'support'],
  'users.list': ['admin'],
  'users.get': ['admin'],
  'users.getMany': ['admin'],
  'users.create': ['admin'],
  'users.update': ['admin'],
  'audit.list': ['admin', 'support'],
  'audit.get': ['admin', 'support'],
  'audit.actions': ['admin', 'support'],
  'dashboard.summary': ['admin', 'channel_manager', 'support'],
  'channels.list': ['admin', 'channel_manager', 'support'],
  'channels.get': ['admin', 'channel_manager', 'support'],
  'channels.getMany': ['admin', 'channel_manager', 'support'],
  'channels.history': ['admin', 'channel_manager', 'support'],
  'channels.create': ['admin', 'channel_manager'],
  'channels.update': ['admin', 'channel_manager'],
  'services.catalogue': ['admin', 'channel_manager', 'support'],
  'services.list': ['admin', 'channel_manager', 'support'],
  'services.get': ['admin', 'channel_manager', 'support'],
  'services.getMany': ['admin', 'channel_manager', 'support'],
  'services.create': ['admin', 'channel_manager'],
  'services.update': ['admin', 'channel_manager'],
  'services.delete': ['admin', 'channel_manager'],
  'services.restore': ['admin'],
  'tokens.list': ['admin'],
  'tokens.get': ['admin'],
  'tokens.create': ['admin'],
  'tokens.revoke': ['admin'],
  'probes.testSaved': ['admin', 'channel_manager'],
  'probes.testForm': ['admin', 'channel_manager'],
  'probes.startTestAll': ['admin', 'channel_manager'],
  'probes.cancelTestAll': ['admin', 'channel_manager'],
  'probes.testAllProgress': ['admin', 'channel_manager'],
  'probes.history': ['admin', 'channel_manager', 'support'],
  'probes.grid': ['admin', 'channel_manager', 'support'],
  'services.effective': ['admin', 'channel_manager', 'support'],
  'services.setInheritedActive': ['admin', 'channel_manager'],
  'services.previewChange': ['admin'],
  'organizations.list': ['admin', 'channel_manager', 'support'],
  'organizations.get': ['admin', 'channel_manager', 'support'],
  'organizations.getMany': ['admin', 'channel_manager', 'support'],
  'organizations.create': ['admin'],
  'organizations.update': ['admin'],
  'organizations.delete': ['admin'],
  'exports.get': ['admin', 'channel_manager', 'support'],
  'exports.attempts': ['admin', 'channel_manager', 'support'],
  'exports.run': ['admin', 'support'],
  'exports.list': ['admin', 'channel_manager', 'support'],
  'exports.errorCodes': ['admin', 'channel_manager', 'support'],
  'exports.timeline': ['admin', 'channel_manager', 'support'],
  'exports.iomStatus': ['admin', 'channel_manager', 'support'],
  'exports.stats': ['admin', 'channel_manager', 'support'],
  'exports.bulkJob': ['admin', 'channel_manager', 'support'],
  'exports.bulkJobs': ['admin', 'channel_manager', 'support'],
  'exports.retry': ['admin', 'support'],
  'exports.editPayload': ['admin', 'support'],
  'exports.resolve': ['admin', 'support'],
  'exports.escalate': ['admin', 'support'],
  'exports.acknowledge': ['admin', 'support'],
  'exports.addNote': ['admin', 'support'],
  'exports.owners': ['admin', 'support'],
  'exports.bulkPreview': ['admin', 'support'],
  'exports.bulkStart': ['admin', 'support'],
  'exports.bulkCancel': ['admin', 'support'],
  'sequence.list': ['admin'],
  'sequence.get': ['admin'],
  'sequence.export': ['admin'],
  'sequence.iomSources': ['admin'],
  'sequence.fetchIomLargest': ['admin'],
  'sequence.create': ['admin'],
  'sequence.update': ['admin'],
  'sequence.propose': ['admin'],
  'sequence.approve': ['admin'],
  'sequence.markApplied': ['admin'],
  'sequence.supersede': ['admin'],
};

const procedures = Object.keys(appRouter._def.procedures).sort();

let tdb: TestDatabase;
const users = new Map<Role, SessionUser>();
beforeAll(async () => {
  tdb = await createTestDatabase();
  for (const role of ROLES) users.set(role, (await signedInAs(tdb.db, role)).user);
});
afterAll(() => tdb.close());

/** Calls a procedure by its path with an input that no schema accepts, so nothing is changed. */
async function outcome(path: string, user: SessionUser | null): Promise<string> {
  const caller = callerFor(tdb.db, user) as unknown as Record<
    string,
    Record<string, (input: unknown) => Promise<unknown>>
  >;
  const [group, name] = path.split('.') as [string, string];
  const procedure = caller[group]?.[name];
  if (!procedure) throw new Error(`no procedure ${path}`);
  try {
    await procedure({ 'not-a-field': true });
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : 'THROWN';
  }
}

describe('authorization matrix', () => {
  it('lists every procedure of the router', () => {
    expect(procedures).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const path of Object.keys(EXPECTED)) {
    const allowed = EXPECTED[path];
    it(`${path}: anonymous ${allowed === 'public' ? 'allowed' : 'refused'}`, async () => {
      const result = await outcome(path, null);
      if (allowed === 'public') expect(result).not.toMatch(/UNAUTHORIZED|FORBIDDEN/);
      else expect(result).toBe('UNAUTHORIZED');
    });
    for (const role of ROLES) {
      const may = allowed === 'public' || allowed?.includes(role);
      it(`${path}: ${role} ${may ? 'allowed' : 'forbidden'}`, async () => {
        const result = await outcome(path, users.get(role) ?? null);
        if (may) expect(result).not.toMatch(/UNAUTHORIZED|FORBIDDEN|THROWN/);
        else expect(result).toBe('FORBIDDEN');
      });
    }
  }
});
