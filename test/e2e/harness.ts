import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ensureFirstAdmin } from '../../server/auth/bootstrap.ts';
import { CLIENT_DIST } from '../../server/clientBuild.ts';
import { openDatabase } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadEnv } from '../../server/env.ts';
import { buildApp } from '../../server/http/app.ts';
import { testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ADMIN = { email: 'admin@example.com', password: 'the first admin password' };

/** A whole Switchboard (embedded database, built client) on a free port of this machine. */
export async function startSwitchboard(): Promise<{ url: string; close: () => Promise<void> }> {
  const { url, close } = await startSwitchboardWithDatabase();
  return { url, close };
}

/** Debian's Chromium, headless, with a fresh profile; never a downloaded browser. */
export async function launchBrowser(): Promise<{
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}> {
  const profile = mkdtempSync(path.join(tmpdir(), 'switchboard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/#/login`);
  await page.locator('input[name="username"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Profile' }).click();
  await page.getByRole('menuitem', { name: 'Logout' }).click();
  await page.locator('input[name="username"]').waitFor();
}

/**
 * Like startSwitchboard, and hands out its database, so a test can set up users and channels through the server's
 * code. `firstAdmin` `{}` starts as `npm start` does without ADMIN_EMAIL/ADMIN_PASSWORD (a generated password).
 */
export async function startSwitchboardWithDatabase(
  firstAdmin: { email?: string; password?: string } = ADMIN,
): Promise<{
  url: string;
  database: Awaited<ReturnType<typeof openDatabase>>;
  firstAdmin: Awaited<ReturnType<typeof ensureFirstAdmin>>;
  close: () => Promise<void>;
}> {
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrate(database.db);
  const created = await ensureFirstAdmin(database.db, firstAdmin);
  const app = await buildApp({
    database,
    env: loadEnv({}),
    logger: testLogger,
    secrets: testSecrets,
    probeEnv: testProbeEnv,
    clientDir: CLIENT_DIST,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    firstAdmin: created,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Saves a full-page screenshot when E2E_SCREENSHOTS names a directory, to look at what the tests see. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
