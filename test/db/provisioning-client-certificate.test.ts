/**
 * A service's client certificate in a provisioning file: from the environment like a password, compared with
 * the stored one without showing either, checked before anything is written, never exported.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, serviceConfigs } from '../../drizzle/schema/index.ts';
import { applyProvisioning } from '../../server/provisioning/apply.ts';
import { ProvisioningError } from '../../server/provisioning/errors.ts';
import { exportProvisioning } from '../../server/provisioning/export.ts';
import type { EnvMap } from '../../server/provisioning/interpolate.ts';
import { renderPlan } from '../../server/provisioning/render.ts';
import { openClientCertificate } from '../../server/secrets/clientCertificate.ts';
import { testSecrets } from '../helpers/app.ts';
import {
  clientCertificate,
  FIXTURE_P12,
  FIXTURE_P12_PASSPHRASE,
  testCa,
  type Pem,
} from '../helpers/clientCertificates.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let tdb: TestDatabase;
let pem: Pem;
beforeAll(async () => {
  tdb = await createTestDatabase();
  pem = await clientCertificate(await testCa(), { passphrase: 'pem-pass' });
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

/** A channel whose order export presents `certificate` (YAML under `clientCertificate:`), or none. */
const file = (certificate: string | null) => `
channels:
  - id: b2c
    name: B2C
    iomShopId: 10000
    iomShopName: inTRONICS
    services:
      - type: order-export
        endpoint: https://iom.example.com/rest/order-service
        username: consumer_ws
        password: \${IOM_PASSWORD}
        active: true
${certificate === null ? '' : `        clientCertificate:${certificate}\n`}`;

const PEM_KEYS =
  '\n          certificate: ${CERT_PEM}\n          key: ${KEY_PEM}\n          passphrase: ${KEY_PASS}';
const P12_KEYS = '\n          pkcs12: ${P12_BASE64}\n          passphrase: ${P12_PASS}';

const env = (): EnvMap => ({
  IOM_PASSWORD: 'iom password',
  CERT_PEM: pem.cert,
  KEY_PEM: pem.key,
  KEY_PASS: 'pem-pass',
  P12_BASE64: FIXTURE_P12,
  P12_PASS: FIXTURE_P12_PASSPHRASE,
});

const apply = (text: string, values: EnvMap = env()) =>
  applyProvisioning(tdb.db, testSecrets, text, { env: values });

async function row() {
  const [found] = await tdb.db
    .select()
    .from(serviceConfigs)
    .where(and(eq(serviceConfigs.channelId, 'b2c'), eq(serviceConfigs.type, 'order-export')));
  if (!found) throw new Error('no service');
  return found;
}

describe('client certificates in provisioning files', () => {
  it('sets a PEM certificate from the environment, keeps it when unchanged or left out, replaces and clears it', async () => {
    const created = await apply(file(PEM_KEYS));
    expect(renderPlan(created)).toContain('    clientCertificate: (set)\n');
    const stored = await row();
    expect(stored.clientCertificateSubject).toBe('CN=switchboard-client, O=Example');
    expect(openClientCertificate(testSecrets, stored)).toMatchObject({
      format: 'pem',
      passphrase: 'pem-pass',
    });

    expect((await apply(file(PEM_KEYS))).summary).toMatchObject({ update: 0 });
    expect((await apply(file(null))).summary).toMatchObject({ update: 0 });
    expect((await row()).clientCertificateEncrypted).toBe(stored.clientCertificateEncrypted);

    const replaced = await apply(file(P12_KEYS));
    expect(renderPlan(replaced)).toContain('~ b2c/order-export: clientCertificate: (changed)\n');
    expect((await row()).clientCertificateSubject).toBe('CN=switchboard-pkcs12, O=Fixture');

    const cleared = await apply(file(' null'));
    expect(renderPlan(cleared)).toContain('~ b2c/order-export: clientCertificate: (cleared)\n');
    expect(await row()).toMatchObject({
      clientCertificateEncrypted: null,
      clientCertificateSubject: null,
      clientCertificateExpiresAt: null,
    });
    const audit = JSON.stringify(await tdb.db.select().from(auditEvents));
    expect(audit).not.toContain('pem-pass');
    expect(audit).not.toContain(FIXTURE_P12.slice(100, 160));
  });

  it('refuses a certificate that does not open, at its path, and writes nothing', async () => {
    const error = await apply(file(P12_KEYS), { ...env(), P12_PASS: 'wrong' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisioningError);
    expect((error as ProvisioningError).problems).toEqual([
      {
        path: 'channels[0].services[0].clientCertificate.passphrase',
        message: 'The passphrase does not open the PKCS#12 file.',
      },
    ]);
    expect(await tdb.db.$count(serviceConfigs)).toBe(0);
    const both = await apply(file(`${PEM_KEYS}${P12_KEYS.replace(/\n {10}passphrase.*$/, '')}`)).catch(
      (e: unknown) => e,
    );
    expect((both as ProvisioningError).problems[0]?.path).toBe(
      'channels[0].services[0].clientCertificate.pkcs12',
    );
  });

  it('never exports it: applying the export keeps the stored certificate', async () => {
    await apply(file(P12_KEYS));
    const exported = await exportProvisioning(tdb.db);
    const body = exported.replace(/^#.*\n/gm, '');
    expect(body).not.toContain('clientCertificate');
    expect(exported).not.toContain(FIXTURE_P12.slice(0, 40));
    expect(exported).toContain('# Passwords and client certificates are not exported');
    expect((await apply(exported, { IOM_PASSWORD: 'unused' })).summary).toMatchObject({ update: 0 });
    expect((await row()).clientCertificateSubject).toBe('CN=switchboard-pkcs12, O=Fixture');
  });
});
