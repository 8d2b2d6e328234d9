import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const API_PREFIXES = ['/trpc', '/api/', '/healthz', '/readyz', '/metrics'];

/** Serves the built client; any other GET that is not an API path gets index.html (client-side routes). */
export async function registerClient(app: FastifyInstance, clientDir: string): Promise<void> {
  const root = path.resolve(clientDir);
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error(`The client is not built in ${root}; run "npm run build" first.`);
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: ['index.html'],
    setHeaders(res, filePath) {
      // Vite fingerprints assets, so they may be cached for good; index.html must always be fresh.
      res.setHeader(
        'cache-control',
        filePath.includes(`${path.sep}assets${path.sep}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  app.setNotFoundHandler(async (request, reply) => {
    const isApi = API_PREFIXES.some((p) => request.url.startsWith(p));
    if (request.method !== 'GET' || isApi || path.extname(request.url.split('?')[0] ?? '') !== '') {
      return reply.code(404).send({ error: `Nothing at ${request.method} ${request.url.split('?')[0]}.` });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
