import type { Logger } from './logger.ts';
import type { Env } from './env.ts';
import type { Db } from './db/client.ts';
import type { SessionUser } from './auth/sessions.ts';
import type { SecretBox } from './secrets/secretBox.ts';
import type { ProbeEnvironment } from './probe/types.ts';

/** What login and logout do to the browser's session cookie; HTTP sets a cookie, tests record it. */
export interface SessionCookieJar {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface AppServices {
  db: Db;
  logger: Logger;
  env: Env;
  secrets: SecretBox;
  /** Outbound policy and DNS for connectivity tests (and, later, exports). */
  probeEnv: ProbeEnvironment;
}

export interface ContextInput extends AppServices {
  user: SessionUser | null;
  sessionToken?: string | undefined;
  ip?: string;
  userAgent?: string | null;
  cookies?: SessionCookieJar;
}

export interface Context extends AppServices {
  user: SessionUser | null;
  sessionToken: string | undefined;
  ip: string;
  userAgent: string | null;
  cookies: SessionCookieJar;
}

const noCookies: SessionCookieJar = { set: () => undefined, clear: () => undefined };

/** Builds a context without HTTP; tests call routers through `createCaller(createContextInner(...))`. */
export function createContextInner(input: ContextInput): Context {
  return {
    db: input.db,
    logger: input.logger,
    env: input.env,
    secrets: input.secrets,
    probeEnv: input.probeEnv,
    user: input.user,
    sessionToken: input.sessionToken,
    ip: input.ip ?? '127.0.0.1',
    userAgent: input.userAgent ?? null,
    cookies: input.cookies ?? noCookies,
  };
}
