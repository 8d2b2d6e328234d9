import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditEvents } from '../../drizzle/schema/index.ts';
import type * as Passwords from '../../server/auth/passwords.ts';
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from '../../server/auth/rateLimit.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import type { Db } from '../../server/db/client.ts';
import { callerFor, signedInAs, TEST_PASSWORD } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

/**
 * The login limit under parallel guesses: every password check is counted here, so "at most the limit" is
 * measured, not inferred. On PostgreSQL the guesses are spread over two connection pools, as two instances
 * behind a balancer would receive them.
 */
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../server/auth/passwords.ts', async (importOriginal) => {
  const real = await importOriginal<typeof Passwords>();
  return {
    ...real,
    verifyPassword: (hash: string, password: string) => {
      checks.count += 1;
      return real.verifyPassword(hash, password);
    },
    burnPasswordCheck: (password: string) => {
      checks.count += 1;
      return real.burnPasswordCheck(password);
    },
  };
});

let tdb: TestDatabase;
let second: Database | null = null;
beforeAll(async () => {
  tdb = await createTestDatabase();
  if (tdb.url) second = await openDatabase({ url: tdb.url, maxConnections: 5 });
});
afterAll(async () => {
  await second?.close();
  await tdb.close();
});
beforeEach(async () => {
  await tdb.reset();
  checks.count = 0;
});

/** The instance the i-th request lands on. */
const instance = (i: number): Db => (second && i % 2 === 1 ? second.db : tdb.db);

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : 'THROWN';
  }
}

const login = (i: number, email: string, password: string, ip: string) =>
  outcome(callerFor(instance(i), null, { ip }).auth.login({ email, password }));

const failedLogins = async () =>
  (await tdb.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.login_failed'))).length;

describe('login limit under parallel guesses', () => {
  it('checks at most the account limit of 30 parallel guesses, and refuses the right one among them', async () => {
    await signedInAs(tdb.db, 'support', { email: 'sam@example.com' });
    const guesses = Array.from({ length: 30 }, (_, i) => (i === 24 ? TEST_PASSWORD : `wrong guess ${i}`));
    // A different address for each, so only the account's limit can stop them.
    const outcomes = await Promise.all(
      guesses.map((password, i) => login(i, 'sam@example.com', password, `10.0.${i}.1`)),
    );
    expect(checks.count).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(outcomes[24]).toBe('TOO_MANY_REQUESTS');
    expect(outcomes.filter((o) => o === 'UNAUTHORIZED')).toHaveLength(checks.count);
    expect(outcomes.filter((o) => o === 'TOO_MANY_REQUESTS')).toHaveLength(30 - checks.count);
    expect(await failedLogins()).toBe(checks.count);
    // While locked, the right password is refused without being checked.
    expect(await login(0, 'sam@example.com', TEST_PASSWORD, '10.9.9.9')).toBe('TOO_MANY_REQUESTS');
    expect(checks.count).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
  });

  it('checks at most the address limit of parallel attempts from one address at different accounts', async () => {
    await signedInAs(tdb.db, 'support', { email: 'kim@example.com' });
    const attempts = Array.from({ length: 30 }, (_, i) =>
      i === 27
        ? login(i, 'kim@example.com', TEST_PASSWORD, '10.6.6.6')
        : login(i, `user${i}@example.com`, 'a guessed password', '10.6.6.6'),
    );
    const outcomes = await Promise.all(attempts);
    expect(checks.count).toBeLessThanOrEqual(MAX_FAILURES_PER_ADDRESS);
    expect(outcomes[27]).toBe('TOO_MANY_REQUESTS');
    expect(outcomes.filter((o) => o === 'TOO_MANY_REQUESTS')).toHaveLength(30 - checks.count);
    // Another address is not affected.
    expect(await login(0, 'kim@example.com', TEST_PASSWORD, '10.7.7.7')).toBe('OK');
  });

  it('counts wrong current passwords on Change password against the same account limit', async () => {
    const me = await signedInAs(tdb.db, 'support', { email: 'pat@example.com' });
    const change = (i: number, currentPassword: string) =>
      outcome(
        callerFor(instance(i), me.user, { sessionToken: me.token, ip: `10.0.${i}.2` }).auth.changePassword({
          currentPassword,
          newPassword: 'a brand new password',
        }),
      );
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => change(i, `wrong current ${i}`)));
    expect(checks.count).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(outcomes.filter((o) => o === 'BAD_REQUEST')).toHaveLength(checks.count);
    expect(outcomes.filter((o) => o === 'TOO_MANY_REQUESTS')).toHaveLength(30 - checks.count);
    // The account is locked for both: the right current password and the right login password are refused.
    expect(await change(0, TEST_PASSWORD)).toBe('TOO_MANY_REQUESTS');
    expect(await login(0, 'pat@example.com', TEST_PASSWORD, '10.8.8.8')).toBe('TOO_MANY_REQUESTS');
    expect(checks.count).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
  });

  it('forgets the attempt of a right password, so a person who signs in is not counted', async () => {
    await signedInAs(tdb.db, 'support', { email: 'lee@example.com' });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT + 2; i += 1)
      expect(await login(i, 'lee@example.com', TEST_PASSWORD, '10.5.5.5')).toBe('OK');
    expect(checks.count).toBe(MAX_FAILURES_PER_ACCOUNT + 2);
  });
});
