import { isIP } from 'node:net';
import { Agent, request } from 'undici';
import { clientCertificateDigest, type ClientCertificate } from '../outbound/clientCertificate.ts';
import { pinnedConnector } from '../outbound/connector.ts';
import { checkAddress, checkScheme } from '../outbound/policy.ts';
import type { ProbeEnvironment } from '../probe/types.ts';
import { PolicyRefusedError } from './classify.ts';

/** One configuration as the client needs it, with the password decrypted. */
export interface IomTarget {
  configId: string;
  version: number;
  endpoint: string;
  username: string;
  password: string | null;
  timeoutMs: number;
  trustedCertificateSha256: string | null;
  /** Presented when IOM asks for one in the TLS handshake (mutual TLS). */
  clientCertificate?: ClientCertificate | null;
}

export interface HttpExchange {
  status: number;
  headers: Record<string, string>;
  /** The body's first bytes (at most READ_LIMIT), enough to judge any answer of IOM. */
  body: Buffer;
  totalBytes: number;
}

/** Read at most this much of an answer; what is stored in the attempt log is capped separately. */
export const READ_LIMIT = 256 * 1024;

interface Pooled {
  key: string;
  address: string;
  agent: Agent;
  resolvedAt: number;
}

/** How long a resolved address is used before DNS is asked again (the new address is vetted again). */
const DNS_REFRESH_MS = 60_000;

const flatten = (headers: Record<string, string | string[] | undefined>) =>
  Object.fromEntries(
    Object.entries(headers)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)]),
  );

/**
 * HTTP to IOM for the exporter: per configuration, the host is resolved once, the address vetted by the
 * outbound policy and connected to (pinned, no DNS rebinding), through one keep-alive undici Agent that is
 * reused for every export of that configuration until it changes or its address is refreshed.
 */
export class IomHttpClient {
  private readonly pools = new Map<string, Pooled>();

  constructor(
    private readonly env: ProbeEnvironment,
    private readonly options: { connections: number },
  ) {}

  private async resolve(url: URL): Promise<string> {
    const scheme = checkScheme(url);
    if (!scheme.allowed) throw new PolicyRefusedError(scheme.reason);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const address = isIP(host) ? host : (await this.env.resolve(host))[0]?.address;
    if (!address) throw Object.assign(new Error(`${host} resolves to no address`), { code: 'ENOTFOUND' });
    const verdict = checkAddress(this.env.policy, host, address);
    if (!verdict.allowed) throw new PolicyRefusedError(verdict.reason);
    return address;
  }

  private async agentFor(target: IomTarget, url: URL): Promise<Agent> {
    // Another certificate is another agent: a pooled connection presented the old one in its handshake.
    const key = `${target.version}|${url.origin}|${target.timeoutMs}|${target.trustedCertificateSha256 ?? ''}|${clientCertificateDigest(target.clientCertificate)}`;
    const pooled = this.pools.get(target.configId);
    const now = Date.now();
    if (pooled && pooled.key === key && now - pooled.resolvedAt < DNS_REFRESH_MS) return pooled.agent;
    const address = await this.resolve(url);
    if (pooled && pooled.key === key && pooled.address === address) {
      pooled.resolvedAt = now;
      return pooled.agent;
    }
    const ms = target.timeoutMs;
    const agent = new Agent({
      connect: pinnedConnector(
        {
          address,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          trustedCertificateSha256: target.trustedCertificateSha256,
          clientCertificate: target.clientCertificate ?? null,
        },
        ms,
      ),
      connections: this.options.connections,
      headersTimeout: ms,
      bodyTimeout: ms,
    });
    this.pools.set(target.configId, { key, address, agent, resolvedAt: now });
    if (pooled) void pooled.agent.close().catch(() => undefined);
    return agent;
  }

  /** One request; never follows redirects. Rejects on network errors, timeouts and policy refusals. */
  async exchange(
    target: IomTarget,
    call: { method: 'GET' | 'POST'; url: string; headers: Record<string, string>; body?: string },
    signal?: AbortSignal,
  ): Promise<HttpExchange> {
    signal?.throwIfAborted();
    const url = new URL(call.url);
    const dispatcher = await this.agentFor(target, url);
    // One controller per request, for the timeout and the worker's stop, so nothing piles up on the
    // worker's long-lived signal.
    const controller = new AbortController();
    const timeout = Object.assign(new Error(`no answer within ${target.timeoutMs} ms`), {
      name: 'TimeoutError',
    });
    const timer = setTimeout(() => controller.abort(timeout), target.timeoutMs);
    const onStop = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onStop, { once: true });
    try {
      const response = await request(url, {
        method: call.method,
        headers: call.headers,
        body: call.body,
        dispatcher,
        signal: controller.signal,
      });
      const kept: Buffer[] = [];
      let size = 0;
      let total = 0;
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        total += buffer.length;
        if (size < READ_LIMIT) {
          const part = buffer.subarray(0, READ_LIMIT - size);
          kept.push(part);
          size += part.length;
        }
      }
      return {
        status: response.statusCode,
        headers: flatten(response.headers),
        body: Buffer.concat(kept),
        totalBytes: total,
      };
    } catch (error) {
      throw controller.signal.reason === timeout ? timeout : error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onStop);
    }
  }

  async close(): Promise<void> {
    const agents = [...this.pools.values()].map((p) => p.agent);
    this.pools.clear();
    await Promise.all(agents.map((a) => a.close().catch(() => undefined)));
  }
}
