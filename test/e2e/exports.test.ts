import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { BulkRetryRunner } from '../../server/exports/bulk/runner.ts';
import type { ExportWorker } from '../../server/exports/worker.ts';
import { startIomSimulator, type IomSimulator } from '../../server/iom-simulator/index.ts';
import { sampleOrder } from '../../server/iom-simulator/sampleOrder.ts';
import { createToken } from '../../server/tokens/commands.ts';
import { createUser } from '../../server/users/commands.ts';
import { testLogger, testProbeEnv, testSecrets } from '../helpers/app.ts';
import { exportChannel, exportOf, makeWorker } from '../helpers/exports.ts';
import { postToIntake } from '../helpers/intake.ts';
import { launchBrowser, screenshot, signIn, startSwitchboardWithDatabase } from './harness.ts';

const SUPPORT = { email: 'sam.support@example.com', name: 'Sam Support', password: 'sam support password' };
const CHANNEL = 'inspired-b2c';
const OTHER = 'inspired-b2b';
const BAD = 'B2C-1002';

let server: Awaited<ReturnType<typeof startSwitchboardWithDatabase>>;
let simulator: IomSimulator;
let worker: ExportWorker;
let bulkRunner: BulkRetryRunner;
let token: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

const db = () => server.database.db;

/** Waits (in a hook, where expect.poll is not available) until the exporter brought an export to a state. */
async function waitForState(number: string, channelId: string, state: string) {
  const deadline = Date.now() + 20_000;
  let current = '';
  while (Date.now() < deadline) {
    current = (await exportOf(db(), number, channelId)).state;
    if (current === state) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${channelId}/${number} is ${current}, not ${state}, after 20 s.`);
}

beforeAll(async () => {
  simulator = await startIomSimulator();
  server = await startSwitchboardWithDatabase();
  // The app's own secret box, so the exporter in this process can read the configurations' passwords.
  await exportChannel(db(), simulator, { id: CHANNEL, secrets: testSecrets });
  await exportChannel(db(), simulator, { id: OTHER, shopId: 10000, secrets: testSecrets });
  await createUser(db(), SYSTEM_ACTOR, { ...SUPPORT, role: 'support', channels: [] });
  ({ token } = await createToken(db(), SYSTEM_ACTOR, { name: 'ICM', channels: [CHANNEL, OTHER] }));
  worker = makeWorker(db(), { secrets: testSecrets, probeEnv: testProbeEnv, pollMs: 200 });
  await worker.start();
  bulkRunner = new BulkRetryRunner({ db: db(), logger: testLogger, pollMs: 200 });
  bulkRunner.start();

  await postToIntake(server.url, token, CHANNEL, sampleOrder('B2C-1001'));
  // The intake takes any non-empty currency; IOM wants an ISO 4217 code and refuses the order.
  const bad = sampleOrder(BAD);
  await postToIntake(server.url, token, CHANNEL, {
    ...bad,
    sales: { ...(bad.sales as object), currencyCode: 'Euro' },
  });
  for (let i = 1; i <= 30; i++) await postToIntake(server.url, token, OTHER, sampleOrder(`B2B-${2000 + i}`));
  await waitForState(BAD, CHANNEL, 'failed');
  await waitForState('B2B-2030', OTHER, 'exported');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await bulkRunner?.stop();
  await worker?.stop(1000);
  await server?.close();
  await simulator?.close();
});

const failedCount = (page: Page) => page.getByTestId('stat-Failed exports').textContent();

/** Picks an option of a react-admin SelectInput by its label. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('failed exports in the browser', () => {
  it('support finds the failed export, reads IOM’s error, fixes the payload and the dashboard’s failed count drops', async () => {
    const { page } = browser;
    await signIn(page, server.url, SUPPORT.email, SUPPORT.password);
    await page.getByText(`Welcome, ${SUPPORT.name}`).waitFor();
    const exportsSection = page.getByRole('region', { name: 'Order exports' });
    await exportsSection.waitFor();
    await expect.poll(() => failedCount(page)).toBe('1');
    await exportsSection.locator('svg[role="img"] rect[data-total]').first().waitFor();
    await screenshot(page, 'exports-dashboard-before');

    await page.getByRole('menuitem', { name: 'Exports' }).click();
    await page.locator('tbody tr.RaDataTable-row').first().waitFor();
    await choose(page, 'State', 'Failed');
    await choose(page, 'Channel', `Channel ${CHANNEL}`);
    // The filter form writes to the address after a debounce; a click before that would be undone by it.
    await expect
      .poll(() => decodeURIComponent(page.url()))
      .toMatch(
        new RegExp(`"channelId":"${CHANNEL}".*"state":"failed"|"state":"failed".*"channelId":"${CHANNEL}"`),
      );
    await expect.poll(() => page.getByTestId('exports-total').textContent()).toBe('1 export');
    await expect.poll(() => page.locator('tbody tr.RaDataTable-row').count()).toBe(1);
    const row = page.locator('tbody tr.RaDataTable-row').first();
    await row.getByText(BAD).waitFor();
    expect(await row.locator('[data-state]').getAttribute('data-state')).toBe('failed');
    expect(await row.getByTestId('last-error').textContent()).toContain('currencyCode');
    await screenshot(page, 'exports-list-failed');

    // The CSV holds what the list shows, with the same filter; the session cookie authenticates it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv).toContain(BAD);
    expect(csv).not.toContain('B2B-20');

    await row.getByText(BAD).click();
    const report = page.getByTestId('iom-errors');
    await report.waitFor();
    expect(await report.textContent()).toContain('sales.currencyCode: must be an ISO 4217 code');
    // IOM answers a used number with the same 400, so the exporter asked it; the timeline says what it found.
    expect(await page.getByTestId('attempt-asks').textContent()).toBe(
      'Asked IOM after its refusal (order-states, HTTP 200): it does not hold the order.',
    );
    expect(await page.getByTestId('outcome-words').textContent()).toContain(
      'IOM rejected the content: fix and retry',
    );
    await screenshot(page, 'export-detail-failed');

    await page.getByRole('button', { name: 'Edit payload and retry' }).click();
    const dialog = page.getByRole('dialog');
    const editor = dialog.getByRole('textbox', { name: 'Order JSON' });
    const original = await editor.inputValue();
    // A typo first: the editor names the line and column, and saving stays off.
    await editor.fill(`${original.slice(0, -2)},}`);
    await dialog
      .getByTestId('json-problem')
      .getByText(/line \d+, column \d+/)
      .waitFor();
    expect(await dialog.getByRole('button', { name: 'Save and retry' }).isDisabled()).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Save only' }).isDisabled()).toBe(true);
    await screenshot(page, 'export-edit-json-error');
    await editor.fill(original.replace('"currencyCode": "Euro"', '"currencyCode": "EUR"'));
    expect(await dialog.getByTestId('json-problem').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Save and retry' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.locator('[data-testid="export-state"][data-state="exported"]').waitFor({ timeout: 20_000 });
    await page.locator('[data-attempt="2"][data-outcome="created"]').waitFor();
    await page.locator('[data-event="payload_edited"]').waitFor();
    expect((await exportOf(db(), BAD, CHANNEL)).state).toBe('exported');
    await screenshot(page, 'export-detail-exported');

    // Back in the list (still filtered to failed exports of the channel): nothing left to retry in bulk.
    await page.getByRole('menuitem', { name: 'Exports' }).click();
    await expect.poll(() => page.getByTestId('exports-total').textContent()).toBe('0 exports');
    await page.getByRole('button', { name: 'Retry all matching' }).click();
    const bulk = page.getByRole('dialog');
    await bulk.getByText('No export matches the filter').waitFor();
    expect(await bulk.getByRole('button', { name: 'Start' }).isDisabled()).toBe(true);
    await bulk.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('menuitem', { name: 'Dashboard' }).click();
    await expect.poll(() => failedCount(page), { timeout: 10_000 }).toBe('0');
    await screenshot(page, 'exports-dashboard-after');
  }, 120_000);
  it('support retries every failed export of a filter in bulk: preview, progress, report', async () => {
    const { page } = browser;
    const bad = ['B2B-3001', 'B2B-3002', 'B2B-3003'];
    for (const number of bad) {
      const order = sampleOrder(number);
      await postToIntake(server.url, token, OTHER, {
        ...order,
        sales: { ...(order.sales as object), currencyCode: 'Euro' },
      });
    }
    for (const number of bad) await waitForState(number, OTHER, 'failed');
    const attemptsBefore = await Promise.all(bad.map(async (n) => (await exportOf(db(), n, OTHER)).attempts));

    await page.goto(`${server.url}/#/exports?filter=${encodeURIComponent('{"state":"failed"}')}`);
    await expect.poll(() => page.getByTestId('exports-total').textContent()).toBe('3 exports');
    await page.getByRole('button', { name: 'Retry all matching' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('3 exports will be retried.').waitFor();
    await dialog.getByRole('button', { name: 'Start' }).click();
    await dialog.locator('[data-testid="bulk-progress"][data-job-state="done"]').waitFor({ timeout: 20_000 });
    await dialog.getByText('Finished: 3 of 3 retried.').waitFor();
    await screenshot(page, 'exports-bulk-done');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The exporter tried each once more (IOM still refuses the currency), with the bulk job as the cause.
    for (const [i, number] of bad.entries()) {
      await waitForState(number, OTHER, 'failed');
      expect((await exportOf(db(), number, OTHER)).attempts).toBe((attemptsBefore[i] ?? 0) + 1);
    }
  }, 90_000);
});
