import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { createChannel } from '../../server/channels/commands.ts';
import { startIomSimulator, type IomSimulator } from '../../server/iom-simulator/index.ts';
import { createUser } from '../../server/users/commands.ts';
import { launchBrowser, screenshot, signIn, startSwitchboardWithDatabase } from './harness.ts';

const MANAGER = {
  email: 'tess.manager@example.com',
  name: 'Tess Manager',
  password: 'tess manager password',
};
const CHANNEL = 'inspired-b2c';

let server: Awaited<ReturnType<typeof startSwitchboardWithDatabase>>;
let simulator: IomSimulator;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  simulator = await startIomSimulator();
  server = await startSwitchboardWithDatabase();
  await createChannel(
    server.database.db,
    { ...SYSTEM_ACTOR, user: null },
    {
      id: CHANNEL,
      name: 'inSPIRED inTRONICS B2C',
      iomShopId: '10000',
      iomShopName: 'inTRONICS',
      iomBaseUrl: simulator.url,
    },
  );
  await createUser(server.database.db, SYSTEM_ACTOR, {
    ...MANAGER,
    role: 'channel_manager',
    channels: [CHANNEL],
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await simulator?.close();
});

const ladder = (page: Page) =>
  page.getByRole('region', { name: 'Connectivity test' }).locator('[data-outcome]').first();
const step = (page: Page, name: string) => page.locator(`li[data-step="${name}"]`);

describe('connectivity tests in the browser', () => {
  it('the unsaved form is tested: a wrong password fails at the credentials step, the right one passes', async () => {
    const { page } = browser;
    await signIn(page, server.url, MANAGER.email, MANAGER.password);
    await page.getByText(`Welcome, ${MANAGER.name}`).waitFor();
    await page.goto(`${server.url}/#/channels/${CHANNEL}/services`);
    await page.locator('tr[data-type="order-export"]').getByRole('link', { name: 'Add' }).click();
    expect(await page.locator('input[name="endpoint"]').inputValue()).toBe(simulator.endpoints.orderService);
    const createUrl = page.url();
    await page.locator('input[name="username"]').fill('consumer_ws');
    await page.locator('input[name="password"]').fill('not the password');

    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await expect
      .poll(() => ladder(page).getAttribute('data-outcome'), { timeout: 20_000 })
      .toBe('auth_failed');
    await page
      .getByRole('region', { name: 'Connectivity test' })
      .getByText('Authentication failed')
      .first()
      .waitFor();
    expect(await step(page, 'application').getAttribute('data-status')).toBe('failed');
    await step(page, 'application').getByText('IOM call with credentials').waitFor();
    // The failing step is opened; the ones before it passed.
    expect(await step(page, 'application').getByRole('button').getAttribute('aria-expanded')).toBe('true');
    for (const name of ['policy', 'dns', 'tcp'])
      expect(await step(page, name).getAttribute('data-status')).toBe('ok');
    await screenshot(page, 'ladder-auth-failed');
    // Testing saved nothing.
    expect(page.url()).toBe(createUrl);

    await page.locator('input[name="password"]').fill('consumer_ws');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await expect.poll(() => ladder(page).getAttribute('data-outcome'), { timeout: 20_000 }).toBe('ok');
    const statuses = await page
      .locator('li[data-step]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(3);
    expect(statuses.every((s) => s === 'ok' || s === 'skipped')).toBe(true);
    await screenshot(page, 'ladder-ok');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('tr[data-type="order-export"][data-state="configured"]').waitFor();
  }, 120_000);

  it('a test from the row is stored and shown in the health column, with its ladder and history', async () => {
    const { page } = browser;
    const row = page.locator('tr[data-type="order-export"]');
    await row.getByText('never tested').waitFor();
    await row.getByRole('button', { name: 'Test' }).click();
    await row.locator('.MuiChip-root[data-outcome="ok"]').waitFor();
    expect(await row.locator('.MuiChip-root[data-outcome="ok"]').textContent()).toMatch(/^OK · /);
    await screenshot(page, 'channel-services-health');

    await row.locator('.MuiChip-root[data-outcome="ok"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('li[data-step="application"][data-status="ok"]').waitFor();
    await dialog.getByRole('region', { name: 'History' }).getByText('OK').first().waitFor();
    await screenshot(page, 'run-dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The channel's own Test all streams its progress too.
    await page.getByRole('button', { name: 'Test all services' }).click();
    await page.getByText(/Finished: 1 of 1 tested/).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('test-all-progress').textContent()).toBe('1 / 1');
  }, 60_000);

  it('the form tests another host without the stored password and says so', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/#/channels/${CHANNEL}/services`);
    await page.locator('tr[data-type="order-export"]').getByRole('link', { name: 'Edit' }).click();
    const endpoint = page.locator('input[name="endpoint"]');
    await endpoint.waitFor();
    // Same simulator, but reached by another host name: the stored password stays home.
    const moved = new URL(await endpoint.inputValue());
    moved.hostname = moved.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    await endpoint.fill(moved.toString());
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await page
      .getByTestId('probe-notice')
      .getByText('Type the password to test against a different host.')
      .waitFor({ timeout: 20_000 });
    await screenshot(page, 'ladder-password-withheld');
  }, 60_000);

  it('Test all on the dashboard streams its progress and fills the grid', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/#/`);
    const grid = page.getByRole('table', { name: 'Connectivity' });
    await grid.locator(`tr[data-channel="${CHANNEL}"] [data-outcome="ok"]`).waitFor();
    await page.getByRole('button', { name: 'Test all' }).click();
    await expect
      .poll(() => page.getByTestId('test-all-progress').textContent(), { timeout: 20_000 })
      .toBe('1 / 1');
    await page.getByText(/Finished: 1 of 1 tested/).waitFor();
    await screenshot(page, 'dashboard-after-test-all');
    await page.goto(`${server.url}/#/channels`);
    await page.locator('tr', { hasText: CHANNEL }).locator('[data-outcome="ok"]').waitFor();
  }, 60_000);
});
