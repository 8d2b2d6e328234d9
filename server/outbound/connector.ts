import { createHash } from 'node:crypto';
import net from 'node:net';
import tls, { type PeerCertificate, type TLSSocket } from 'node:tls';
import type buildConnector from 'undici/types/connector';
import { clientCertificateTlsOptions, type ClientCertificate } from './clientCertificate.ts';

export const certificateSha256 = (cert: PeerCertificate) =>
  createHash('sha256').update(cert.raw).digest('hex');

export interface PinnedTarget {
  /** The vetted address: the connection goes here and nowhere else, whatever DNS says later. */
  address: string;
  /** The host name from the URL, for SNI and certificate checks. */
  hostname: string;
  /** SHA-256 of a certificate the configuration trusts even though no CA vouches for it. */
  trustedCertificateSha256: string | null;
  /** The configuration's client certificate, presented when the server asks for one (mutual TLS). */
  clientCertificate?: ClientCertificate | null;
}

/** Why a TLS peer is not trusted, or null when it is (by a CA, or by the configuration's pin). */
export function tlsTrustProblem(socket: TLSSocket, target: PinnedTarget): string | null {
  const cert = socket.getPeerCertificate();
  if (!cert || !cert.raw) return 'The server sent no certificate.';
  const fingerprint = certificateSha256(cert);
  if (target.trustedCertificateSha256) {
    if (fingerprint === target.trustedCertificateSha256) return null;
    return `The certificate changed since it was pinned: it is now SHA-256 ${fingerprint}, the pin says ${target.trustedCertificateSha256}. Verify the new certificate with the IOM operators before pinning it.`;
  }
  if (socket.authorized) {
    const identity = net.isIP(target.hostname) ? undefined : tls.checkServerIdentity(target.hostname, cert);
    return identity ? `The certificate is not for ${target.hostname}: ${identity.message}` : null;
  }
  const reason = String(socket.authorizationError ?? 'unknown reason');
  const selfSigned = /SELF_SIGNED|self.signed|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY_LEAF/i.test(reason);
  return selfSigned
    ? `The certificate is self-signed (${reason}). If this partner is known, trust it by pinning its SHA-256 fingerprint ${fingerprint}.`
    : `The certificate is not trusted: ${reason}.`;
}

/**
 * An undici connector that connects to the vetted address only (no second DNS lookup, so no DNS rebinding),
 * keeps the host name for SNI, and accepts a TLS peer only when a CA or the configuration's pin vouches for it.
 */
export function pinnedConnector(target: PinnedTarget, timeoutMs: number): buildConnector.connector {
  return (options, callback) => {
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    let done = false;
    const finish = (error: Error | null, socket: net.Socket | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error || !socket) {
        socket?.destroy();
        callback(error ?? new Error('no socket'), null);
      } else callback(null, socket);
    };
    const timer = setTimeout(
      () =>
        finish(
          Object.assign(new Error(`connect timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' }),
          null,
        ),
      timeoutMs,
    );
    if (options.protocol === 'https:') {
      const socket = tls.connect({
        host: target.address,
        port,
        servername: net.isIP(target.hostname) ? undefined : target.hostname,
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
        ...clientCertificateTlsOptions(target.clientCertificate),
      });
      socket.once('secureConnect', () => {
        const problem = tlsTrustProblem(socket, target);
        finish(problem ? Object.assign(new Error(problem), { code: 'ERR_TLS_UNTRUSTED' }) : null, socket);
      });
      socket.once('error', (error: Error) => finish(error, socket));
    } else {
      const socket = net.connect({ host: target.address, port });
      socket.once('connect', () => finish(null, socket));
      socket.once('error', (error: Error) => finish(error, socket));
    }
  };
}
