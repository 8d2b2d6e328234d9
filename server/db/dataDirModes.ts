import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface ModesReport {
  /** Entries whose group/other rights were removed. */
  fixed: number;
  /** Entries whose rights could not be changed (owned by another user). */
  refused: string[];
}

/**
 * Removes group and other rights from `dir` and everything below it, keeping the owner's. DATA_DIR holds
 * password hashes, sessions and the credential key: no other local user may read or rewrite any of it.
 * Symbolic links are neither followed nor changed (a link could point anywhere).
 */
export function makePrivate(dir: string): ModesReport {
  const report: ModesReport = { fixed: 0, refused: [] };
  const pending = [dir];
  for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
    const stats = lstatOrNull(entry);
    if (!stats || stats.isSymbolicLink()) continue;
    if (stats.mode & 0o077) {
      try {
        chmodSync(entry, stats.mode & 0o700);
        report.fixed++;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
        report.refused.push(entry);
      }
    }
    if (stats.isDirectory()) for (const name of readdirSync(entry)) pending.push(path.join(entry, name));
  }
  return report;
}

/** What the log says after makePrivate at start, or null when there is nothing to say. */
export function describeModesReport(dir: string, report: ModesReport): string | null {
  const parts: string[] = [];
  if (report.fixed > 0)
    parts.push(
      `Removed group/other access from ${report.fixed} ${report.fixed === 1 ? 'entry' : 'entries'} under ${dir}: ` +
        'the embedded database must be readable by the user running Switchboard only.',
    );
  if (report.refused.length > 0)
    parts.push(
      `Cannot remove group/other access from ${report.refused.length} entries under ${dir} owned by another user ` +
        `(first: ${report.refused[0]}); chown them to the user running Switchboard.`,
    );
  return parts.length > 0 ? parts.join(' ') : null;
}

function lstatOrNull(entry: string) {
  try {
    return lstatSync(entry);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
