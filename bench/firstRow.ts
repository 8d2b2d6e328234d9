import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { users } from '../drizzle/schema/index.ts';
import { SYSTEM_ACTOR } from '../server/audit/record.ts';
import { CLIENT_DIST, ensureClientBuild } from '../server/clientBuild.ts';
import { openDatabase } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadEnv } from '../server/env.ts';
import { buildApp } from '../server/http/app.ts';
import { createLogger } from '../server/logger.ts';
import { probeEnvironmentFrom } from '../server/probes/environment.ts';
import { createSecretBox } from '../server/secrets/secretBox.ts';
import { createUser } from '../server/users/commands.ts';
import { launchBrowser, signIn } from '../test/e2e/harness.ts';
import { ensureBenchDatabase, ensureDataSet } from './exportListData.ts';
import { table, writeSection } from './lib.ts';

const SUPPORT = { email: 'bench-support@example.com', password: 'bench support password 1' };
const WARM_UP = 2;
const RUNS = 9;

/** Resolves, in the page, to when the first row of the exports table was on screen (ms since navigation start). */
function watchFirstRow() {
  const w = window as unknown as { __firstRow?: number };
  new MutationObserver((_, observer) => {
    if (w.__firstRow !== undefined || !document.querySelector('tbody tr.RaDataTable-row')) return;
    observer.disconnect();
    // The row is in the DOM; the next frame is when it is painted.
    requestAnimationFrame(() => (w.__firstRow = performance.now()));
  }).observe(document, { childList: true, subtree: true });
}

/**
 * Time from navigation start to the first rendered row of the exports page in Debian's Chromium (production
 * build, signed in as support, a full page load each run), against the 1 000 000-export data set on PostgreSQL.
 */
export async function run(): Promise<string> {
  const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) {
    const note = 'Skipped: the first-row benchmark needs PostgreSQL (set DATABASE_URL or TEST_DATABASE_URL).';
    writeSection('first-row', 'Exports page: time to first rendered row', note);
    return note;
  }
  await ensureClientBuild();
  const url = await ensureBenchDatabase(base);
  const database = await openDatabase({ url });
  await migrate(database.db);
  await ensureDataSet(url, (line) => process.stdout.write(`${line}\n`));
  const [existing] = await database.db.select().from(users).where(eq(users.email, SUPPORT.email));
  if (!existing)
    await createUser(database.db, SYSTEM_ACTOR, {
      email: SUPPORT.email,
      name: 'Bench support',
      role: 'support',
      channels: [],
      password: SUPPORT.password,
    });
  const app = await buildApp({
    database,
    env: loadEnv({}),
    logger: createLogger('warn'),
    secrets: createSecretBox(Buffer.alloc(32, 7)),
    probeEnv: probeEnvironmentFrom({ SWITCHBOARD_OUTBOUND_ALLOW: [] }),
    clientDir: CLIENT_DIST,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await signIn(page, origin, SUPPORT.email, SUPPORT.password);
    await page.getByText('Order exports').first().waitFor({ timeout: 60_000 });
    await page.addInitScript(watchFirstRow);
    const times: number[] = [];
    for (let i = 0; i < WARM_UP + RUNS; i += 1) {
      await page.goto('about:blank');
      await page.goto(`${origin}/#/exports?filter=%7B%7D&page=1`);
      await page.waitForFunction(() => (window as { __firstRow?: number }).__firstRow !== undefined, null, {
        timeout: 60_000,
      });
      const at = await page.evaluate(() => (window as unknown as { __firstRow: number }).__firstRow);
      if (i >= WARM_UP) times.push(Math.round(at));
    }
    const rows = [
      {
        name: 'exports page, navigation start → first row painted',
        unit: 'ms',
        values: times,
        note: '1 000 000 exports on PostgreSQL, newest first, 25 rows, signed in as support',
      },
    ];
    writeSection(
      'first-row',
      'Exports page: time to first rendered row',
      `Headless Debian Chromium, production build served by the server, a full page load per run (${WARM_UP} warm-up runs not counted).\n\n${table(rows)}\n`,
    );
    return table(rows);
  } finally {
    await browser.close();
    await app.close();
    await database.close();
  }
}
