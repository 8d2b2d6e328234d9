/**
 * `npm run bench` runs every benchmark; `npm run bench -- startup bundle` runs the named ones.
 * Each prints its table and rewrites its own section of docs/benchmarks.md.
 */
const BENCHMARKS: Record<string, () => Promise<{ run: () => Promise<string> }>> = {
  startup: () => import('../bench/startup.ts'),
  bundle: () => import('../bench/bundle.ts'),
  testall: () => import('../bench/testAll.ts'),
  export: () => import('../bench/export.ts'),
};

const requested = process.argv.slice(2).filter((a) => a !== '--');
const unknown = requested.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHMARKS).join(', ')}\n`,
  );
  process.exit(2);
}
for (const name of requested.length ? requested : Object.keys(BENCHMARKS)) {
  process.stdout.write(`\n▶ ${name}\n`);
  const { run } = await (BENCHMARKS[name] as () => Promise<{ run: () => Promise<string> }>)();
  process.stdout.write(`${await run()}\n`);
}
