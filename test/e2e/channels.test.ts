import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { createChannel } from '../../server/channels/commands.ts';
import { createUser } from '../../server/users/commands.ts';
import { ADMIN, launchBrowser, signIn, startSwitchboardWithDatabase } from './harness.ts';

const MANAGER = {
  email: 'cara.manager@example.com',
  name: 'Cara Manager',
  password: 'cara manager password',
};
const CHANNEL = 'inspired-b2c';

let server: Awaited<ReturnType<typeof startSwitchboardWithDatabase>>;
let first: Awaited<ReturnType<typeof launchBrowser>>;
let second: Awaited<ReturnType<typeof launchBrowser>> | undefined;

beforeAll(async () => {
  server = await startSwitchboardWithDatabase();
  const system = { ...SYSTEM_ACTOR, user: null };
  await createChannel(server.database.db, system, {
    id: 'existing-site',
    name: 'Existing Site',
    iomShopId: '1',
    iomShopName: 'Existing',
  });
  await createUser(server.database.db, SYSTEM_ACTOR, {
    ...MANAGER,
    role: 'channel_manager',
    channels: ['existing-site'],
  });
  first = await launchBrowser();
});
afterAll(async () => {
  await second?.close();
  await first?.close();
  await server?.close();
});

const row = (page: Page, type: string) => page.locator(`tr[data-type="${type}"]`).first();

/** The text react-admin shows under an input (its helper text, or the error that replaced it). */
async function messageUnder(page: Page, name: string): Promise<string> {
  const input = page.locator(`input[name="${name}"]`);
  const id = await input.getAttribute('aria-describedby');
  if (!id) throw new Error(`${name} has no helper text`);
  return (await page.locator(`[id="${id}"]`).textContent()) ?? '';
}

async function waitForMessageUnder(page: Page, name: string, text: string): Promise<void> {
  await expect.poll(() => messageUnder(page, name), { timeout: 10_000 }).toContain(text);
}

