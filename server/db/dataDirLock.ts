import { closeSync, constants, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { tryLock, unlock } from 'fs-native-extensions';
import { DomainError } from '../errors.ts';

/*
 * PGlite has no lock of its own: two processes on one directory each believe they own it, and the data of
 * one of them is lost (or the directory no longer opens). So whoever opens the embedded database first takes
 * an exclusive OS lock on DATA_DIR/pglite.lock and holds it until it closes the database. An OS lock (here an
 * open-file-description lock, F_OFD_SETLK, through fs-native-extensions: prebuilt for Linux, macOS and Windows,
 * no install script) is released by the kernel when its holder dies however it dies, so a SIGKILLed server
 * never blocks the next start, which a pid file alone could (a recycled pid looks alive). The pid written into
 * the file is only there to name the holder in the refusal.
 */

export const LOCK_FILE = 'pglite.lock';

/** A refusal: exit 2 from the command line, and nothing was done. */
export class DataDirBusyError extends DomainError {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | null,
  ) {
    super(
      'CONFLICT',
      `The embedded database in ${dataDir} is in use by another Switchboard process ` +
        `(${holderPid === null ? 'pid unknown' : `pid ${holderPid}`}); it serves one process at a time. ` +
        'Stop that process first, use the web UI of the running server instead, or run on PostgreSQL ' +
        '(DATABASE_URL), where the command line works beside running servers. Nothing was done.',
    );
    this.name = 'DataDirBusyError';
  }
}

export interface DataDirLock {
  release(): void;
}

/** Takes the lock on `dataDir` (which must exist) or throws DataDirBusyError at once, without waiting. */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const fd = openSync(file, constants.O_RDWR | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0), 0o600);
  let locked: boolean;
  try {
    locked = tryLock(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (!locked) {
    closeSync(fd);
    throw new DataDirBusyError(dataDir, holderPid(file));
  }
  ftruncateSync(fd, 0);
  writeSync(fd, `${JSON.stringify({ pid: process.pid, since: new Date().toISOString() })}\n`, 0);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      unlock(fd);
      closeSync(fd);
    },
  };
}

function holderPid(file: string): number | null {
  try {
    const { pid } = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown };
    return Number.isSafeInteger(pid) ? (pid as number) : null;
  } catch {
    // Between the holder's lock and its write the file is empty; on Windows the lock also bars reading.
    return null;
  }
}
