import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CLIENT_DIST, ensureClientBuild } from '../server/clientBuild.ts';
import { table, writeSection } from './lib.ts';

/** Gzip size of the JavaScript a browser loads before the first screen: the entry and its preloads. */
export async function run(): Promise<string> {
  await ensureClientBuild();
  const html = readFileSync(path.join(CLIENT_DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const sizes = files.map((f) => gzipSync(readFileSync(path.join(CLIENT_DIST, f)), { level: 9 }).length);
  const total = sizes.reduce((a, b) => a + b, 0);
  const rows = [
    {
      name: 'initial JavaScript (gzip -9)',
      unit: 'kB',
      values: [Math.round(total / 102.4) / 10],
      note: `${files.length} file(s): ${files.map((f) => path.basename(f)).join(', ')}`,
    },
  ];
  const body = `Route components are loaded lazily; this is what the login page needs.\n\n${table(rows)}\n`;
  writeSection('bundle', 'Client bundle', body);
  return table(rows);
}
