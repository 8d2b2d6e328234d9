import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { request } from 'undici';
import { users } from '../drizzle/schema/index.ts';
import { SYSTEM_ACTOR } from '../server/audit/record.ts';
import { SESSION_COOKIE, startSession } from '../server/auth/sessions.ts';
import type { AppServices } from '../server/context.ts';
import type { Db } from '../server/db/client.ts';
import { buildApp } from '../server/http/app.ts';
import { createUser } from '../server/users/commands.ts';

const EMAIL = 'bench-csv@example.com';

/** Downloads every export as CSV from a listening server and samples the process's RSS while it streams. */
export async function benchCsvDownload(db: Db, services: AppServices, log: (line: string) => void) {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${EMAIL}`);
  const userId =
    existing?.id ??
    (
      await createUser(db, SYSTEM_ACTOR, {
        email: EMAIL,
        name: 'Bench CSV',
        role: 'support',
        channels: [],
        password: randomBytes(24).toString('base64url'),
      })
    ).id;
  const { token } = await startSession(db, userId, { ip: '127.0.0.1', userAgent: 'bench' });
  const app = await buildApp({
    database: { db, kind: 'postgres', ping: () => Promise.resolve(), close: () => Promise.resolve() },
    env: services.env,
    logger: services.logger,
    secrets: services.secrets,
    probeEnv: services.probeEnv,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
  log('downloading every export as CSV…');
  try {
    const t0 = performance.now();
    const response = await request(`http://127.0.0.1:${port}/api/exports.csv`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
      bodyTimeout: 600_000,
    });
    if (response.statusCode !== 200) throw new Error(`CSV download: ${response.statusCode}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
    }
    const ms = performance.now() - t0;
    return { rows: lines - 1, bytes, ms, rssBefore, rssPeak };
  } finally {
    clearInterval(sampler);
    await app.close();
  }
}
