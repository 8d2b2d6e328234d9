import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../audit/record.ts';
import { invalid } from '../errors.ts';
import { createUser } from '../users/commands.ts';
import { readStdin, withDatabase } from './runtime.ts';

export function registerUser(program: Command): void {
  const user = program.command('user').description('manage users');
  user
    .command('create')
    .description('create a user; the password is read from standard input')
    .requiredOption('--email <email>', 'the sign-in email')
    .requiredOption('--role <role>', 'admin, channel_manager or support')
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .option('--channels <ids>', 'comma-separated channel ids (channel managers only)')
    .option('--password-stdin', 'read the password from standard input')
    .action(
      async (opts: {
        email: string;
        role: string;
        name?: string;
        channels?: string;
        passwordStdin?: boolean;
      }) => {
        if (!opts.passwordStdin)
          throw invalid('password', 'Pass --password-stdin and the password on standard input.');
        const password = await readStdin();
        const created = await withDatabase((database) =>
          createUser(database.db, SYSTEM_ACTOR, {
            email: opts.email,
            name: opts.name ?? opts.email.split('@')[0] ?? opts.email,
            role: opts.role as 'admin',
            channels: opts.channels
              ? opts.channels
                  .split(',')
                  .map((c) => c.trim())
                  .filter(Boolean)
              : [],
            password,
          }),
        );
        process.stdout.write(`Created ${created.role} ${created.email} (${created.id}).\n`);
      },
    );
}
