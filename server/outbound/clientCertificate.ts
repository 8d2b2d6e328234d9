import { createHash } from 'node:crypto';
import type { ConnectionOptions } from 'node:tls';

/**
 * What a configuration presents to IOM in the TLS handshake (mutual TLS): a PEM certificate (with its chain)
 * and private key, or a PKCS#12 file (base64). Decrypted only on the way to a connection; never shown.
 */
export type ClientCertificate =
  | { format: 'pem'; certificate: string; key: string; passphrase?: string }
  | { format: 'pkcs12'; pkcs12: string; passphrase?: string };

/** The options `tls.connect` takes for it; none without a certificate. */
export function clientCertificateTlsOptions(
  certificate: ClientCertificate | null | undefined,
): Pick<ConnectionOptions, 'cert' | 'key' | 'pfx' | 'passphrase'> {
  if (!certificate) return {};
  const passphrase = certificate.passphrase === undefined ? {} : { passphrase: certificate.passphrase };
  return certificate.format === 'pem'
    ? { cert: certificate.certificate, key: certificate.key, ...passphrase }
    : { pfx: Buffer.from(certificate.pkcs12, 'base64'), ...passphrase };
}

/** A digest that tells two certificates apart (e.g. in a connection pool's key) without holding either. */
export function clientCertificateDigest(certificate: ClientCertificate | null | undefined): string {
  if (!certificate) return '';
  return createHash('sha256').update(JSON.stringify(certificate)).digest('hex');
}
