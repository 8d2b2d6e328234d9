import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './dataDirLock.ts';
import { describeModesReport, makePrivate } from './dataDirModes.ts';

export interface EmbeddedClient {
  client: PGlite;
  /** Closes the database, then gives up the lock. */
  close: () => Promise<void>;
}

/**
 * Opens the embedded database in `dataDir/pglite` for this process alone (see dataDirLock.ts), with no rights
 * for group and other anywhere under `dataDir`. `notice` hears what was fixed in modes left from before.
 */
export async function openEmbedded(
  dataDir: string,
  notice: (message: string) => void = () => undefined,
): Promise<EmbeddedClient> {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lock = lockDataDir(dir);
  try {
    const message = describeModesReport(dir, makePrivate(dir));
    if (message) notice(message);
    const client = await PGlite.create(path.join(dir, 'pglite'));
    // PGlite lays out a new database with 0666 files and rewrites its relation cache files 0644 on every
    // start, whatever the process umask (its file system applies its own): fixed without a word, being its
    // doing. While it runs, DATA_DIR's own 0700 keeps other users out of anything it creates.
    makePrivate(dir);
    return {
      client,
      close: async () => {
        try {
          await client.close();
          makePrivate(dir);
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
