import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { isAllowed, type Permission } from '../shared/access.ts';
import { MUST_CHANGE_PASSWORD_MESSAGE } from './auth/sessions.ts';
import type { Context } from './context.ts';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './db/errors.ts';
import { unstorableTexts } from './db/storableText.ts';
import { DomainError, type FieldErrors } from './errors.ts';
import { UndecryptableSecretError } from './secrets/secretBox.ts';

/**
 * Every procedure declares who may call it: `public` (no session needed), `authenticated` (any
 * signed-in user) or a permission from shared/access.ts. A procedure without a declaration is refused.
 */
export interface Meta {
  access: 'public' | 'authenticated' | Permission;
  /**
   * Callable by a session whose generated password must still be changed (`enforceAccess` refuses the rest):
   * only signing in and out, asking who one is, and changing the password declare this.
   */
  beforePasswordChange?: true;
}

export function zodFieldErrors(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** One line a person can read: "email: Enter a valid email address…; password: Use at least 12 characters." */
export function describeZodError(error: ZodError): string {
  return Object.entries(zodFieldErrors(error))
    .map(([field, message]) => (field === '_' ? message : `${field}: ${message}`))
    .join('; ');
}

function fieldErrorsOf(error: TRPCError): FieldErrors | null {
  const cause = error.cause;
  if (cause instanceof DomainError) return cause.fieldErrors ?? null;
  if (cause instanceof ZodError) return zodFieldErrors(cause);
  return null;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const fieldErrors = fieldErrorsOf(error);
      const message =
        error.code === 'INTERNAL_SERVER_ERROR'
          ? 'Something went wrong on the server; it has been logged. Try again, and tell an admin if it persists.'
          : shape.message;
      return {
        ...shape,
        message,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, fieldErrors },
      };
    },
  });

/** A database that is down answers 503 with a message to retry, not "something went wrong" (500). */
export function databaseUnavailable(cause: unknown): TRPCError | null {
  return isDatabaseUnavailable(cause)
    ? new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, cause })
    : null;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps domain errors and validation errors from inside a resolver to their tRPC code, in one place. */
const mapErrors = t.middleware(async ({ next, ctx, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError)
      throw new TRPCError({ code: cause.code, message: cause.message, cause });
    if (cause instanceof ZodError)
      throw new TRPCError({ code: 'BAD_REQUEST', message: describeZodError(cause), cause });
    if (cause instanceof UndecryptableSecretError) {
      ctx.logger.error({ path }, cause.message);
      throw new TRPCError({ code: 'PRECONDITION_FAILED', message: cause.message, cause });
    }
    const unavailable = databaseUnavailable(cause);
    if (unavailable) throw unavailable;
    if (result.error.code === 'INTERNAL_SERVER_ERROR')
      ctx.logger.error({ err: cause ?? result.error, path }, 'procedure failed');
  }
  return result;
});

/**
 * Refuses text PostgreSQL cannot store (a NUL character, an unpaired surrogate) anywhere in the input, naming
 * the field, before any schema or query sees it.
 */
const refuseUnstorableText = t.middleware(async ({ getRawInput, next }) => {
  const [found] = unstorableTexts(await getRawInput(), 1);
  if (found)
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `${found.path.join('.') || 'input'}: ${found.message}`,
      cause: new ZodError([{ code: 'custom', path: found.path, message: found.message, input: '' }]),
    });
  return next();
});

const enforceAccess = t.middleware(({ ctx, meta, next }) => {
  const access = meta?.access;
  if (access === undefined) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'This operation declares no access rule and is refused.',
    });
  }
  if (ctx.user?.mustChangePassword && !meta?.beforePasswordChange)
    throw new TRPCError({ code: 'FORBIDDEN', message: MUST_CHANGE_PASSWORD_MESSAGE });
  if (access === 'public') return next({ ctx });
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in.' });
  if (access !== 'authenticated' && !isAllowed(ctx.user.role, access)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `Your role (${ctx.user.role}) may not do this.` });
  }
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A procedure open to anyone (login). */
export const publicProcedure = t.procedure
  .use(mapErrors)
  .meta({ access: 'public' })
  .use(enforceAccess)
  .use(refuseUnstorableText);

/** A procedure guarded by its `meta.access`; its context has a non-null `user`. */
export function guardedProcedure(access: Meta['access'], more: Omit<Meta, 'access'> = {}) {
  return t.procedure
    .use(mapErrors)
    .meta({ access, ...more })
    .use(enforceAccess)
    .use(refuseUnstorableText)
    .use(({ ctx, next }) => {
      if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in.' });
      return next({ ctx: { ...ctx, user: ctx.user } });
    });
}
