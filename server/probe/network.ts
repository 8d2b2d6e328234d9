import net from 'node:net';
import tls from 'node:tls';
import { clientCertificateTlsOptions } from '../outbound/clientCertificate.ts';
import { certificateSha256, tlsTrustProblem, type PinnedTarget } from '../outbound/connector.ts';

/**
 * Under TLS 1.3 the client's side of the handshake ends before the server has judged a client certificate;
 * its verdict follows: a session ticket (accepted) or an alert (refused, or none given where one is required).
 * The handshake step waits this long for it; a server that sends neither passes after the wait.
 */
const CLIENT_VERDICT_WAIT_MS = 1000;

/** The server closed the connection right after the handshake, without a word: it refused the client. */
export const CLOSED_AFTER_HANDSHAKE = 'ERR_TLS_CLOSED_AFTER_HANDSHAKE';

export class StepTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/** Runs `work` with a time limit; on expiry the cleanup runs and a StepTimeout is thrown. */
export function withTimeout<T>(
  ms: number,
  work: (onCancel: (cleanup: () => void) => void) => Promise<T>,
): Promise<T> {
  let cleanup: () => void = () => undefined;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => {
        cleanup();
        reject(new StepTimeout(ms));
      },
      Math.max(1, ms),
    );
    work((c) => (cleanup = c)).then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export function tcpConnect(address: string, port: number, ms: number): Promise<void> {
  return withTimeout(ms, (onCancel) => {
    const socket = net.connect({ host: address, port });
    onCancel(() => socket.destroy());
    return new Promise<void>((resolve, reject) => {
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', reject);
    });
  });
}

export interface TlsFacts {
  subject: string;
  issuer: string;
  validTo: string;
  daysToExpiry: number;
  selfSigned: boolean;
  sha256: string;
  /** Why the peer is not trusted, or null. */
  problem: string | null;
}

export function tlsHandshake(target: PinnedTarget, port: number, ms: number): Promise<TlsFacts> {
  return withTimeout(ms, (onCancel) => {
    const socket = tls.connect({
      host: target.address,
      port,
      servername: net.isIP(target.hostname) ? undefined : target.hostname,
      rejectUnauthorized: false,
      ...clientCertificateTlsOptions(target.clientCertificate),
    });
    onCancel(() => socket.destroy());
    return new Promise<TlsFacts>((resolve, reject) => {
      // Every error, also one after the handshake (an alert about the client certificate), rejects.
      socket.on('error', reject);
      socket.once('secureConnect', () => {
        const cert = socket.getPeerCertificate();
        const name = (o: Record<string, unknown> | undefined) =>
          o
            ? Object.entries(o)
                .map(([k, v]) => `${k}=${String(v)}`)
                .join(', ')
            : '';
        const validTo = new Date(cert.valid_to);
        const facts: TlsFacts = {
          subject: name(cert.subject),
          issuer: name(cert.issuer),
          validTo: validTo.toISOString(),
          daysToExpiry: Math.floor((validTo.getTime() - Date.now()) / 86_400_000),
          selfSigned: name(cert.subject) === name(cert.issuer),
          sha256: certificateSha256(cert),
          problem: tlsTrustProblem(socket, target),
        };
        if (socket.getProtocol() !== 'TLSv1.3') {
          socket.destroy();
          resolve(facts);
          return;
        }
        const settle = () => {
          clearTimeout(wait);
          socket.off('close', closed);
          socket.destroy();
          resolve(facts);
        };
        const closed = () => {
          clearTimeout(wait);
          reject(
            Object.assign(new Error('The server closed the connection right after the TLS handshake.'), {
              code: CLOSED_AFTER_HANDSHAKE,
            }),
          );
        };
        const wait = setTimeout(settle, Math.min(CLIENT_VERDICT_WAIT_MS, Math.max(1, ms / 2)));
        socket.once('session', settle);
        socket.once('close', closed);
      });
    });
  });
}
