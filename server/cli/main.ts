import { Command, CommanderError } from 'commander';
import { ZodError } from 'zod';
import { EnvError } from '../env.ts';
import { DomainError } from '../errors.ts';
import { UndecryptableSecretError } from '../secrets/secretBox.ts';
import { describeZodError } from '../trpc.ts';
import { registerIomSimulator } from '../iom-simulator/cli.ts';
import { registerMigrate } from './migrate.ts';
import { registerProvision } from './provision.ts';
import { registerServe } from './serve.ts';
import { registerSequence } from './sequence.ts';
import { registerToken } from './token.ts';
import { registerUser } from './user.ts';
import { registerExportWorker } from './worker.ts';

/** Exit code for bad input (a wrong flag, an invalid value): the caller must change the call. */
export const EXIT_USAGE = 2;

const program = new Command('switchboard')
  .description(
    'Switchboard — the back office between Intershop Commerce Management and Intershop Order Management',
  )
  .showHelpAfterError()
  .exitOverride();

registerServe(program);
registerExportWorker(program);
registerMigrate(program);
registerUser(program);
registerToken(program);
registerProvision(program);
registerSequence(program);
registerIomSimulator(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportCliError(error);
}

function reportCliError(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? 0 : EXIT_USAGE;
  }
  if (error instanceof EnvError) {
    process.stderr.write(`switchboard: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof ZodError) {
    process.stderr.write(`switchboard: ${describeZodError(error)}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof DomainError || error instanceof UndecryptableSecretError) {
    process.stderr.write(`switchboard: ${error.message}\n`);
    return EXIT_USAGE;
  }
  process.stderr.write(`switchboard: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
}
