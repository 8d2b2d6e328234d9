import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { Socket } from 'node:net';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';
import type { ClientCertificateInput } from '../../shared/schemas/services.ts';
import { invalid } from '../errors.ts';
import type { ClientCertificate } from '../outbound/clientCertificate.ts';
import { DIFFERENT_HOST, NOT_EDITABLE } from './custody.ts';
import { UndecryptableSecretError, type SecretBox } from './secretBox.ts';

/** What is shown of a client certificate without decrypting it. */
export interface ClientCertificateFacts {
  /** `CN=…, O=…` */
  subject: string;
  expiresAt: Date;
}

/**
 * A stored client certificate follows the password's custody rule (secrets/custody.ts): it goes only to the
 * scheme, host and port it was saved with, and to a typed endpoint only on behalf of someone who may change the
 * configuration. These say so in the certificate's words.
 */
export const CERTIFICATE_STAYS =
  'Choose the client certificate again (or clear it): the stored one stays with the scheme, host and port it was saved for, and the endpoint now points elsewhere.';
export const CERTIFICATE_DIFFERENT_HOST =
  'The stored client certificate was not used: choose it again to test against a different host.';
export const CERTIFICATE_NOT_EDITABLE =
  'The stored client certificate was not used: it is presented only on behalf of someone who may change this configuration.';

/** The custody rule's reason for withholding the password, said of the client certificate. */
export function certificateWithheld(reason: string): string {
  if (reason === DIFFERENT_HOST) return CERTIFICATE_DIFFERENT_HOST;
  if (reason === NOT_EDITABLE) return CERTIFICATE_NOT_EDITABLE;
  return `The stored client certificate was not used: ${reason}`;
}

/** The AES-GCM context of a configuration's client certificate: bound to its row, apart from its password. */
export const clientCertificateContext = (configId: string) => `service-config-cert:${configId}`;

const FIELD = 'clientCertificate';
const field = (name: string) => `${FIELD}.${name}`;

const codeOf = (error: unknown) => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
};
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const subjectOf = (x509: X509Certificate) =>
  x509.subject
    .split('\n')
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');

const factsOf = (x509: X509Certificate): ClientCertificateFacts => ({
  subject: subjectOf(x509),
  expiresAt: new Date(x509.validTo),
});

function pemCertificate(text: string): X509Certificate {
  if (!/-----BEGIN CERTIFICATE-----/.test(text))
    throw invalid(
      field('certificate'),
      'The certificate is not in PEM form: paste it with its -----BEGIN CERTIFICATE----- line, or give a PKCS#12 file.',
    );
  try {
    return new X509Certificate(text);
  } catch {
    throw invalid(
      field('certificate'),
      "The certificate does not parse: paste the whole PEM certificate IOM's operators issued, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.",
    );
  }
}

function pemKey(text: string, passphrase: string | undefined): KeyObject {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text))
    throw invalid(
      field('key'),
      'The private key is not in PEM form: paste it with its -----BEGIN PRIVATE KEY----- line.',
    );
  try {
    return createPrivateKey({ key: text, format: 'pem', ...(passphrase ? { passphrase } : {}) });
  } catch (error) {
    const code = codeOf(error);
    if (!passphrase && (/ENCRYPTED/.test(text) || code === 'ERR_MISSING_PASSPHRASE'))
      throw invalid(field('passphrase'), 'The private key is encrypted: enter its passphrase.');
    if (code === 'ERR_OSSL_BAD_DECRYPT' || /bad decrypt/i.test(messageOf(error)))
      throw invalid(field('passphrase'), 'The passphrase does not open the private key.');
    throw invalid(field('key'), 'The private key does not parse: paste the whole PEM private key.');
  }
}

/** TLS itself takes the pair, or says why not (an unsupported key type, for one). */
function usableForTls(options: Parameters<typeof createSecureContext>[0], name: string): SecureContext {
  try {
    return createSecureContext(options);
  } catch (error) {
    throw invalid(field(name), `TLS cannot use this certificate and key: ${messageOf(error)}.`);
  }
}

/**
 * The material a valid input stores, without checking it: what the provisioning plan compares with the stored
 * one. Pure.
 */
export function materialOf(input: ClientCertificateInput): ClientCertificate {
  if (input.pkcs12)
    return {
      format: 'pkcs12',
      pkcs12: input.pkcs12,
      ...(input.passphrase ? { passphrase: input.passphrase } : {}),
    };
  return {
    format: 'pem',
    certificate: input.certificate ?? '',
    key: input.key ?? '',
    ...(input.passphrase ? { passphrase: input.passphrase } : {}),
  };
}

