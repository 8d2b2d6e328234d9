import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn, startSwitchboardWithDatabase } from './harness.ts';

let server: Awaited<ReturnType<typeof startSwitchboardWithDatabase>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  server = await startSwitchboardWithDatabase({}); // no ADMIN_PASSWORD: the password is generated
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const EXPLANATION = /still has the password that was generated/;

describe('the generated first-admin password in the browser', () => {
  it('must be changed before anything else, then the dashboard follows', async () => {
    const { page } = browser;
    const { firstAdmin } = server;
    if (!firstAdmin.created || !firstAdmin.generatedPassword) throw new Error('expected a generated admin');
    await signIn(page, server.url, firstAdmin.email, firstAdmin.generatedPassword);

    await page.getByText(EXPLANATION).waitFor();
    await screenshot(page, 'first-admin-must-change');
    expect(await page.getByText('Welcome, Administrator').count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Users' }).count()).toBe(0);
    // Another page by its address shows the same form, not the page.
    await page.goto(`${server.url}/#/users`);
    await page.getByText(EXPLANATION).waitFor();
    expect(await page.getByRole('cell', { name: firstAdmin.email }).count()).toBe(0);

    await page.locator('input[name="currentPassword"]').fill(firstAdmin.generatedPassword);
    await page.locator('input[name="newPassword"]').fill('my own admin password');
    await page.locator('input[name="confirmPassword"]').fill('my own admin password');
    await page.getByRole('button', { name: 'Change password' }).click();

    await page.getByText('Welcome, Administrator').waitFor();
    expect(await page.getByText(EXPLANATION).count()).toBe(0);
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.getByRole('cell', { name: firstAdmin.email }).first().waitFor();
  });
});
