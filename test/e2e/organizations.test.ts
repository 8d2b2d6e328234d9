import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { createChannel } from '../../server/channels/commands.ts';
import { createUser } from '../../server/users/commands.ts';
import { SHARING_RULE_HELP } from '../../shared/sharing/effective.ts';
import {
  ADMIN,
  launchBrowser,
  screenshot,
  signIn,
  signOut,
  startSwitchboardWithDatabase,
} from './harness.ts';

const MANAGER = { email: 'cm@example.com', name: 'Casey Manager', password: 'casey manager password' };
const B2C = 'inspired-b2c';
const B2B = 'inspired-b2b';

let server: Awaited<ReturnType<typeof startSwitchboardWithDatabase>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  server = await startSwitchboardWithDatabase();
  const system = { ...SYSTEM_ACTOR, user: null };
  for (const [id, shop] of [
    [B2C, '10000'],
    [B2B, '10001'],
  ] as const) {
    await createChannel(server.database.db, system, {
      id,
      name: `inSPIRED ${id.slice(-3).toUpperCase()}`,
      iomShopId: shop,
      iomShopName: 'inTRONICS',
    });
  }
  await createUser(server.database.db, SYSTEM_ACTOR, {
    ...MANAGER,
    role: 'channel_manager',
    channels: [B2C],
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const row = (page: Page, type = 'order-export') => page.locator(`tr[data-type="${type}"]`).first();

async function moveToOrganization(page: Page, channelId: string): Promise<void> {
  await page.goto(`${server.url}/#/channels/${channelId}`);
  await page.getByRole('combobox', { name: /Organization/ }).click();
  await page.getByRole('option', { name: 'inSPIRED' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Element updated').waitFor();
}

describe('organizations and sharing in the browser', () => {
  it('an admin creates an organization, moves two channels into it and shares an order export', async () => {
    const { page } = browser;
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
    await page.getByText('Welcome, Administrator').waitFor();
    await page.getByRole('menuitem', { name: 'Organizations' }).click();
    await page.getByRole('cell', { name: 'default', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Create' }).click();
    await page.locator('input[name="id"]').fill('inspired');
    await page.locator('input[name="name"]').fill('inSPIRED');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('tab', { name: /Services/ }).waitFor();

    await moveToOrganization(page, B2C);
    await moveToOrganization(page, B2B);

    await page.goto(`${server.url}/#/organizations/inspired/channels`);
    await page.getByRole('cell', { name: B2C, exact: true }).waitFor();
    await page.getByRole('cell', { name: B2B, exact: true }).waitFor();
    await screenshot(page, 'organization-channels');

    await page.getByRole('tab', { name: /Services/ }).click();
    await row(page).getByRole('link', { name: 'Add' }).click();
    await page.getByRole('combobox', { name: /Sharing rule/ }).click();
    await page.getByRole('option', { name: /^shared-inactive/ }).click();
    // The chosen rule explains itself under the select.
    await page
      .locator('.MuiFormHelperText-root')
      .filter({ hasText: SHARING_RULE_HELP['shared-inactive'] })
      .waitFor();
    await page.locator('input[name="endpoint"]').fill('https://iom.example.com/rest/order-service');
    await page.locator('input[name="username"]').fill('consumer_ws');
    await page.locator('input[name="password"]').fill('shared secret 1');
    // A test needs a channel's shop: the organization form has none.
    expect(await page.getByRole('button', { name: 'Test' }).count()).toBe(0);
    await screenshot(page, 'organization-service-form');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('tr[data-type="order-export"][data-state="configured"]').waitFor();
    expect(page.url()).toContain('#/organizations/inspired/services');
    expect(await row(page).locator('[data-rule]').getAttribute('data-rule')).toBe('shared-inactive');
    await screenshot(page, 'organization-services');
    await signOut(page);
  }, 120_000);

  it('a channel manager activates the inherited configuration on their channel only', async () => {
    const { page } = browser;
    await signIn(page, server.url, MANAGER.email, MANAGER.password);
    await page.getByText(`Welcome, ${MANAGER.name}`).waitFor();
    await page.goto(`${server.url}/#/channels/${B2C}/services`);
    const exportRow = row(page);
    await exportRow.getByText('not activated on this channel', { exact: true }).waitFor();
    expect(await exportRow.getAttribute('data-source')).toBe('inherited');
    expect(await exportRow.getByRole('switch').isChecked()).toBe(false);
    // Inherited configurations are read-only here: no Edit or Delete, but View and Override.
    expect(await exportRow.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    await exportRow.getByRole('link', { name: 'View' }).waitFor();
    await exportRow.getByRole('link', { name: 'Override' }).waitFor();

    await exportRow.getByRole('switch').click();
    await exportRow.getByText(/activated locally by cm@example\.com/).waitFor();
    await exportRow.getByText('operational', { exact: true }).waitFor();
    expect(await exportRow.locator('[data-source]').first().textContent()).toBe('inherited');
    expect(await exportRow.getByText('inherited from organization inSPIRED, shared-inactive').count()).toBe(
      1,
    );
    await screenshot(page, 'channel-services-inherited');
    await signOut(page);
  }, 60_000);

  it('the other channel still has it inactive; a change that takes it away is confirmed first', async () => {
    const { page } = browser;
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
    await page.getByText('Welcome, Administrator').waitFor();
    await page.goto(`${server.url}/#/channels/${B2B}/services`);
    await row(page).getByText('not activated on this channel', { exact: true }).waitFor();
    expect(await row(page).getByRole('switch').isChecked()).toBe(false);

    await page.goto(`${server.url}/#/organizations/inspired/services`);
    await row(page).getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('combobox', { name: /Sharing rule/ }).click();
    await page.getByRole('option', { name: /^unshared/ }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByText(/These channels use it now and lose it with this change: inspired-b2c\./)
      .waitFor();
    await screenshot(page, 'organization-loss-confirm');
    await dialog.getByRole('button', { name: 'Yes, take it away' }).click();
    await page.locator('tr[data-type="order-export"] [data-rule="unshared"]').waitFor();

    await page.goto(`${server.url}/#/channels/${B2C}/services`);
    await row(page)
      .getByText(/not shared: the organization inSPIRED keeps its configuration/)
      .waitFor();
    expect(await row(page).getAttribute('data-source')).toBe('none');
  }, 60_000);

  it('an organization that still has channels is not deleted, and the server says why', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/#/organizations/inspired`);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(/still has 2 channel\(s\): inspired-b2b, inspired-b2c/).waitFor();
  });
});
