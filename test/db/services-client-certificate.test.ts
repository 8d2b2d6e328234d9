/**
 * A configuration's client certificate for mutual TLS: checked at save time, stored encrypted, shown only as
 * its subject and expiry, audited as "(changed)", presented in connectivity tests under the password's custody
 * rule — against an IOM simulator whose TLS endpoint requires a client certificate.
 */
import { eq } from 'drizzle-orm';
import superjson from 'superjson';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, serviceConfigs } from '../../drizzle/schema/index.ts';
import { openClientCertificate } from '../../server/secrets/clientCertificate.ts';
import { signedInAs, testSecrets } from '../helpers/app.ts';
import {
  clientCertificate,
  FIXTURE_CA,
  FIXTURE_P12,
  FIXTURE_P12_PASSPHRASE,
  testCa,
  type Pem,
} from '../helpers/clientCertificates.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';
import { useSimulator } from '../helpers/simulator.ts';

const mtls = useSimulator({ tls: { clientCa: FIXTURE_CA } });
/** Another IOM (another port: another origin) that trusts the same certificates. */
const otherMtls = useSimulator({ tls: { clientCa: FIXTURE_CA } });
const P12 = { pkcs12: FIXTURE_P12, passphrase: FIXTURE_P12_PASSPHRASE };

