import { CLOSED_AFTER_HANDSHAKE } from './network.ts';
import type { ProbeTarget } from './types.ts';

/** TLS alerts with which a server refuses the client certificate it got. */
const REFUSED =
  /ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_EXPIRED|CERTIFICATE_UNKNOWN|CERTIFICATE_REVOKED|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED|DECRYPT_ERROR)$/;

/**
 * What a TLS failure says about client certificates (mutual TLS), or null when it says nothing about them.
 * Node does not show whether the server asked for a certificate, so this reads the server's alert: under TLS 1.3
 * `certificate required` says so plainly; a `handshake failure` (TLS 1.2) or a connection closed right after the
 * handshake only suggests it, and the sentence calls that a best guess.
 */
export function clientCertificateProblem(
  error: unknown,
  host: string,
  port: number,
  target: Pick<ProbeTarget, 'clientCertificate' | 'clientCertificateSubject'>,
): string | null {
  const raw = (error as { code?: unknown }).code;
  const code = typeof raw === 'string' ? raw : '';
  const message = error instanceof Error ? error.message : '';
  const where = `${host}:${port}`;
  const configured = Boolean(target.clientCertificate);
  const which = target.clientCertificateSubject ?? 'the configured one';
  const add =
    "add the client certificate and key IOM's operators issued for Switchboard to this configuration";
  if (code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED')
    return configured
      ? `${where} asks for a client certificate and did not accept ${which}: ask IOM's operators which certificate it expects.`
      : `${where} asks for a client certificate (mutual TLS) and this configuration has none: ${add}.`;
  if (REFUSED.test(code)) {
    const alert = code
      .replace(/^ERR_SSL_(SSLV3|TLSV1|TLSV13)_ALERT_/, '')
      .toLowerCase()
      .replace(/_/g, ' ');
    return configured
      ? `${where} refused the client certificate ${which} (TLS alert "${alert}"): ask IOM's operators whether they trust its issuer, and check that it has not expired.`
      : `${where} refused the connection with the TLS alert "${alert}": a best guess from that alert, it expects a client certificate and this configuration has none; ${add}.`;
  }
  const guess = configured
    ? `a best guess from the error, it refused the client certificate ${which}: ask IOM's operators whether they trust its issuer`
    : `a best guess from the error, it expects a client certificate (mutual TLS) and this configuration has none; ${add}`;
  if (code === 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE')
    return `The TLS handshake with ${where} failed (TLS alert "handshake failure"): ${guess}. Otherwise the server and Switchboard share no cipher or protocol version.`;
  if (code === CLOSED_AFTER_HANDSHAKE)
    return `${where} closed the connection right after the TLS handshake: ${guess}.`;
  if (/before secure TLS connection was established/i.test(message))
    return `${where} closed the connection during the TLS handshake: ${guess}. Otherwise a proxy or firewall is in the way.`;
  return null;
}
