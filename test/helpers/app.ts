import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createSecretBox, type SecretBox } from '../../server/secrets/secretBox.ts';
import { probeEnvironmentFrom } from '../../server/probes/environment.ts';
import { createContextInner, type SessionCookieJar } from '../../server/context.ts';
import type { Db } from '../../server/db/client.ts';
import { loadEnv, type Env } from '../../server/env.ts';
import { createLogger } from '../../server/logger.ts';
import { createCaller } from '../../server/routers/index.ts';
import { resolveSession, startSession, type SessionUser } from '../../server/auth/sessions.ts';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { createUser } from '../../server/users/commands.ts';
import type { Role } from '../../shared/roles.ts';
import type { ProbeEnvironment } from '../../server/probe/types.ts';
import { channels } from '../../drizzle/schema/index.ts';

/** Everything the server logged during a test, to search it for secrets. */
export const capturedLog: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    capturedLog.push(chunk.toString('utf8'));
    done();
  },
});
export const testLogger = createLogger('debug', sink);
export const testEnv: Env = loadEnv({});
export const testSecrets = createSecretBox(randomBytes(32));
/** Tests reach the IOM simulator on this machine, so loopback is allowed. */
export const testProbeEnv = probeEnvironmentFrom({
  SWITCHBOARD_OUTBOUND_ALLOW: ['127.0.0.1', 'localhost', '::1'],
});

export const TEST_PASSWORD = 'a long test password 1';

export class CookieRecorder implements SessionCookieJar {
  token: string | null = null;
  expiresAt: Date | null = null;
  cleared = false;
  set(token: string, expiresAt: Date) {
    this.token = token;
    this.expiresAt = expiresAt;
  }
  clear() {
    this.cleared = true;
    this.token = null;
  }
}

export function callerFor(
  db: Db,
  user: SessionUser | null,
  extra: {
    sessionToken?: string;
    ip?: string;
    cookies?: SessionCookieJar;
    probeEnv?: ProbeEnvironment;
    secrets?: SecretBox;
  } = {},
) {
  return createCaller(
    createContextInner({
      db,
      logger: testLogger,
      env: testEnv,
      secrets: testSecrets,
      probeEnv: testProbeEnv,
      user,
      ...extra,
    }),
  );
}

/** Creates the channels that a test refers to, if they do not exist yet. */
export async function ensureChannels(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .insert(channels)
    .values(
      ids.map((id, i) => ({
        id,
        name: `Channel ${id}`,
        iomShopId: BigInt(10_000 + i),
        iomShopName: `shop-${id}`,
      })),
    )
    .onConflictDoNothing();
}

let counter = 0;

/** Creates a user with the given role and returns it as a signed-in session user with a real session. */
export async function signedInAs(
  db: Db,
  role: Role,
  options: { email?: string; channels?: string[] } = {},
): Promise<{ user: SessionUser; token: string; caller: ReturnType<typeof callerFor> }> {
  counter += 1;
  const assigned = options.channels ?? (role === 'channel_manager' ? ['inspired-b2c'] : []);
  await ensureChannels(db, assigned);
  const created = await createUser(db, SYSTEM_ACTOR, {
    email: options.email ?? `${role.replace('_', '-')}-${counter}@example.com`,
    name: `${role} ${counter}`,
    role,
    channels: assigned,
    password: TEST_PASSWORD,
  });
  const { token } = await startSession(db, created.id, { ip: '127.0.0.1', userAgent: 'test' });
  const user = await resolveSession(db, token);
  if (!user) throw new Error('session did not resolve');
  return { user, token, caller: callerFor(db, user, { sessionToken: token }) };
}