let tdb: TestDatabase;
let ca: Pem;
let pem: Pem;
beforeAll(async () => {
  tdb = await createTestDatabase();
  ca = await testCa();
  pem = await clientCertificate(ca, { days: 400, passphrase: 'key-pass' });
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

async function setup() {
  const admin = await signedInAs(tdb.db, 'admin', { email: 'admin@example.com' });
  await admin.caller.channels.create({
    id: 'b2c',
    name: 'B2C',
    iomShopId: '10000',
    iomShopName: 'inTRONICS',
    iomBaseUrl: mtls().url,
  });
  const cm = await signedInAs(tdb.db, 'channel_manager', { email: 'cm@example.com', channels: ['b2c'] });
  const support = await signedInAs(tdb.db, 'support', { email: 'support@example.com' });
  return { admin, cm, support };
}

/** An order-export configuration against the mutual-TLS simulator, its server certificate pinned. */
const mtlsService = (extra: Record<string, unknown> = {}) => ({
  channelId: 'b2c',
  type: 'order-export' as const,
  endpoint: mtls().endpoints.orderService,
  username: 'consumer_ws',
  password: 'consumer_ws',
  active: true,
  timeoutMs: 5000,
  trustedCertificateSha256: mtls().certificateSha256 ?? null,
  ...extra,
});

const rowOf = async (id: string) => {
  const [row] = await tdb.db.select().from(serviceConfigs).where(eq(serviceConfigs.id, id));
  if (!row) throw new Error('no row');
  return row;
};

describe('client certificates of service configurations', () => {
  it('stores a PEM certificate encrypted and shows only its subject and expiry', async () => {
    const { cm, support } = await setup();
    const { service, warnings } = await cm.caller.services.create(
      mtlsService({ clientCertificate: { certificate: pem.cert, key: pem.key, passphrase: 'key-pass' } }),
    );
    expect(warnings).toEqual([]);
    expect(service).toMatchObject({
      clientCertificateConfigured: true,
      clientCertificateSubject: 'CN=switchboard-client, O=Example',
      clientCertificateWarning: null,
    });
    expect(service.clientCertificateExpiresAt?.getUTCFullYear()).toBeGreaterThanOrEqual(2027);
    expect(Object.keys(service)).not.toContain('clientCertificateEncrypted');
    const row = await rowOf(service.id);
    expect(row.clientCertificateEncrypted).toMatch(/^v1:/);
    expect(row.clientCertificateEncrypted).not.toContain('PRIVATE');
    expect(openClientCertificate(testSecrets, row)).toEqual({
      format: 'pem',
      certificate: pem.cert.trim(),
      key: pem.key.trim(),
      passphrase: 'key-pass',
    });
    // Whoever reads the configuration sees the same: configured, subject, expiry; never the material.
    const answers = superjson.stringify([
      await support.caller.services.get({ id: service.id }),
      await cm.caller.services.list({ channelId: 'b2c' }),
      await cm.caller.services.effective({ channelId: 'b2c' }),
    ]);
    expect(answers).not.toContain('PRIVATE KEY');
    expect(answers).not.toContain('BEGIN CERTIFICATE');
    expect(answers).not.toContain('key-pass');
    expect(answers).not.toContain(row.clientCertificateEncrypted);
  });

  it('refuses a certificate that does not parse, a key that does not belong to it, a wrong passphrase: nothing stored', async () => {
    const { cm } = await setup();
    const other = await clientCertificate(ca, { commonName: 'other' });
    const refusals = [
      [
        { certificate: 'not a certificate', key: pem.key, passphrase: 'key-pass' },
        'clientCertificate.certificate',
      ],
      [{ certificate: pem.cert, key: other.key }, 'clientCertificate.key'],
      [{ certificate: pem.cert, key: pem.key, passphrase: 'wrong' }, 'clientCertificate.passphrase'],
      [{ pkcs12: FIXTURE_P12, passphrase: 'wrong' }, 'clientCertificate.passphrase'],
      [{ pkcs12: 'Z2FyYmFnZQ==' }, 'clientCertificate.pkcs12'],
    ] as const;
    for (const [clientCertificate, field] of refusals) {
      const error = await rejection(cm.caller.services.create(mtlsService({ clientCertificate })));
      expect(error.code, field).toBe('BAD_REQUEST');
      expect(Object.keys(error.fieldErrors)).toEqual([field]);
    }
    const mismatch = await rejection(
      cm.caller.services.create(
        mtlsService({ clientCertificate: { certificate: pem.cert, key: other.key } }),
      ),
    );
    expect(mismatch.fieldErrors['clientCertificate.key']).toBe(
      'The private key does not belong to the certificate.',
    );
    expect(await tdb.db.select().from(serviceConfigs)).toEqual([]);

    // An update that is refused leaves the stored certificate as it was.
    const { service } = await cm.caller.services.create(mtlsService({ clientCertificate: P12 }));
    const before = await rowOf(service.id);
    const wrong = await rejection(
      cm.caller.services.update({
        id: service.id,
        version: service.version,
        clientCertificate: { certificate: pem.cert, key: other.key },
      }),
    );
    expect(wrong.fieldErrors).toEqual({
      'clientCertificate.key': 'The private key does not belong to the certificate.',
    });
    expect(await rowOf(service.id)).toEqual(before);
  });

  it('keeps, replaces and clears it like the password; the audit log says only "(changed)"', async () => {
    const { cm } = await setup();
    const { service } = await cm.caller.services.create(mtlsService({ clientCertificate: P12 }));
    expect(service.clientCertificateSubject).toBe('CN=switchboard-pkcs12, O=Fixture');
    const kept = (await cm.caller.services.update({ id: service.id, version: 1, timeoutMs: 4000 })).service;
    expect(kept).toMatchObject({ clientCertificateConfigured: true, version: 2 });
    const replaced = (
      await cm.caller.services.update({
        id: service.id,
        version: 2,
        clientCertificate: { certificate: pem.cert, key: pem.key, passphrase: 'key-pass' },
      })
    ).service;
    expect(replaced.clientCertificateSubject).toBe('CN=switchboard-client, O=Example');
    const cleared = (await cm.caller.services.update({ id: service.id, version: 3, clientCertificate: null }))
      .service;
    expect(cleared).toMatchObject({
      clientCertificateConfigured: false,
      clientCertificateSubject: null,
      clientCertificateExpiresAt: null,
    });
    expect((await rowOf(service.id)).clientCertificateEncrypted).toBeNull();

    const entries = await tdb.db.select().from(auditEvents).where(eq(auditEvents.targetId, service.id));
    const certificateChanges = entries.flatMap((e) =>
      (e.changes ?? []).filter((c) => c.field === 'clientCertificate'),
    );
    expect(certificateChanges).toEqual([
      { field: 'clientCertificate', from: null, to: '(changed)' },
      { field: 'clientCertificate', from: '(changed)', to: '(changed)' },
      { field: 'clientCertificate', from: '(changed)', to: '(changed)' },
    ]);
    const audit = JSON.stringify(entries);
    expect(audit).not.toContain('PRIVATE');
    expect(audit).not.toContain(FIXTURE_P12.slice(0, 32));
    expect(audit).not.toContain('key-pass');
    expect(audit).toContain('CN=switchboard-client, O=Example');
  });

  it('warns from 30 days before the certificate expires, at save and on the configuration', async () => {
    const { cm } = await setup();
    const soon = await clientCertificate(ca, { days: 12 });
    const { service, warnings } = await cm.caller.services.create(
      mtlsService({ clientCertificate: { certificate: soon.cert, key: soon.key } }),
    );
    expect(warnings).toEqual([
      expect.stringMatching(/^The client certificate expires in 1[12] days \(\d{4}-\d\d-\d\d\)/),
    ]);
    expect(service.clientCertificateWarning).toBe(warnings[0]);
  });

  it('moving the endpoint to another host takes choosing the certificate again, or clearing it', async () => {
    const { cm } = await setup();
    const { service } = await cm.caller.services.create(mtlsService({ clientCertificate: P12 }));
    const moved = await rejection(
      cm.caller.services.update({
        id: service.id,
        version: 1,
        endpoint: 'https://elsewhere.example.com/rest/order-service',
        password: 'typed again',
      }),
    );
    expect(moved.fieldErrors).toEqual({
      clientCertificate:
        'Choose the client certificate again (or clear it): the stored one stays with the scheme, host and port it was saved for, and the endpoint now points elsewhere.',
    });
    const cleared = await cm.caller.services.update({
      id: service.id,
      version: 1,
      endpoint: 'https://elsewhere.example.com/rest/order-service',
      password: 'typed again',
      clientCertificate: null,
    });
    expect(cleared.service.clientCertificateConfigured).toBe(false);
  });
});

describe('connectivity tests present the client certificate', () => {
  it('a saved test passes only once the certificate is configured; without it the TLS step says why', async () => {
    const { cm } = await setup();
    const { service } = await cm.caller.services.create(mtlsService());
    const without = await cm.caller.probes.testSaved({ configId: service.id });
    expect(without.outcome).toBe('tls_error');
    expect(without.steps.find((s) => s.status === 'failed')?.step).toBe('tls');
    expect(without.message).toContain(
      'asks for a client certificate (mutual TLS) and this configuration has none',
    );
    const { service: withCertificate } = await cm.caller.services.update({
      id: service.id,
      version: service.version,
      clientCertificate: P12,
    });
    const run = await cm.caller.probes.testSaved({ configId: withCertificate.id });
    expect(run.outcome, run.message).toBe('ok');
    expect(run.steps.find((s) => s.step === 'tls')?.detail).toContain(
      'client certificate CN=switchboard-pkcs12, O=Fixture, expires 2126-',
    );
  });

  it('a form test uses the stored certificate only under the custody rule, and a typed one always', async () => {
    const { cm } = await setup();
    const { service } = await cm.caller.services.create(mtlsService({ clientCertificate: P12 }));
    const form = {
      channelId: 'b2c',
      type: 'order-export' as const,
      configId: service.id,
      endpoint: mtls().endpoints.orderService,
      username: 'consumer_ws',
      trustedCertificateSha256: mtls().certificateSha256 ?? null,
    };
    expect((await cm.caller.probes.testForm(form)).outcome).toBe('ok');
    // Another host: the stored certificate stays home; a certificate typed into the form goes.
    const elsewhere = {
      ...form,
      endpoint: otherMtls().endpoints.orderService,
      trustedCertificateSha256: otherMtls().certificateSha256 ?? null,
      password: 'consumer_ws',
    };
    const withheld = await cm.caller.probes.testForm(elsewhere);
    expect(withheld.outcome).toBe('tls_error');
    expect(withheld.notice).toBe(
      'The stored client certificate was not used: choose it again to test against a different host.',
    );
    expect((await cm.caller.probes.testForm({ ...elsewhere, clientCertificate: P12 })).outcome).toBe('ok');
    const audited = await tdb.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'service.client_certificate_withheld'));
    expect(audited).toHaveLength(1);
    // A typed certificate is checked like at save.
    const bad = await rejection(
      cm.caller.probes.testForm({ ...form, clientCertificate: { pkcs12: FIXTURE_P12, passphrase: 'wrong' } }),
    );
    expect(Object.keys(bad.fieldErrors)).toEqual(['clientCertificate.passphrase']);
  });
});
