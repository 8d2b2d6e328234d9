import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLIENT_DIST = path.join(PROJECT_ROOT, 'dist', 'client');
const STAMP = path.join(CLIENT_DIST, '.built');
const SOURCES = ['client', 'shared', 'vite.config.ts', 'package-lock.json', 'server/clientBuild.ts'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** True when the built client is missing or older than any of its sources. */
export function clientBuildIsStale(): boolean {
  if (!existsSync(STAMP) || !existsSync(path.join(CLIENT_DIST, 'index.html'))) return true;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(PROJECT_ROOT, s)) > built);
}

/** Builds the client with Vite when its sources changed since the last build. */
export async function ensureClientBuild(
  log: (message: string) => void = () => undefined,
  options: { force?: boolean } = {},
): Promise<void> {
  if (!options.force && !clientBuildIsStale()) return;
  log('Building the web client (only after an install or a change of its sources)…');
  const { build } = await import('vite');
  // Vite keeps a NODE_ENV it finds set (vitest sets `test`), and React's development build would follow it:
  // the client is always built for production, whoever asks.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(PROJECT_ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(STAMP, new Date().toISOString());
}
