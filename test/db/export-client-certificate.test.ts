/**
 * Exports to an IOM whose TLS endpoint requires a client certificate (mutual TLS): they reach IOM only once
 * the configuration holds one, and the exporter's connection pool takes a new certificate at once.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { serviceConfigs } from '../../drizzle/schema/index.ts';
import { intakeOrder } from '../../server/exports/intake.ts';
import { sampleOrder } from '../../server/iom-simulator/index.ts';
import { inspectClientCertificate, sealClientCertificate } from '../../server/secrets/clientCertificate.ts';
import { FIXTURE_CA, FIXTURE_P12, FIXTURE_P12_PASSPHRASE } from '../helpers/clientCertificates.ts';
import {
  exportChannel,
  exportOf,
  exportSecrets,
  FakeClock,
  makeWorker,
  setSettings,
  useExportTestbed,
} from '../helpers/exports.ts';

const testbed = useExportTestbed({ tls: { clientCa: FIXTURE_CA } });
const { sim } = testbed;

async function take(clock: FakeClock, number: string) {
  const result = await intakeOrder(testbed.db, {
    channelId: 'b2c',
    body: sampleOrder(number),
    now: clock.now(),
  });
  if (result.kind !== 'accepted') throw new Error(`not accepted: ${result.kind}`);
}

/** The channel's order export to the mutual-TLS simulator, its server certificate pinned. */
async function mtlsChannel() {
  const configId = await exportChannel(testbed.db, sim());
  await setSettings(testbed.db, configId, { maxAttempts: 1, escalationThreshold: 1 });
  await testbed.db
    .update(serviceConfigs)
    .set({ trustedCertificateSha256: sim().certificateSha256 ?? null })
    .where(eq(serviceConfigs.id, configId));
  return configId;
}

async function configureCertificate(configId: string) {
  const { material, facts } = inspectClientCertificate({
    pkcs12: FIXTURE_P12,
    passphrase: FIXTURE_P12_PASSPHRASE,
  });
  await testbed.db
    .update(serviceConfigs)
    .set({
      clientCertificateEncrypted: sealClientCertificate(exportSecrets, configId, material),
      clientCertificateSubject: facts.subject,
      clientCertificateExpiresAt: facts.expiresAt,
      version: 2,
    })
    .where(eq(serviceConfigs.id, configId));
}

describe('exports to an IOM that requires a client certificate', () => {
  it('never reach IOM without one, and are created once it is configured', async () => {
    const clock = new FakeClock();
    const configId = await mtlsChannel();
    const worker = makeWorker(testbed.db, { clock: clock.now });
    await take(clock, 'MTLS-1');
    await worker.runOnce();
    const refused = await exportOf(testbed.db, 'MTLS-1');
    expect(refused.state).not.toBe('exported');
    expect(refused.outcome).toMatch(/_error$/);
    expect(sim().counts.shops['10000']?.posts ?? 0).toBe(0);

    // The same worker (and its pooled agent) picks up the certificate with the configuration's change.
    await configureCertificate(configId);
    await take(clock, 'MTLS-2');
    await worker.runOnce();
    expect(await exportOf(testbed.db, 'MTLS-2')).toMatchObject({ state: 'exported', outcome: 'created' });
    expect(sim().counts.orders['10000']?.['MTLS-2']).toMatchObject({ posts: 1, created: 1 });
    await worker.stop(1000);
  });
});
