import { X509Certificate } from 'node:crypto';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { startIomSimulator } from '../../server/iom-simulator/index.ts';
import { useSimulator } from '../helpers/simulator.ts';

const DAY_MS = 86_400_000;
const sim = useSimulator({ tls: { validityDays: 10, keyType: 'ec' } });

interface Served {
  status: number;
  body: string;
  certificate: X509Certificate;
}

/** One HTTPS request on a fresh connection, trusting `ca` (or nothing), reporting the served certificate. */
function httpsGet(url: string, ca: string | undefined, method = 'GET'): Promise<Served> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca, agent: false }, (res) => {
      const certificate = new X509Certificate((res.socket as TLSSocket).getPeerCertificate().raw);
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, certificate }));
    });
    req.on('error', reject);
    req.end();
  });
}

const fingerprintOf = (certificate: X509Certificate) =>
  certificate.fingerprint256.replaceAll(':', '').toLowerCase();

describe('IOM simulator over TLS', () => {
  it('serves HTTPS with the certificate whose SHA-256 it exposes', async () => {
    expect(sim().url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sim().certificateSha256).toMatch(/^[0-9a-f]{64}$/);
    const served = await httpsGet(sim().endpoints.health, sim().certificatePem);
    expect(served.status).toBe(200);
    expect(fingerprintOf(served.certificate)).toBe(sim().certificateSha256);
  });

  it('is self-signed: a client that trusts nothing extra refuses it', async () => {
    const refusal = await httpsGet(sim().endpoints.health, undefined).then(
      () => null,
      (error: NodeJS.ErrnoException) => error,
    );
    expect(refusal?.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
  });

  it('can serve a certificate that expires within 30 days', async () => {
    const served = await httpsGet(sim().endpoints.health, sim().certificatePem);
    const daysLeft = (Date.parse(served.certificate.validTo) - Date.now()) / DAY_MS;
    expect(daysLeft).toBeGreaterThan(9);
    expect(daysLeft).toBeLessThan(11);
    expect(served.certificate.subject).toContain('CN=localhost');
    expect(served.certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });

  it('regenerates the certificate: the fingerprint changes and new connections see it', async () => {
    const before = sim().certificateSha256;
    const after = await sim().regenerateCertificate();
    expect(after).not.toBe(before);
    expect(sim().certificateSha256).toBe(after);
    const served = await httpsGet(sim().endpoints.health, sim().certificatePem);
    expect(fingerprintOf(served.certificate)).toBe(after);
    await expect(httpsGet(sim().endpoints.health, undefined)).rejects.toBeDefined();
  });

  it('regenerates through the control API too, with another validity', async () => {
    const before = sim().certificateSha256;
    const res = await httpsGet(`${sim().endpoints.control}/certificate`, sim().certificatePem, 'POST');
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.body) as { certificateSha256: string; validTo: string };
    expect(answer.certificateSha256).not.toBe(before);
    expect(answer.certificateSha256).toBe(sim().certificateSha256);
    const served = await httpsGet(sim().endpoints.health, sim().certificatePem);
    expect(fingerprintOf(served.certificate)).toBe(answer.certificateSha256);
    await expect(sim().regenerateCertificate({ validityDays: 0 })).rejects.toMatchObject({
      problems: [expect.objectContaining({ field: 'tls.validityDays' })],
    });
  });

  it('defaults to a year of validity, and can start in the past (an expired certificate)', async () => {
    const yearLong = await startIomSimulator({ tls: true });
    const expired = await startIomSimulator({ tls: { startsDaysAgo: 10, validityDays: 5, keyType: 'ec' } });
    try {
      const days = ((yearLong.certificateValidTo?.getTime() ?? 0) - Date.now()) / DAY_MS;
      expect(days).toBeGreaterThan(364);
      expect(days).toBeLessThan(366);
      await expect(httpsGet(expired.endpoints.health, expired.certificatePem)).rejects.toMatchObject({
        code: 'CERT_HAS_EXPIRED',
      });
    } finally {
      await yearLong.close();
      await expired.close();
    }
  });
});
