import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { createContextInner, type AppServices, type Context } from '../context.ts';
import { databaseUnavailable } from '../trpc.ts';

/** The tRPC context of an HTTP request: the session from its cookie, and a jar that writes the cookie. */
export function createHttpContext(services: AppServices) {
  return async ({ req, res }: CreateFastifyContextOptions): Promise<Context> => {
    const sessionToken = req.cookies[SESSION_COOKIE];
    const user = await resolveSession(services.db, sessionToken).catch((error: unknown) => {
      throw databaseUnavailable(error) ?? error;
    });
    const secure = req.protocol === 'https';
    return createContextInner({
      ...services,
      logger: req.log,
      user,
      sessionToken: user ? sessionToken : undefined,
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
      cookies: {
        set: (token, expiresAt) =>
          void res.setCookie(SESSION_COOKIE, token, {
            httpOnly: true,
            sameSite: 'lax',
            secure,
            path: '/',
            expires: expiresAt,
          }),
        clear: () =>
          void res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' }),
      },
    });
  };
}
