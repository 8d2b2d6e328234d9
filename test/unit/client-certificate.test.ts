import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_CERTIFICATE_WARNING_DAYS,
  clientCertificateSummary,
  clientCertificateWarning,
} from '../../shared/clientCertificate.ts';
import { clientCertificateInputSchema } from '../../shared/schemas/services.ts';
import { DomainError } from '../../server/errors.ts';
import {
  clientCertificateContext,
  inspectClientCertificate,
  openClientCertificate,
  sealClientCertificate,
} from '../../server/secrets/clientCertificate.ts';
import { clientCertificateProblem } from '../../server/probe/clientCertificate.ts';
import { CLOSED_AFTER_HANDSHAKE } from '../../server/probe/network.ts';
import { createSecretBox } from '../../server/secrets/secretBox.ts';
import {
  clientCertificate,
  FIXTURE_LEGACY_P12,
  FIXTURE_P12,
  FIXTURE_P12_PASSPHRASE,
  testCa,
  type Pem,
} from '../helpers/clientCertificates.ts';

let ca: Pem;
let plain: Pem;
let encrypted: Pem;
let other: Pem;
beforeAll(async () => {
  ca = await testCa();
  plain = await clientCertificate(ca, { days: 400 });
  encrypted = await clientCertificate(ca, { passphrase: 'key pässphrase' });
  other = await clientCertificate(ca, { commonName: 'someone-else' });
});

/** The field and message a refusal names: `clientCertificate.key: The private key …`. */
function refusal(input: unknown): string {
  try {
    inspectClientCertificate(clientCertificateInputSchema.parse(input));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const [[field, message] = []] = Object.entries(error.fieldErrors ?? {});
    return `${field}: ${message}`;
  }
  throw new Error('accepted');
}

describe('a client certificate is checked before it is stored', () => {
  it('PEM: reads subject and expiry of a certificate whose key belongs to it', () => {
    const { material, facts } = inspectClientCertificate({ certificate: plain.cert, key: plain.key });
    expect(facts.subject).toBe('CN=switchboard-client, O=Example');
    expect(Math.round((facts.expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(400);
    expect(material).toEqual({ format: 'pem', certificate: plain.cert, key: plain.key });
  });

  it('PEM: an encrypted key opens with its passphrase, and is refused without it or with a wrong one', () => {
    const ok = inspectClientCertificate({
      certificate: encrypted.cert,
      key: encrypted.key,
      passphrase: 'key pässphrase',
    });
    expect(ok.material).toMatchObject({ format: 'pem', passphrase: 'key pässphrase' });
    expect(refusal({ certificate: encrypted.cert, key: encrypted.key })).toBe(
      'clientCertificate.passphrase: The private key is encrypted: enter its passphrase.',
    );
    expect(refusal({ certificate: encrypted.cert, key: encrypted.key, passphrase: 'wrong' })).toBe(
      'clientCertificate.passphrase: The passphrase does not open the private key.',
    );
  });

  it('PEM: refuses a certificate that does not parse and a key that belongs to another certificate', () => {
    expect(refusal({ certificate: 'garbage', key: plain.key })).toMatch(
      /^clientCertificate\.certificate: The certificate is not in PEM form/,
    );
    const broken = plain.cert.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    expect(refusal({ certificate: broken, key: plain.key })).toMatch(
      /^clientCertificate\.certificate: The certificate does not parse/,
    );
    expect(refusal({ certificate: plain.cert, key: other.key })).toBe(
      'clientCertificate.key: The private key does not belong to the certificate.',
    );
    expect(refusal({ certificate: plain.cert, key: plain.cert })).toMatch(
      /^clientCertificate\.key: The private key is not in PEM form/,
    );
  });

  it('PKCS#12: opens with its passphrase; refuses a wrong or missing one, garbage and legacy files', () => {
    const { material, facts } = inspectClientCertificate({
      pkcs12: FIXTURE_P12,
      passphrase: FIXTURE_P12_PASSPHRASE,
    });
    expect(facts).toEqual({
      subject: 'CN=switchboard-pkcs12, O=Fixture',
      expiresAt: expect.any(Date) as Date,
    });
    expect(facts.expiresAt.getUTCFullYear()).toBe(2126);
    expect(material).toEqual({ format: 'pkcs12', pkcs12: FIXTURE_P12, passphrase: FIXTURE_P12_PASSPHRASE });
    expect(refusal({ pkcs12: FIXTURE_P12, passphrase: 'wrong' })).toBe(
      'clientCertificate.passphrase: The passphrase does not open the PKCS#12 file.',
    );
    expect(refusal({ pkcs12: FIXTURE_P12 })).toBe(
      'clientCertificate.passphrase: The PKCS#12 file is protected: enter its passphrase.',
    );
    expect(refusal({ pkcs12: 'not base64 at all!' })).toMatch(/^clientCertificate\.pkcs12: .* in base64/);
    expect(refusal({ pkcs12: Buffer.from('garbage').toString('base64') })).toBe(
      'clientCertificate.pkcs12: This is not a PKCS#12 file (.p12 or .pfx).',
    );
    expect(refusal({ pkcs12: FIXTURE_LEGACY_P12, passphrase: FIXTURE_P12_PASSPHRASE })).toMatch(
      /^clientCertificate\.pkcs12: The PKCS#12 file uses an algorithm that is no longer supported/,
    );
  });

  it('the input names what is missing: a key without certificate, both forms at once, nothing', () => {
    const issues = (input: unknown) =>
      clientCertificateInputSchema
        .safeParse(input)
        .error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ key: plain.key })).toEqual([
      'certificate: Paste the PEM certificate the key belongs to.',
    ]);
    expect(issues({ certificate: plain.cert })).toEqual([
      'key: Paste the private key that belongs to the certificate.',
    ]);
    expect(issues({ certificate: plain.cert, key: plain.key, pkcs12: FIXTURE_P12 })).toEqual([
      'pkcs12: Give either a PEM certificate and key or a PKCS#12 file, not both.',
    ]);
    expect(issues({})?.[0]).toMatch(/^certificate: Paste the PEM certificate and its private key/);
  });

  it('refusals never echo what was given', () => {
    for (const input of [
      { certificate: plain.cert, key: other.key },
      { certificate: encrypted.cert, key: encrypted.key, passphrase: 'wrong-and-secret' },
      { pkcs12: FIXTURE_P12, passphrase: 'wrong-and-secret' },
    ]) {
      const said = refusal(input);
      expect(said).not.toContain('wrong-and-secret');
      expect(said).not.toContain('PRIVATE KEY');
      expect(said).not.toContain(FIXTURE_P12.slice(0, 40));
    }
  });

  it('is stored sealed to its row: another row, or the password’s context, does not open it', () => {
    const box = createSecretBox(Buffer.alloc(32, 7));
    const { material } = inspectClientCertificate({ certificate: plain.cert, key: plain.key });
    const sealed = sealClientCertificate(box, 'row-a', material);
    expect(sealed).not.toContain('PRIVATE');
    expect(openClientCertificate(box, { id: 'row-a', clientCertificateEncrypted: sealed })).toEqual(material);
    expect(() => openClientCertificate(box, { id: 'row-b', clientCertificateEncrypted: sealed })).toThrow(
      /client certificate cannot be decrypted/,
    );
    expect(() => box.decrypt(sealed, 'service-config:row-a')).toThrow();
    expect(clientCertificateContext('row-a')).toBe('service-config-cert:row-a');
    expect(openClientCertificate(box, { id: 'row-a', clientCertificateEncrypted: null })).toBeNull();
  });
});

