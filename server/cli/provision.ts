import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DomainError } from '../errors.ts';
import { applyDocument, loadProvisioningText } from '../provisioning/apply.ts';
import { formatProblem, ProvisioningError } from '../provisioning/errors.ts';
import { exportProvisioning } from '../provisioning/export.ts';
import { isUnchanged } from '../provisioning/plan.ts';
import { renderPlan } from '../provisioning/render.ts';
import { createSecretBox, loadSecretKey } from '../secrets/secretBox.ts';
import { withDatabase } from './runtime.ts';

/** Bad input: the file must change (as main.ts's EXIT_USAGE). */
const EXIT_USAGE = 2;

function readFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new DomainError('BAD_REQUEST', `Cannot read ${file}: ${(error as Error).message}`);
  }
}

async function apply(file: string, dryRun: boolean): Promise<void> {
  try {
    // The file is checked completely before the database is opened; `${ENV}` comes from this process's environment.
    const document = loadProvisioningText(readFile(file), process.env, file);
    const plan = await withDatabase((database, env) =>
      applyDocument(database.db, createSecretBox(loadSecretKey(env).key), document, { dryRun }),
    );
    process.stdout.write(renderPlan(plan));
    process.stdout.write(
      dryRun ? 'Dry run: nothing was changed.\n' : isUnchanged(plan) ? 'Nothing to change.\n' : 'Applied.\n',
    );
  } catch (error) {
    if (!(error instanceof ProvisioningError)) throw error;
    const count = error.problems.length;
    process.stderr.write(
      `switchboard: ${file}: ${count} problem${count === 1 ? '' : 's'}, nothing was applied:\n${error.problems
        .map(formatProblem)
        .join('\n')}\n`,
    );
    process.exitCode = EXIT_USAGE;
  }
}

export function registerProvision(program: Command): void {
  const provision = program
    .command('provision')
    .description(
      'configuration as code: organizations, channels and their services from a YAML or JSON file',
    );
  provision
    .command('apply')
    .description(
      'make the database match FILE (all or nothing; ${ENV_NAME} in values is read from the environment)',
    )
    .argument('<file>', 'the provisioning file (YAML or JSON)')
    .option('--dry-run', 'print what would change, and change nothing')
    .action(async (file: string, opts: { dryRun?: boolean }) => apply(file, opts.dryRun === true));
  provision
    .command('export')
    .description('write the configuration in the provisioning format (YAML), without passwords')
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (opts: { output?: string }) => {
      const yaml = await withDatabase((database) => exportProvisioning(database.db));
      if (opts.output) {
        writeFileSync(opts.output, yaml, { mode: 0o600 });
        process.stdout.write(`Wrote ${opts.output}.\n`);
      } else {
        process.stdout.write(yaml);
      }
    });
}
