import { chmodSync, lstatSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirBusyError, lockDataDir } from '../../server/db/dataDirLock.ts';
import { describeModesReport, makePrivate } from '../../server/db/dataDirModes.ts';

const mode = (file: string) => lstatSync(file).mode & 0o777;

describe('makePrivate', () => {
  it('removes group/other rights below the directory, keeps the owner’s, and leaves symbolic links alone', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'switchboard-modes-'));
    const dir = path.join(root, 'data');
    const outside = path.join(root, 'outside.txt');
    mkdirSync(path.join(dir, 'pglite', 'base'), { recursive: true });
    writeFileSync(path.join(dir, 'pglite', 'base', 'rel'), '');
    writeFileSync(path.join(dir, 'secret.key'), '');
    writeFileSync(outside, '');
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'pglite'), 0o777);
    chmodSync(path.join(dir, 'pglite', 'base', 'rel'), 0o666);
    chmodSync(path.join(dir, 'secret.key'), 0o600);
    chmodSync(outside, 0o644);
    symlinkSync(outside, path.join(dir, 'link'));

    const report = makePrivate(dir);

    expect(report).toEqual({ fixed: 4, refused: [] }); // dir, pglite, base, rel
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'pglite'))).toBe(0o700);
    expect(mode(path.join(dir, 'pglite', 'base', 'rel'))).toBe(0o600);
    expect(mode(path.join(dir, 'secret.key'))).toBe(0o600);
    expect(mode(outside)).toBe(0o644);
    expect(describeModesReport(dir, report)).toMatch(/^Removed group\/other access from 4 entries under /);
    expect(makePrivate(dir)).toEqual({ fixed: 0, refused: [] });
    expect(describeModesReport(dir, { fixed: 0, refused: [] })).toBeNull();
  });
});

describe('lockDataDir', () => {
  it('lets one holder in, refuses any other at once naming its pid, and is free again once released', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-lock-'));
    const held = lockDataDir(dir);
    expect(mode(path.join(dir, 'pglite.lock'))).toBe(0o600);
    let refusal: unknown;
    try {
      lockDataDir(dir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirBusyError);
    expect((refusal as DataDirBusyError).holderPid).toBe(process.pid);
    expect((refusal as Error).message).toContain(`(pid ${process.pid})`);
    held.release();
    lockDataDir(dir).release();
  });
});
