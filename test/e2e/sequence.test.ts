import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/audit/record.ts';
import { createChannel } from '../../server/channels/commands.ts';
import { sampleOrder, startIomSimulator, type IomSimulator } from '../../server/iom-simulator/index.ts';
import { createService } from '../../server/services/commands.ts';
import { testSecrets } from '../helpers/app.ts';
import { postOrder } from '../helpers/simulator.ts';
import { ADMIN, launchBrowser, signIn, startSwitchboardWithDatabase } from './harness.ts';

/** The file in the layout Intershop documents (KB B29919). */
const SEQUENCES_INFO = readFileSync(
  new URL('../fixtures/sequences/documented.properties', import.meta.url),
  'utf8',
);
/** Set SEQUENCE_SCREENSHOTS=/some/dir to keep pictures of the page while the test runs. */
const shots = process.env.SEQUENCE_SCREENSHOTS;

let server: Awaited<ReturnType<typeof startSwitchboardWithDatabase>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let simulator: IomSimulator;

beforeAll(async () => {
  server = await startSwitchboardWithDatabase();
  simulator = await startIomSimulator();
  // IOM sorts these as text (99 before 100): the numeric maximum is 100.
  for (const n of ['9', '10', '100', '99']) await postOrder(simulator, 10000, sampleOrder(n));
  const system = { ...SYSTEM_ACTOR, user: null };
  await createChannel(server.database.db, system, {
    id: 'inspired-b2c',
    name: 'inSPIRED B2C',
    iomShopId: '10000',
    iomShopName: 'inTRONICS',
  });
  await createService(server.database.db, testSecrets, system, {
    channelId: 'inspired-b2c',
    type: 'order-history',
    endpoint: simulator.endpoints.orderService,
    username: 'consumer_ws',
    password: 'consumer_ws',
    active: true,
  });
  browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await simulator?.close();
});

describe('order numbers in the browser', () => {
  it('an admin pastes sequences-info.properties, enters IOM’s number, sees the start and copies the property line', async () => {
    const { page } = browser;
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
    await page.getByRole('menuitem', { name: 'Order numbers' }).click();

    await page.getByLabel('Paste the file here').fill(SEQUENCES_INFO);
    const used = page.getByTestId('sequences-info-used');
    await used.getByText('Used startsWith 51 (line 5) and block size 10 (line 4).').waitFor();
    await used
      .getByText('Sequence: SellerOrder.DocumentNo.NfsKAB1PpEUAAAFTFT89kGWR (inSPIRED-inTRONICS), line 2.')
      .waitFor();
    expect(await page.locator('input[name="icmStartsWith"]').inputValue()).toBe('51');
    expect(await page.locator('input[name="icmBlockSize"]').inputValue()).toBe('10');

    // A number with a space is refused next to its field, and the start disappears until it is fixed.
    const iom = page.locator('input[name="parties.0.largest"]');
    await iom.fill('20160128 017063');
    await page.getByText('contains spaces ("20160128 017063")', { exact: false }).first().waitFor();
    expect(await page.getByTestId('sequence-start').count()).toBe(0);

    await iom.fill('20160128017063');
    await expect.poll(() => page.getByTestId('sequence-start').textContent()).toBe('20160128017074');
    await page.getByText('start = 20160128017063 + blockSize 10 + 1 = 20160128017074.').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/sequence-calculator.png`, fullPage: true });

    await page.getByRole('button', { name: 'Copy Property line' }).click();
    await page
      .getByRole('region', { name: 'Property line' })
      .getByRole('status')
      .getByText('Copied')
      .waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'intershop.sequence.startsWith=20160128017074',
    );

    // database.properties: one active line; the deployment step as the release notes have it.
    const file = await page.getByRole('region', { name: 'database.properties' }).locator('pre').textContent();
    expect(file?.split('\n').filter((line) => line.trim() && !line.startsWith('#'))).toEqual([
      'intershop.sequence.startsWith=20160128017074',
    ]);
    const snippet = await page
      .getByRole('region', { name: 'Deployment snippet' })
      .locator('pre')
      .textContent();
    expect(snippet).toContain("overrideProperties('uniqueOrderSequence')");
    expect(snippet).toContain("properties['intershop.sequence.startsWith'] = 20160128017074");
    await page
      .getByTestId('sequence-spelling')
      .getByText('names the line “intershop.sequence.startWith=”', { exact: false })
      .waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/dbinit|demo_iomconnector/i);

    // Only when asked to change the block size does it become a second active line.
    await page.locator('input[name="newBlockSize"]').fill('20');
    await page
      .getByRole('region', { name: 'database.properties' })
      .getByText('intershop.sequence.blockSize=20', { exact: false })
      .waitFor();
    await page.locator('input[name="newBlockSize"]').fill('');
  });

  it('saves the computation as a negotiation; its proposer cannot approve it and is told why', async () => {
    const { page } = browser;
    await page.getByLabel('Title of the negotiation').fill('Go-live with IOM');
    await page.getByRole('button', { name: 'Save as draft negotiation' }).click();
    await page.getByRole('heading', { name: '#1 Go-live with IOM' }).waitFor();
    await page.getByRole('button', { name: 'Propose' }).click();
    await page.locator('[data-state="proposed"]').first().waitFor();
    const approve = page.getByRole('button', { name: 'Approve' });
    expect(await approve.isDisabled()).toBe(true);
    await page
      .getByText('You proposed this negotiation: another admin must approve it (four eyes).')
      .waitFor();
    await page.locator('[data-action="sequence.proposed"]').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/sequence-negotiation.png`, fullPage: true });
  });

  it('asks IOM for its largest number, shows the evidence, and uses it only on confirm', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'All negotiations' }).click();
    await page.getByRole('table', { name: 'Negotiations' }).waitFor();
    const iom = page.locator('input[name="parties.0.largest"]');
    await iom.fill('7');
    await page.getByRole('button', { name: 'Fetch from IOM' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Largest order number from IOM' });
    await dialog.getByRole('combobox', { name: 'Channel' }).click();
    await page.getByRole('option', { name: /inSPIRED B2C/ }).click();
    await dialog.getByRole('button', { name: 'Ask IOM' }).click();
    await dialog
      .getByText('The largest digit-only order number IOM lists for shop 10000 is 100', { exact: false })
      .waitFor();
    await dialog.getByText('IOM sorted the numbers as text; the numeric maximum was taken.').waitFor();
    expect(await iom.inputValue()).toBe('7');
    if (shots) await page.screenshot({ path: `${shots}/sequence-iom.png` });
    await dialog.getByRole('button', { name: 'Use 100' }).click();
    await expect.poll(() => iom.inputValue()).toBe('100');
    await page.getByText('fetched from IOM').waitFor();
  });
});
