import { writeFileSync } from 'node:fs';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeBatchesIdle } from '../../server/probes/batchRunner.ts';
import { appRouter } from '../../server/routers/index.ts';
import { callerFor, ensureChannels, signedInAs } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fingerprint, stateTables } from '../helpers/fingerprint.ts';
import { arbitraryOf, inputSchemaOf, mutationsOf, validArbitraryOf } from '../helpers/zodArbitrary.ts';
import type { SessionUser } from '../../server/auth/sessions.ts';
import type { Role } from '../../shared/roles.ts';
import type { z } from 'zod';

/**
 * Every tRPC procedure, called with generated inputs of its own schema's shape (valid, just out of bounds, or
 * of the wrong shape) and with valid inputs that have one thing changed ("mostly valid", to reach past the
 * schema): none may answer with an internal error, and a refused input (BAD_REQUEST) changes nothing stored.
 * As an admin with every run, and as a channel manager and as support with a fifth of them (their refusals
 * take other paths: scope checks, FORBIDDEN before validation).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const ROLE_RUNS: Record<Role, number> = {
  admin: RUNS,
  channel_manager: Math.max(1, Math.round(RUNS / 5)),
  support: Math.max(1, Math.round(RUNS / 5)),
};

/** The inputs for one procedure: generated from its schema, and mutations of valid ones where it has some. */
function inputsFor(schema: z.ZodType | undefined): fc.Arbitrary<unknown> {
  if (!schema) return fc.constant(undefined);
  const valid = validArbitraryOf(schema);
  return valid ? fc.oneof(arbitraryOf(schema), mutationsOf(valid), valid) : arbitraryOf(schema);
}

type Procedure = { _def: { type: 'query' | 'mutation' | 'subscription' } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>)
  .filter(([, p]) => p._def.type !== 'subscription')
  .sort(([a], [b]) => a.localeCompare(b));

const show = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))?.slice(0, 500);

async function invoke(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller);
  try {
    return await (fn as (i: unknown) => Promise<unknown>)(input);
  } finally {
    // A started Test all runs in the background: it ends before the next input's fingerprint is taken.
    await probeBatchesIdle();
  }
}

/** How each procedure answered, to see that the inputs reach past validation. */
const answers = new Map<string, Map<string, number>>();
function tally(path: string, code: string) {
  const byCode = answers.get(path) ?? new Map<string, number>();
  byCode.set(code, (byCode.get(code) ?? 0) + 1);
  answers.set(path, byCode);
}

describe('every procedure under generated input', () => {
  let database: TestDatabase;
  const users = new Map<Role, SessionUser>();
  let tables: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    await ensureChannels(database.db, ['inspired-b2c', 'inspired-b2b']);
    for (const role of ['admin', 'channel_manager', 'support'] as const)
      users.set(role, (await signedInAs(database.db, role)).user);
    tables = await stateTables(database.db);
  });
  afterAll(async () => {
    if (process.env.FUZZ_REPORT)
      writeFileSync(
        process.env.FUZZ_REPORT,
        [...answers].map(([p, byCode]) => `${p}: ${JSON.stringify([...byCode])}`).join('\n'),
      );
    await database.close();
  });

  const cases = (['admin', 'channel_manager', 'support'] as const).flatMap((role) =>
    procedures.map(([path]) => [path, role] as const),
  );
  it.each(cases)(
    '%s as %s never fails internally',
    async (path, role) => {
      const schema = inputSchemaOf((appRouter._def.procedures as unknown as Record<string, Procedure>)[path]);
      const caller = callerFor(database.db, users.get(role) ?? null);
      await fc.assert(
        fc.asyncProperty(inputsFor(schema), async (input) => {
          const before = await fingerprint(database.db, tables);
          try {
            await invoke(caller, path, input);
            tally(path, 'OK');
          } catch (error) {
            if (!(error instanceof TRPCError)) throw error;
            tally(path, error.code);
            expect(error.code, `${path}(${show(input)}) as ${role}: ${error.message}`).not.toBe(
              'INTERNAL_SERVER_ERROR',
            );
            if (error.code === 'BAD_REQUEST' || error.code === 'FORBIDDEN')
              expect(
                await fingerprint(database.db, tables),
                `${path} refused the input (${error.code}) but changed data`,
              ).toBe(before);
          }
        }),
        { numRuns: ROLE_RUNS[role], endOnFailure: true },
      );
    },
    120_000,
  );

  it('text PostgreSQL cannot store (a NUL, an unpaired surrogate) is refused as bad input naming the field', async () => {
    const caller = callerFor(database.db, users.get('admin') ?? null);
    for (const [call, pattern] of [
      [() => caller.organizations.create({ id: 'nul-org', name: 'a\u0000b' }), /^name: Remove the NUL/],
      [() => caller.organizations.create({ id: 'sur-org', name: 'a\ud800b' }), /^name: Send valid Unicode/],
      [
        () => caller.exports.list({ filter: { orderNumber: '\u0000', orderNumberMatch: 'exact' } }),
        /^filter\.orderNumber: Remove the NUL/,
      ],
    ] as const) {
      const error = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect((error as TRPCError | null)?.code ?? 'OK').toBe('BAD_REQUEST');
      expect((error as TRPCError).message).toMatch(pattern);
    }
  });
});
