import { createServer, type Server, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client.ts';
import { isDatabaseUnavailable } from '../../server/db/errors.ts';
import { unavailableLog } from '../../server/db/unavailableLog.ts';
import type { Logger } from '../../server/logger.ts';

/** A PostgreSQL error as postgres.js gives it, wrapped as drizzle wraps a failed query. */
const wrapped = (code: string) =>
  Object.assign(new Error('Failed query: select 1'), { cause: Object.assign(new Error(code), { code }) });

describe('a database too busy to serve', () => {
  it.each([
    ['55P03', 'a lock not granted within lock_timeout'],
    ['57014', 'a statement cancelled by statement_timeout'],
    ['53300', 'no connection slot left'],
  ])('%s (%s) is unavailable, answered with a 503', (code) => {
    expect(isDatabaseUnavailable(wrapped(code))).toBe(true);
  });

  it.each(['23505', '42P01', '22P02', '40001'])('%s is a fault in the query, not unavailability', (code) => {
    expect(isDatabaseUnavailable(wrapped(code))).toBe(false);
  });
});

describe('the log of an unavailable database', () => {
  function recorder() {
    const lines: { fields: Record<string, unknown>; message: string }[] = [];
    const log = {
      warn: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }),
    } as unknown as Logger;
    return { lines, log };
  }

  it('writes one line per episode, then at most one per interval with the count left out', () => {
    let now = 0;
    const note = unavailableLog({ intervalMs: 30_000, now: () => now });
    const { lines, log } = recorder();
    // 1 000 failing requests over 38 s: the first is logged, the next line comes 30 s later.
    for (let i = 0; i < 1000; i += 1) {
      now = i * 38;
      note(log, wrapped('53300'), 'intake');
    }
    expect(lines).toHaveLength(2);
    expect(lines[0]?.fields).toMatchObject({ sqlState: '53300', where: 'intake' });
    expect(lines[0]?.fields).not.toHaveProperty('leftOut');
    // Requests 1–789 (at 38 ms … 29 982 ms) fell inside the first interval.
    expect(lines[1]?.fields).toMatchObject({ leftOut: 789 });
    expect(lines[1]?.message).toContain('789 more');
  });

  it('logs the next episode at once when the last line is an interval old', () => {
    let now = 0;
    const note = unavailableLog({ intervalMs: 30_000, now: () => now });
    const { lines, log } = recorder();
    note(log, wrapped('55P03'), 'http');
    now = 60_000;
    note(log, wrapped('57014'), 'http');
    expect(lines.map((l) => l.fields.sqlState)).toEqual(['55P03', '57014']);
  });
});

describe('connecting to a database that does not answer', () => {
  it('gives up within about the connect timeout (1 s by default), as unavailable', async () => {
    // Accepts the connection and never answers: a crashed host, or one whose packets are dropped.
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const database = await openDatabase({
      url: `postgres://switchboard@127.0.0.1:${port}/switchboard`,
      maxConnections: 1,
    });
    const started = Date.now();
    try {
      const error: unknown = await database.ping().then(
        () => null,
        (e: unknown) => e,
      );
      const elapsed = Date.now() - started;
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(2000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await database.close();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
