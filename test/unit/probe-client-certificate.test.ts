import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIomSimulator, type IomSimulator } from '../../server/iom-simulator/index.ts';
import { createOutboundPolicy } from '../../server/outbound/policy.ts';
import { runProbe } from '../../server/probe/ladder.ts';
import type { ProbeEnvironment, ProbeTarget } from '../../server/probe/types.ts';
import { inspectClientCertificate } from '../../server/secrets/clientCertificate.ts';
import type { ClientCertificateInput } from '../../shared/schemas/services.ts';
import {
  clientCertificate,
  FIXTURE_CA,
  FIXTURE_P12,
  FIXTURE_P12_PASSPHRASE,
  testCa,
  type Pem,
} from '../helpers/clientCertificates.ts';

const env: ProbeEnvironment = {
  policy: createOutboundPolicy(['127.0.0.1', 'localhost']),
  resolve: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]),
};

let ca: Pem;
let sim: IomSimulator;
beforeAll(async () => {
  ca = await testCa();
  // An IOM behind a TLS endpoint that requires a client certificate from our CA or the fixture CA.
  sim = await startIomSimulator({ tls: { clientCa: `${ca.cert}\n${FIXTURE_CA}\n` } });
});
afterAll(() => sim.close());

/** The probe target for the form's values: the certificate as the service form would store it. */
function target(
  certificate: ClientCertificateInput | null,
  overrides: Partial<ProbeTarget> = {},
): ProbeTarget {
  const inspected = certificate ? inspectClientCertificate(certificate) : null;
  return {
    type: 'order-export',
    endpoint: sim.endpoints.orderService,
    username: 'consumer_ws',
    password: 'consumer_ws',
    timeoutMs: 5000,
    trustedCertificateSha256: sim.certificateSha256 ?? null,
    clientCertificate: inspected?.material ?? null,
    clientCertificateSubject: inspected?.facts.subject ?? null,
    clientCertificateExpiresAt: inspected?.facts.expiresAt ?? null,
    shopId: 10000n,
    shopName: 'inTRONICS',
    ...overrides,
  };
}

const tlsStep = (result: Awaited<ReturnType<typeof runProbe>>) => result.steps.find((s) => s.step === 'tls');

describe('mutual TLS: an IOM that requires a client certificate', () => {
  it('without one, the TLS step says the server asked for a client certificate and none is configured', async () => {
    const result = await runProbe(target(null), env);
    expect(result.outcome).toBe('tls_error');
    expect(tlsStep(result)?.status).toBe('failed');
    expect(result.message).toBe(
      `127.0.0.1:${sim.port} asks for a client certificate (mutual TLS) and this configuration has none: add the client certificate and key IOM's operators issued for Switchboard to this configuration.`,
    );
    expect(result.steps.find((s) => s.step === 'application')?.status).toBe('skipped');
  });

  it('passes with a PEM certificate and key from the trusted CA, and says it presented it', async () => {
    const pem = await clientCertificate(ca, { passphrase: 'pp' });
    const result = await runProbe(target({ certificate: pem.cert, key: pem.key, passphrase: 'pp' }), env);
    expect(result.outcome, result.message).toBe('ok');
    const tls = tlsStep(result);
    expect(tls?.status).toBe('ok');
    expect(tls?.detail).toMatch(
      /; client certificate CN=switchboard-client, O=Example, expires \d{4}-\d\d-\d\d, presented when IOM asks$/,
    );
    expect(tls?.data).toMatchObject({ clientCertificate: 'CN=switchboard-client, O=Example' });
  });

  it('passes with a PKCS#12 file and its passphrase', async () => {
    const result = await runProbe(target({ pkcs12: FIXTURE_P12, passphrase: FIXTURE_P12_PASSPHRASE }), env);
    expect(result.outcome, result.message).toBe('ok');
    expect(tlsStep(result)?.detail).toContain('client certificate CN=switchboard-pkcs12, O=Fixture');
  });

  it('a certificate from a CA IOM does not trust is refused, naming the certificate', async () => {
    const stranger = await clientCertificate(await testCa('Stranger CA'), { commonName: 'stranger' });
    const result = await runProbe(target({ certificate: stranger.cert, key: stranger.key }), env);
    expect(result.outcome).toBe('tls_error');
    expect(tlsStep(result)?.status).toBe('failed');
    expect(result.message).toContain('client certificate CN=stranger, O=Example');
  });

  it('warns in the TLS step when the client certificate expires within 30 days', async () => {
    const soon = await clientCertificate(ca, { days: 10 });
    const result = await runProbe(target({ certificate: soon.cert, key: soon.key }), env);
    expect(result.outcome).toBe('ok');
    expect(tlsStep(result)?.status).toBe('warning');
    expect(tlsStep(result)?.detail).toMatch(/The client certificate expires in (9|10) days/);
  });
});
