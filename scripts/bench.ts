import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench` runs every benchmark; `npm run bench -- startup bundle` runs the named ones.
 * Each prints its table and rewrites its own section of docs/benchmarks.md. Several run one after the other,
 * each in a process of its own, so that no benchmark's memory or warm caches count in another's figures.
 */
const BENCHMARKS: Record<string, () => Promise<{ run: () => Promise<string> }>> = {
  startup: () => import('../bench/startup.ts'),
  bundle: () => import('../bench/bundle.ts'),
  testall: () => import('../bench/testAll.ts'),
  export: () => import('../bench/export.ts'),
  exportlist: () => import('../bench/exportList.ts'),
  firstrow: () => import('../bench/firstRow.ts'),
  intake: () => import('../bench/intakeHttp.ts'),
};

const requested = process.argv.slice(2).filter((a) => a !== '--');
const unknown = requested.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHMARKS).join(', ')}\n`,
  );
  process.exit(2);
}
const names = requested.length ? requested : Object.keys(BENCHMARKS);
if (names.length === 1) {
  const name = names[0] as string;
  process.stdout.write(`\n▶ ${name}\n`);
  const { run } = await (BENCHMARKS[name] as () => Promise<{ run: () => Promise<string> }>)();
  process.stdout.write(`${await run()}\n`);
} else {
  const failed: string[] = [];
  for (const name of names) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], {
      stdio: 'inherit',
    });
    if (child.status !== 0) failed.push(name);
  }
  if (failed.length > 0) {
    process.stderr.write(`Benchmark(s) failed: ${failed.join(', ')}\n`);
    process.exit(1);
  }
}