describe('the expiry warning', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);

  it('starts 30 days before expiry and names the date; expired says so', () => {
    expect(clientCertificateWarning(inDays(31), now)).toBeNull();
    expect(clientCertificateWarning(inDays(30), now)).toBe(
      "The client certificate expires in 30 days (2027-01-02): ask IOM's operators for a new one and replace it before then.",
    );
    expect(clientCertificateWarning(inDays(1), now)).toContain('expires in 1 day (2026-12-04)');
    expect(clientCertificateWarning(inDays(-1), now)).toBe(
      "The client certificate expired on 2026-12-02: IOM refuses the connection. Replace it with the one IOM's operators issue next.",
    );
    expect(clientCertificateWarning(null, now)).toBeNull();
    expect(clientCertificateSummary('CN=a, O=b', new Date('2027-03-01T10:00:00Z'))).toBe(
      'CN=a, O=b, expires 2027-03-01',
    );
  });

  it('warns exactly when fewer than 31 whole days are left', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000, max: 10_000 }),
        fc.integer({ min: 0, max: 86_399_999 }),
        (d, ms) => {
          const expiresAt = new Date(now.getTime() + d * 86_400_000 + ms);
          const warning = clientCertificateWarning(expiresAt, now);
          expect(warning === null).toBe(d > CLIENT_CERTIFICATE_WARNING_DAYS);
          if (warning) expect(warning).toContain(expiresAt.toISOString().slice(0, 10));
        },
      ),
    );
  });
});

describe('what a TLS failure says about client certificates', () => {
  const none = { clientCertificate: null, clientCertificateSubject: null };
  const some = {
    clientCertificate: { format: 'pem' as const, certificate: 'c', key: 'k' },
    clientCertificateSubject: 'CN=switchboard-client, O=Example',
  };
  const error = (code: string, message = '') => Object.assign(new Error(message), { code });

  it('TLS 1.3 "certificate required": plainly, none configured', () => {
    expect(
      clientCertificateProblem(error('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'), 'iom', 443, none),
    ).toBe(
      "iom:443 asks for a client certificate (mutual TLS) and this configuration has none: add the client certificate and key IOM's operators issued for Switchboard to this configuration.",
    );
  });

  it('a refusing alert names the certificate that was refused', () => {
    expect(clientCertificateProblem(error('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA'), 'iom', 443, some)).toBe(
      'iom:443 refused the client certificate CN=switchboard-client, O=Example (TLS alert "unknown ca"): ask IOM\'s operators whether they trust its issuer, and check that it has not expired.',
    );
  });

  it('a handshake failure or a close right after the handshake is a best guess, named as such', () => {
    const failure = clientCertificateProblem(
      error('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'),
      'iom',
      443,
      none,
    );
    expect(failure).toMatch(
      /^The TLS handshake with iom:443 failed \(TLS alert "handshake failure"\): a best guess/,
    );
    expect(failure).toContain('this configuration has none');
    expect(clientCertificateProblem(error(CLOSED_AFTER_HANDSHAKE), 'iom', 443, some)).toContain(
      'a best guess from the error, it refused the client certificate CN=switchboard-client, O=Example',
    );
  });

  it('says nothing about other errors', () => {
    for (const code of ['ECONNREFUSED', 'ETIMEDOUT', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_TLS_UNTRUSTED'])
      expect(clientCertificateProblem(error(code), 'iom', 443, none)).toBeNull();
  });
});
