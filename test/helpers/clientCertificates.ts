import { readFileSync } from 'node:fs';
import { generate } from 'selfsigned';

const DAY_MS = 86_400_000;

export interface Pem {
  cert: string;
  key: string;
}

/** A CA that signs client certificates, made fresh for a test file. */
export async function testCa(commonName = 'Switchboard Test CA'): Promise<Pem> {
  const ca = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true },
    ],
  });
  return { cert: ca.cert, key: ca.private };
}

/** A client certificate signed by `ca`, valid for `days` from now; its key encrypted with `passphrase`. */
export async function clientCertificate(
  ca: Pem,
  options: { commonName?: string; days?: number; passphrase?: string } = {},
): Promise<Pem> {
  const now = Date.now();
  const pems = await generate(
    [
      { name: 'commonName', value: options.commonName ?? 'switchboard-client' },
      { name: 'organizationName', value: 'Example' },
    ],
    {
      keyType: 'ec',
      algorithm: 'sha256',
      ca,
      notBeforeDate: new Date(now - 60_000),
      notAfterDate: new Date(now + (options.days ?? 365) * DAY_MS),
      ...(options.passphrase ? { passphrase: options.passphrase } : {}),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
    },
  );
  return { cert: pems.cert, key: pems.private };
}

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/client-certificates/${name}`, import.meta.url), 'utf8').trim();

/** A PKCS#12 client certificate (`CN=switchboard-pkcs12, O=Fixture`) signed by FIXTURE_CA, valid until 2126. */
export const FIXTURE_P12 = fixture('client.p12.b64');
export const FIXTURE_P12_PASSPHRASE = 'fixture-p12-pass';
/** The same with legacy algorithms (RC2/3DES) that OpenSSL 3 no longer opens. */
export const FIXTURE_LEGACY_P12 = fixture('legacy.p12.b64');
export const FIXTURE_CA = fixture('ca.pem');