describe('channels and their services in the browser', () => {
  it('a channel manager creates a channel, adds two services, and finds them after a reload', async () => {
    const { page } = first;
    await signIn(page, server.url, MANAGER.email, MANAGER.password);
    await page.getByText(`Welcome, ${MANAGER.name}`).waitFor();
    await page.getByRole('menuitem', { name: 'Channels' }).click();
    await page.getByRole('cell', { name: 'existing-site' }).waitFor();

    await page.getByRole('link', { name: 'Create' }).click();
    await page.locator('input[name="id"]').fill(CHANNEL);
    await page.locator('input[name="name"]').fill('inSPIRED inTRONICS B2C');
    await page.locator('input[name="iomShopId"]').fill('10 000');
    await page.locator('input[name="iomShopName"]').fill('inTRONICS');
    await page.locator('input[name="iomBaseUrl"]').fill('https://iom.example.com');
    await page.getByRole('button', { name: 'Save' }).click();
    await waitForMessageUnder(page, 'iomShopId', 'digits only');
    await page.locator('input[name="iomShopId"]').fill('10000');
    await page.getByRole('button', { name: 'Save' }).click();

    // The channel page opens; its Services tab lists every catalogue type.
    await page.getByRole('tab', { name: 'Services' }).click();
    await row(page, 'order-export').getByRole('link', { name: 'Add' }).click();
    expect(await page.locator('input[name="endpoint"]').inputValue()).toBe(
      'https://iom.example.com/rest/order-service',
    );
    await page.locator('input[name="username"]').fill('consumer_ws');
    await page.locator('input[name="password"]').fill('export secret 1');
    expect(await page.locator('input[name="settings.scheduleIntervalMinutes"]').count()).toBe(0);
    await page.getByRole('combobox', { name: /Export trigger/ }).click();
    await page.getByRole('option', { name: 'Scheduled (batch)' }).click();
    await page.locator('input[name="settings.scheduleIntervalMinutes"]').fill('15');
    // A value only the server refuses: its message lands under the timeout input.
    await page.locator('input[name="timeoutMs"]').fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await waitForMessageUnder(page, 'timeoutMs', 'The timeout must be at least 1 ms.');
    await page.locator('input[name="timeoutMs"]').fill('20000');
    // Retries and escalation are Switchboard's own settings, and the form says so.
    expect(await messageUnder(page, 'settings.maxAttempts')).toMatch(/^Switchboard setting — not in ICM\. /);
    expect(await messageUnder(page, 'timeoutMs')).not.toContain('Switchboard setting');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('tr[data-type="order-export"][data-state="configured"]').waitFor();
    expect(page.url()).toContain(`#/channels/${CHANNEL}/services`);

    await row(page, 'inventory').getByRole('link', { name: 'Add' }).click();
    expect(await page.locator('input[name="endpoint"]').inputValue()).toBe(
      'https://iom.example.com/servlets/services/',
    );
    await page.locator('input[name="username"]').fill('consumer_ws');
    await page.locator('input[name="password"]').fill('inventory secret 1');
    // The global cache is a checkbox (on by default), as on ICM's page, not a number of seconds.
    expect(await page.locator('input[name="settings.cacheTtlSeconds"]').count()).toBe(0);
    const globalCache = page.locator('input[name="settings.globalCache"]');
    expect(await globalCache.getAttribute('type')).toBe('checkbox');
    expect(await globalCache.isChecked()).toBe(true);
    await page.getByText('ICM caches IOM’s responses for 5 seconds', { exact: false }).waitFor();
    await globalCache.uncheck();
    await page.locator('input[name="settings.availabilityCheckOnFailure"]').check();
    await page.locator('input[name="settings.reservationLifetimeSeconds"]').fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await waitForMessageUnder(
      page,
      'settings.reservationLifetimeSeconds',
      'The reservation lifetime must be at least 1 seconds.',
    );
    await page.locator('input[name="settings.reservationLifetimeSeconds"]').fill('900');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('tr[data-type="inventory"][data-state="configured"]').waitFor();

    await page.reload();
    await page.locator('tr[data-type="inventory"][data-state="configured"]').waitFor();
    for (const type of ['order-export', 'inventory']) {
      await row(page, type).getByText('Password configured').waitFor();
      expect(await row(page, type).getByRole('switch').isChecked()).toBe(true);
    }
    // Coverage follows the active services.
    await page.getByRole('tab', { name: 'General' }).click();
    const coverage = page.getByRole('region', { name: 'Feature coverage' });
    await coverage.getByText('Inventory and reservations').waitFor();
    // With IOM's Inventory service active, ICM's standard one must go: a checklist item says how.
    expect(await coverage.getByTestId('icm-checklist-item').allTextContents()).toEqual([
      'In ICM, unshare or delete the standard Inventory Service (SimpleInventoryService): deactivating it is not enough',
    ]);

    await page.getByRole('tab', { name: 'Services' }).click();
    await row(page, 'inventory').getByRole('link', { name: 'Edit' }).click();
    await page.reload();
    await page.locator('input[name="settings.globalCache"]').waitFor();
    expect(await page.locator('input[name="settings.globalCache"]').isChecked()).toBe(false);
    expect(await page.locator('input[name="settings.reservationLifetimeSeconds"]').inputValue()).toBe('900');
    expect(await page.locator('input[name="settings.availabilityCheckOnFailure"]').isChecked()).toBe(true);
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('configured');

    await page.goto(`${server.url}/#/channels/${CHANNEL}/services`);
    await row(page, 'order-export').getByRole('link', { name: 'Edit' }).click();
    await page.reload();
    await page.locator('input[name="settings.scheduleIntervalMinutes"]').waitFor();
    expect(await page.locator('input[name="settings.exportTrigger"]').inputValue()).toBe('scheduled');
    expect(await page.locator('input[name="settings.scheduleIntervalMinutes"]').inputValue()).toBe('15');
    expect(await page.locator('input[name="timeoutMs"]').inputValue()).toBe('20000');
    expect(await page.locator('input[name="username"]').inputValue()).toBe('consumer_ws');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('configured');
    expect(await page.locator('input[type="password"]').count()).toBe(0);
  }, 180_000);

  it('a save over someone else’s newer change is refused with who made it', async () => {
    const { page } = first;
    const serviceUrl = page.url();
    expect(serviceUrl).toMatch(/#\/services\/[0-9a-f-]{36}$/);

    second = await launchBrowser();
    const other = second.page;
    await signIn(other, server.url, ADMIN.email, ADMIN.password);
    await other.getByText('Welcome, Administrator').waitFor();
    await other.goto(serviceUrl);
    await other.locator('input[name="username"]').waitFor();
    expect(await other.locator('input[name="username"]').inputValue()).toBe('consumer_ws');

    // Meanwhile the first browser saves a change.
    await page.locator('input[name="username"]').fill('consumer_ws_first');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('tr[data-type="order-export"][data-state="configured"]').waitFor();
    await row(page, 'order-export').getByText('consumer_ws_first').waitFor();

    await other.locator('input[name="username"]').fill('consumer_ws_second');
    await other.getByRole('button', { name: 'Save' }).click();
    await other.getByText(/reload to see their change/).waitFor();
    await other.getByText(new RegExp(`changed by ${MANAGER.email.replace(/\./g, '\\.')}`)).waitFor();
    expect(other.url()).toBe(serviceUrl);

    await other.reload();
    await expect
      .poll(() => other.locator('input[name="username"]').inputValue(), { timeout: 10_000 })
      .toBe('consumer_ws_first');
  }, 120_000);

  it('a stored password is replaced or cleared, never shown', async () => {
    if (!second) throw new Error('the second browser is opened by the previous test');
    const other = second.page;
    await other.getByRole('button', { name: 'Replace' }).click();
    await other.locator('input[name="password"]').fill('export secret 2');
    await other.getByRole('button', { name: 'Save' }).click();
    await row(other, 'order-export').getByText('Password configured').waitFor();

    await row(other, 'order-export').getByRole('link', { name: 'Edit' }).click();
    await other.getByRole('button', { name: 'Clear' }).click();
    expect(await other.getByLabel('Password', { exact: true }).inputValue()).toBe('to be cleared');
    await other.getByRole('button', { name: 'Save' }).click();
    await row(other, 'order-export').getByText('No password').waitFor();
  });

  it('the channel history shows each change, and a password only as changed', async () => {
    const { page } = first;
    await page.goto(`${server.url}/#/channels/${CHANNEL}`);
    await page.locator('textarea[name="description"]').fill('The B2C shop of inTRONICS.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Element updated').waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('row', { name: /channel\.updated/ }).click();
    await page.getByRole('cell', { name: 'The B2C shop of inTRONICS.', exact: true }).waitFor();
    const created = page.getByRole('row', {
      name: new RegExp(`service\\.created.*${CHANNEL} / order-export`),
    });
    await created.click();
    await page.getByText('changed (secret values are never recorded)').first().waitFor();
    await page.getByRole('cell', { name: 'settings.scheduleIntervalMinutes', exact: true }).waitFor();
    expect(await page.getByText('export secret 1').count()).toBe(0);
  });
});
