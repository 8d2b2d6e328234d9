import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, launchBrowser, signIn, signOut, startSwitchboard } from './harness.ts';

let server: Awaited<ReturnType<typeof startSwitchboard>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  server = await startSwitchboard();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('users in the browser', () => {
  it('the first admin creates a support user, who then cannot reach Users', async () => {
    const { page } = browser;
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
    await page.getByText('Welcome, Administrator').waitFor();

    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.getByRole('link', { name: 'Create' }).click();
    // The server's answer lands next to the field it concerns.
    await page.locator('input[name="email"]').fill(ADMIN.email);
    await page.locator('input[name="name"]').fill('Sam Support');
    await page.getByRole('combobox', { name: /Role/ }).click();
    await page.getByRole('option', { name: 'Support' }).click();
    await page.locator('input[name="password"]').fill('too short');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Use at least 12 characters.').waitFor();
    await page.locator('input[name="password"]').fill('sam support password');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`${ADMIN.email} already has an account.`).waitFor();
    await page.locator('input[name="email"]').fill('sam.support@example.com');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'sam.support@example.com' }).waitFor();

    await signOut(page);
    await signIn(page, server.url, 'sam.support@example.com', 'sam support password');
    await page.getByText('Welcome, Sam Support').waitFor();
    expect(await page.getByRole('menuitem', { name: 'Users' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Audit log' }).count()).toBe(1);

    await page.goto(`${server.url}/#/users`);
    await page
      .getByText(/not authorized|access denied|don't have access/i)
      .first()
      .waitFor();
    expect(await page.getByText('admin@example.com').count()).toBe(0);
  });

  it('a wrong password gets a clear message and no session', async () => {
    const { page } = browser;
    await signOut(page);
    await signIn(page, server.url, ADMIN.email, 'not the password');
    await page.getByText('The email or the password is wrong.').waitFor();
    expect(page.url()).toContain('/login');
  });
});