function inspectPem(input: ClientCertificateInput): {
  material: ClientCertificate;
  facts: ClientCertificateFacts;
} {
  const certificate = input.certificate ?? '';
  const key = input.key ?? '';
  const passphrase = input.passphrase || undefined;
  const x509 = pemCertificate(certificate);
  const keyObject = pemKey(key, passphrase);
  if (!x509.checkPrivateKey(keyObject))
    throw invalid(field('key'), 'The private key does not belong to the certificate.');
  usableForTls({ cert: certificate, key, ...(passphrase ? { passphrase } : {}) }, 'certificate');
  return { material: materialOf(input), facts: factsOf(x509) };
}

/** The certificate a PKCS#12 file holds, read the way TLS will present it. */
function certificateOfContext(context: SecureContext): X509Certificate | null {
  const socket = new TLSSocket(new Socket(), { secureContext: context, isServer: true });
  try {
    const local = socket.getCertificate();
    const raw = local && 'raw' in local ? local.raw : null;
    return raw ? new X509Certificate(raw) : null;
  } finally {
    socket.destroy();
  }
}

function inspectPkcs12(input: ClientCertificateInput): {
  material: ClientCertificate;
  facts: ClientCertificateFacts;
} {
  const base64 = input.pkcs12 ?? '';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0)
    throw invalid(field('pkcs12'), 'The PKCS#12 file must be given in base64 (e.g. base64 -w0 client.p12).');
  const pfx = Buffer.from(base64, 'base64');
  const passphrase = input.passphrase ?? '';
  let context: SecureContext;
  try {
    context = createSecureContext({ pfx, passphrase });
  } catch (error) {
    const message = messageOf(error);
    if (/mac verify failure/i.test(message))
      throw invalid(
        field('passphrase'),
        passphrase
          ? 'The passphrase does not open the PKCS#12 file.'
          : 'The PKCS#12 file is protected: enter its passphrase.',
      );
    if (/unsupported/i.test(message))
      throw invalid(
        field('pkcs12'),
        'The PKCS#12 file uses an algorithm that is no longer supported (RC2 or 3DES, from older tools): export it again, e.g. openssl pkcs12 -export without -legacy.',
      );
    if (/private key/i.test(message))
      throw invalid(
        field('pkcs12'),
        'The PKCS#12 file holds no private key: export the certificate with its key.',
      );
    if (/mismatch/i.test(message))
      throw invalid(
        field('pkcs12'),
        'The private key in the PKCS#12 file does not belong to its certificate.',
      );
    throw invalid(field('pkcs12'), 'This is not a PKCS#12 file (.p12 or .pfx).');
  }
  const x509 = certificateOfContext(context);
  if (!x509) throw invalid(field('pkcs12'), 'The PKCS#12 file holds no certificate.');
  return { material: materialOf(input), facts: factsOf(x509) };
}

/**
 * Checks a client certificate as typed: the certificate parses, the key opens (with its passphrase) and
 * belongs to it, TLS can use the pair. Refusals name the field (`clientCertificate.key`, …) and never echo
 * what was given. Returns the material to store and its subject and expiry.
 */
export function inspectClientCertificate(input: ClientCertificateInput): {
  material: ClientCertificate;
  facts: ClientCertificateFacts;
} {
  return input.pkcs12 ? inspectPkcs12(input) : inspectPem(input);
}

/** Encrypts the material for a configuration's row. */
export function sealClientCertificate(
  secrets: SecretBox,
  configId: string,
  material: ClientCertificate,
): string {
  return secrets.encrypt(JSON.stringify(material), clientCertificateContext(configId));
}

/** The stored client certificate of a configuration, decrypted; null when it has none. */
export function openClientCertificate(
  secrets: SecretBox,
  config: { id: string; clientCertificateEncrypted: string | null },
): ClientCertificate | null {
  if (!config.clientCertificateEncrypted) return null;
  try {
    return JSON.parse(
      secrets.decrypt(config.clientCertificateEncrypted, clientCertificateContext(config.id)),
    ) as ClientCertificate;
  } catch (error) {
    if (!(error instanceof UndecryptableSecretError) && !(error instanceof SyntaxError)) throw error;
    throw new UndecryptableSecretError(
      'The stored client certificate cannot be decrypted: SWITCHBOARD_SECRET_KEY (or the key file) is not the key it was saved with. Choose the certificate again.',
    );
  }
}
