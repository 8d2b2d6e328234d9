import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../audit/record.ts';
import { createToken } from '../tokens/commands.ts';
import { withDatabase } from './runtime.ts';

export function registerToken(program: Command): void {
  const token = program.command('token').description('manage API tokens for the order intake API');
  token
    .command('create')
    .description('create a token for ICM; it is printed once, on the first line of standard output')
    .requiredOption('--name <name>', 'who uses it, e.g. "ICM production"')
    .requiredOption('--channels <ids>', 'comma-separated channel ids it may send orders for')
    .action(async (opts: { name: string; channels: string }) => {
      const created = await withDatabase((database) =>
        createToken(database.db, SYSTEM_ACTOR, {
          name: opts.name,
          channels: opts.channels
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
        }),
      );
      process.stdout.write(
        `${created.token}\n` +
          `This token is shown only now; Switchboard keeps only its hash. Store it where ICM keeps secrets.\n` +
          `Token ${created.record.prefix}… (${created.record.name}) may send orders for: ${created.record.channelIds.join(', ')}.\n`,
      );
    });
}
