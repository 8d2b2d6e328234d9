/**
 * `npm test`: typecheck, lint, then every vitest project this machine can run — unit, the database
 * suite on PGlite, the same suite on PostgreSQL when TEST_DATABASE_URL is set, and the browser tests
 * when a Chromium is found — then, with TEST_DATABASE_URL, the resilience suite as a run of its own.
 * Says plainly what it skipped and why, and ends with one summary line.
 * With REQUIRE_ALL_SUITES=1 (CI), a skipped suite is a failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const requireAll = process.env.REQUIRE_ALL_SUITES === '1';
const bin = (name: string) => path.join('node_modules', '.bin', name);

function step(title: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  process.stdout.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

const skipped: string[] = [];
if (!process.env.TEST_DATABASE_URL) {
  skipped.push(
    'PostgreSQL suite: TEST_DATABASE_URL is not set. Run it with e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test',
    'Resilience suite (workers killed, PostgreSQL stopped, faulty IOM; a few minutes): TEST_DATABASE_URL is not set. Run it with e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test, or alone with npm run test:resilience',
  );
}
if (!existsSync(chromium)) {
  skipped.push(
    `Browser tests: no Chromium at ${chromium}. Install one with "apt-get install -y chromium" (Debian/Ubuntu) or point CHROMIUM_PATH at it.`,
  );
}

const typecheckOk = step('Typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
const lintOk = step('Lint', bin('eslint'), ['--max-warnings=0', '.']);

const reports = mkdtempSync(path.join(tmpdir(), 'switchboard-test-'));
const vitest = (title: string, name: string, args: string[], env: Record<string, string> = {}) => {
  const report = path.join(reports, `${name}.json`);
  const ok = step(
    title,
    bin('vitest'),
    ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    env,
  );
  return { ok, report };
};
const runs = [vitest('Tests', 'vitest', [], { SWITCHBOARD_RESILIENCE: '0' })];
// After the others, on its own: it loads the machine with several processes per scenario.
if (process.env.TEST_DATABASE_URL)
  runs.push(
    vitest('Resilience suite (PostgreSQL)', 'resilience', ['--project', 'resilience'], {
      SWITCHBOARD_RESILIENCE: '1',
    }),
  );
const testsOk = runs.every((r) => r.ok);

let passed = 0;
let failed = 0;
let pending = 0;
for (const { report } of runs) {
  if (!existsSync(report)) continue;
  const summary = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed += summary.numPassedTests;
  failed += summary.numFailedTests;
  pending += summary.numPendingTests + summary.numTodoTests;
}

for (const line of skipped) process.stdout.write(`\n⚠ SKIPPED — ${line}\n`);
if (!typecheckOk) process.stdout.write('\n✖ Typecheck failed.\n');
if (!lintOk) process.stdout.write('\n✖ Lint failed.\n');
if (requireAll && skipped.length > 0)
  process.stdout.write('\n✖ REQUIRE_ALL_SUITES=1: a suite was skipped.\n');

const ok =
  typecheckOk && lintOk && testsOk && failed === 0 && passed > 0 && !(requireAll && skipped.length > 0);
process.stdout.write(`\nswitchboard: ${passed} passed, ${failed} failed, ${pending} skipped\n`);
process.exit(ok ? 0 : 1);
