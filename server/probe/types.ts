import type { LookupAddress } from 'node:dns';
import type { ServiceType } from '../../shared/catalogue/types.ts';
import type { ClientCertificate } from '../outbound/clientCertificate.ts';
import type { OutboundPolicy } from '../outbound/policy.ts';

/** Everything one test needs, with the password already decrypted (or typed into the form). */
export interface ProbeTarget {
  type: ServiceType;
  endpoint: string;
  username: string;
  password: string | null;
  timeoutMs: number;
  trustedCertificateSha256: string | null;
  /** Presented to IOM in the TLS handshake when IOM asks for one (mutual TLS). */
  clientCertificate?: ClientCertificate | null;
  /** Its subject and expiry, to say which certificate was presented (or refused) and warn before it expires. */
  clientCertificateSubject?: string | null;
  clientCertificateExpiresAt?: Date | null;
  shopId: bigint;
  shopName: string;
  /** The product the inventory probe asks IOM's ATP for. */
  probeProductId?: string;
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface ProbeEnvironment {
  policy: OutboundPolicy;
  /** DNS; tests pass a stub. Called once per test: the address it gives is the one connected to. */
  resolve: Resolver;
  /** Certificates expiring within this many days are a warning. */
  expiryWarningDays?: number;
}
