import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.ts';
import { renderMetrics } from '../exports/metrics.ts';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** `GET /metrics` in Prometheus' text format; SWITCHBOARD_METRICS: `off`, `on` (open) or `token:<secret>` (Bearer). */
export function registerMetrics(app: FastifyInstance, db: Db, setting: string): void {
  if (setting === 'off') return;
  const secret = setting.startsWith('token:') ? setting.slice('token:'.length) : null;
  app.get('/metrics', { logLevel: 'warn' }, async (request, reply) => {
    if (secret !== null) {
      const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (!same(given, secret))
        return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({
          error: 'unauthorized',
          message: 'The metrics need Authorization: Bearer <the secret of SWITCHBOARD_METRICS>.',
        });
    }
    const text = await renderMetrics(db, new Date());
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(text);
  });
}
