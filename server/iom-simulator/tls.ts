import { X509Certificate } from 'node:crypto';
import type { Server as HttpsServer } from 'node:https';
import { isIP } from 'node:net';
import type { z } from 'zod';
import { problemsOf, SimulatorConfigError, tlsOptionsSchema, type TlsOptions } from './config.ts';

export interface CertificateInfo {
  keyPem: string;
  certificatePem: string;
  /** SHA-256 of the DER certificate: 64 lower-case hex digits, no colons. */
  sha256: string;
  validFrom: Date;
  validTo: Date;
}

const DAY_MS = 86_400_000;
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

export function sha256Of(certificatePem: string): string {
  return new X509Certificate(certificatePem).fingerprint256.replaceAll(':', '').toLowerCase();
}

/** A fresh self-signed server certificate for localhost, the loopback addresses and `host`. */
export async function generateCertificate(options: TlsOptions, host: string): Promise<CertificateInfo> {
  const { generate } = await import('selfsigned');
  const names = new Set(['localhost', '127.0.0.1', '::1', ...options.altNames]);
  if (!WILDCARD_HOSTS.has(host)) names.add(host.replace(/^\[|\]$/g, ''));
  const altNames = [...names].map((name) =>
    isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name },
  );
  // A minute of slack in the past, so a client whose clock runs slightly behind accepts a fresh certificate.
  const notBeforeDate = new Date(Date.now() - options.startsDaysAgo * DAY_MS - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + options.validityDays * DAY_MS);
  const pems = await generate(
    [
      { name: 'commonName', value: options.commonName },
      { name: 'organizationName', value: 'IOM Simulator' },
    ],
    {
      keyType: options.keyType,
      keySize: options.keySize,
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames },
      ],
    },
  );
  const x509 = new X509Certificate(pems.cert);
  return {
    keyPem: pems.private,
    certificatePem: pems.cert,
    sha256: sha256Of(pems.cert),
    validFrom: new Date(x509.validFrom),
    validTo: new Date(x509.validTo),
  };
}

export type TlsOptionsInput = z.input<typeof tlsOptionsSchema>;

/** The simulator's certificate; `regenerate` swaps it on the running server (new connections see it). */
export class TlsController {
  private server: HttpsServer | null = null;

  private constructor(
    private options: TlsOptions,
    private readonly host: string,
    private info: CertificateInfo,
  ) {}

  static async create(options: TlsOptions, host: string): Promise<TlsController> {
    return new TlsController(options, host, await generateCertificate(options, host));
  }

  get current(): CertificateInfo {
    return this.info;
  }

  attach(server: HttpsServer): void {
    this.server = server;
  }

  /** Key, certificate and, with `clientCa`, the CA a client certificate must come from. */
  get secureContextOptions(): { key: string; cert: string; ca?: string } {
    return {
      key: this.info.keyPem,
      cert: this.info.certificatePem,
      ...(this.options.clientCa ? { ca: this.options.clientCa } : {}),
    };
  }

  /** With `clientCa`: the server asks every client for a certificate and refuses one without. */
  get requiresClientCertificate(): boolean {
    return this.options.clientCa !== undefined;
  }

  /** A new key and certificate, with `changes` applied to the options used so far. */
  async regenerate(changes: TlsOptionsInput = {}): Promise<CertificateInfo> {
    const result = tlsOptionsSchema.safeParse({ ...this.options, ...changes });
    if (!result.success) throw new SimulatorConfigError(problemsOf(result.error, 'tls'));
    const info = await generateCertificate(result.data, this.host);
    this.options = result.data;
    this.info = info;
    this.server?.setSecureContext(this.secureContextOptions);
    return info;
  }
}
