import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';

export type Rejection = TRPCError & { fieldErrors: Record<string, string> };

/** Awaits a rejected call and returns its tRPC error with the field errors a form would show. */
export async function rejection(promise: Promise<unknown>): Promise<Rejection> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const cause = (error as TRPCError).cause as {
    fieldErrors?: Record<string, string>;
    issues?: { path: PropertyKey[]; message: string }[];
  };
  const fieldErrors =
    cause?.fieldErrors ??
    Object.fromEntries((cause?.issues ?? []).map((i) => [i.path.map(String).join('.'), i.message]));
  return Object.assign(error as TRPCError, { fieldErrors });
}
