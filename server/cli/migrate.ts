import type { Command } from 'commander';
import { openMigratedDatabase } from './runtime.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply the database migrations (the server also does this on start)')
    .action(async () => {
      const { database, applied } = await openMigratedDatabase();
      await database.close();
      process.stdout.write(
        applied === 0
          ? `The ${database.kind} database is up to date.\n`
          : `Applied ${applied} migration(s) to the ${database.kind} database.\n`,
      );
    });
}
