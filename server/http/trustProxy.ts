import type { FastifyServerOptions } from 'fastify';
import type { TrustProxy } from '../env.ts';

/**
 * `TRUST_PROXY` as Fastify's `trustProxy`. Fastify no longer honours a bare hop count (it trusts nothing
 * then), so a count becomes the rule it stood for: the nearest `n` addresses — the peer and the `n - 1`
 * entries a chain of proxies appended last to `X-Forwarded-For` — are proxies; the one before them is the client.
 */
export function fastifyTrustProxy(setting: TrustProxy): NonNullable<FastifyServerOptions['trustProxy']> {
  if (typeof setting !== 'number') return setting;
  return (_address: string, hop: number) => hop < setting;
}
