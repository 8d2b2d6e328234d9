import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { createChannel } from '../../server/channels/commands.ts';
import { startIomSimulator, type IomSimulator } from '../../server/iom-simulator/index.ts';
import { createUser } from '../../server/users/commands.ts';
import { clientCertificate, testCa, type Pem } from '../helpers/clientCertificates.ts';
import { launchBrowser, screenshot, signIn, startSwitchboardWithDatabase } from './harness.ts';

const MANAGER = { email: 'mia.manager@example.com', name: 'Mia Manager', password: 'mia manager password' };
const CHANNEL = 'inspired-b2c';

let server: Awaited<ReturnType<typeof startSwitchboardWithDatabase>>;
let simulator: IomSimulator;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let expiring: Pem;
let stranger: Pem;

beforeAll(async () => {
  const ca = await testCa();
  expiring = await clientCertificate(ca, { days: 20 });
  stranger = await clientCertificate(ca, { commonName: 'stranger' });
  // An IOM whose TLS endpoint requires a client certificate from this CA.
  simulator = await startIomSimulator({ tls: { clientCa: ca.cert } });
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
const row = (page: Page) => page.locator('tr[data-type="order-export"]');

describe('a client certificate in the service form', () => {
  it('is typed in, tested, saved, shown only by subject and expiry with a warning, then cleared', async () => {
    const { page } = browser;
    await signIn(page, server.url, MANAGER.email, MANAGER.password);
    await page.getByText(`Welcome, ${MANAGER.name}`).waitFor();
    await page.goto(`${server.url}/#/channels/${CHANNEL}/services`);
    await row(page).getByRole('link', { name: 'Add' }).click();
    await page.locator('input[name="username"]').fill('consumer_ws');
    await page.locator('input[name="password"]').fill('consumer_ws');
    await page.locator('input[name="trustedCertificateSha256"]').fill(simulator.certificateSha256 ?? '');

    // Without a certificate, the TLS step says IOM asked for one.
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await expect.poll(() => ladder(page).getAttribute('data-outcome'), { timeout: 20_000 }).toBe('tls_error');
    expect(await step(page, 'tls').getAttribute('data-status')).toBe('failed');
    await step(page, 'tls')
      .getByText(/asks for a client certificate \(mutual TLS\)/)
      .waitFor();

    await page.getByRole('button', { name: 'Add a client certificate' }).click();
    await page.locator('textarea[name="clientCertificate.certificate"]').fill(expiring.cert);
    await page.locator('textarea[name="clientCertificate.key"]').fill(expiring.key);
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await expect.poll(() => ladder(page).getAttribute('data-outcome'), { timeout: 20_000 }).toBe('ok');
    expect(await step(page, 'tls').getAttribute('data-status')).toBe('warning');
    await screenshot(page, 'client-certificate-test');

    await page.getByRole('button', { name: 'Save' }).click();
    await row(page).getByText('Client certificate', { exact: true }).waitFor();
    await row(page)
      .getByText(/^The client certificate expires in (19|20) days/)
      .waitFor();

    await row(page).getByRole('link', { name: 'Edit' }).click();
    const stored = page.getByLabel('Client certificate (mutual TLS)', { exact: true });
    await stored.waitFor();
    expect(await stored.inputValue()).toMatch(
      /^configured: CN=switchboard-client, O=Example, expires \d{4}-\d\d-\d\d$/,
    );
    await page
      .getByRole('alert')
      .getByText(/The client certificate expires in/)
      .waitFor();
    expect(await page.content()).not.toContain('PRIVATE KEY');
    await screenshot(page, 'client-certificate-stored');

    // A key that belongs to another certificate is refused next to the key.
    await page.getByRole('button', { name: 'Replace' }).nth(1).click();
    await page.locator('textarea[name="clientCertificate.certificate"]').fill(expiring.cert);
    await page.locator('textarea[name="clientCertificate.key"]').fill(stranger.key);
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .locator('.MuiFormHelperText-root.Mui-error', {
        hasText: 'The private key does not belong to the certificate.',
      })
      .waitFor();

    await page.getByRole('button', { name: 'Keep the stored one' }).click();
    await page.getByRole('button', { name: 'Clear' }).nth(1).click();
    expect(await stored.inputValue()).toBe('to be removed');
    await page.getByRole('button', { name: 'Save' }).click();
    await row(page).waitFor();
    await expect.poll(() => row(page).getByText('Client certificate', { exact: true }).count()).toBe(0);
  }, 120_000);
});
