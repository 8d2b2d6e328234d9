import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../../server/env.ts';

function problems(source: Record<string, string>): string[] {
  try {
    loadEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
  throw new Error('expected the environment to be refused');
}

describe('environment', () => {
  it('has defaults for everything', () => {
    const env = loadEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      SWITCHBOARD_OUTBOUND_ALLOW: [],
      LOG_LEVEL: 'info',
      TRUST_PROXY: false,
      DATABASE_PREPARED_STATEMENTS: 'on',
      DATABASE_LOCK_TIMEOUT_MS: 5000,
      DATABASE_STATEMENT_TIMEOUT_MS: 30_000,
      DATABASE_CONNECT_TIMEOUT_MS: 1000,
    });
  });

  it('reads the bounds on database waits, 0 for none (connecting is always bounded)', () => {
    expect(
      loadEnv({
        DATABASE_LOCK_TIMEOUT_MS: '0',
        DATABASE_STATEMENT_TIMEOUT_MS: '600000',
        DATABASE_CONNECT_TIMEOUT_MS: '2500',
      }),
    ).toMatchObject({
      DATABASE_LOCK_TIMEOUT_MS: 0,
      DATABASE_STATEMENT_TIMEOUT_MS: 600_000,
      DATABASE_CONNECT_TIMEOUT_MS: 2500,
    });
  });

  it('treats empty values as unset', () => {
    const env = loadEnv({ PORT: '', DATABASE_URL: ' ' });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('accepts good values', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const env = loadEnv({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db/switchboard',
      SWITCHBOARD_SECRET_KEY: key,
      SWITCHBOARD_OUTBOUND_ALLOW: '10.0.0.0/8, 127.0.0.1,iom.internal,fd00::/8',
      ADMIN_EMAIL: 'Root@Example.com',
      ADMIN_PASSWORD: 'a long admin password',
      LOG_LEVEL: 'debug',
      TRUST_PROXY: 'true',
      DATABASE_PREPARED_STATEMENTS: 'off',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      DATABASE_PREPARED_STATEMENTS: 'off',
      ADMIN_EMAIL: 'root@example.com',
      SWITCHBOARD_OUTBOUND_ALLOW: ['10.0.0.0/8', '127.0.0.1', 'iom.internal', 'fd00::/8'],
      TRUST_PROXY: true,
    });
  });

  it.each([
    ['PORT', '70000'],
    ['PORT', 'http'],
    ['PORT', '-1'],
    ['DATABASE_URL', 'mysql://db/x'],
    ['SWITCHBOARD_SECRET_KEY', 'too-short'],
    ['SWITCHBOARD_OUTBOUND_ALLOW', '10.0.0.0/33'],
    ['SWITCHBOARD_OUTBOUND_ALLOW', 'http://iom.example.com'],
    ['ADMIN_EMAIL', 'root'],
    ['ADMIN_PASSWORD', 'short'],
    ['LOG_LEVEL', 'verbose'],
    ['TRUST_PROXY', 'maybe'],
    ['TRUST_PROXY', '-1'],
    ['TRUST_PROXY', '101'],
    ['TRUST_PROXY', '1.5'],
    ['TRUST_PROXY', 'proxy.internal'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '10.0.0.5,nginx'],
    ['TRUST_PROXY', ','],
    ['DATABASE_PREPARED_STATEMENTS', 'false'],
    ['DATABASE_LOCK_TIMEOUT_MS', '5s'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '-1'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '3600001'],
    ['DATABASE_CONNECT_TIMEOUT_MS', '0'],
  ])('refuses %s=%s, naming the variable and its value', (name, value) => {
    const [problem] = problems({
      [name]: value,
      ...(name === 'ADMIN_PASSWORD' ? { ADMIN_EMAIL: 'a@b.co' } : {}),
    });
    expect(problem).toContain(`${name}=${JSON.stringify(value)}`);
  });

  it.each([
    ['true', true],
    ['false', false],
    ['0', false],
    ['1', 1],
    ['3', 3],
    ['10.0.0.5', ['10.0.0.5']],
    [
      ' 10.0.0.5, 10.1.0.0/16 ,::1,fd00::/8,loopback ',
      ['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8', 'loopback'],
    ],
  ])('reads TRUST_PROXY=%s as a switch, a hop count or a list of proxies', (value, parsed) => {
    expect(loadEnv({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(parsed);
  });

  it('says what TRUST_PROXY may be', () => {
    expect(problems({ TRUST_PROXY: 'yes' })[0]).toMatch(
      /TRUST_PROXY="yes": must be true, false, a hop count.*CIDR/,
    );
  });

  it('names every bad variable at once', () => {
    expect(problems({ PORT: 'x', LOG_LEVEL: 'y' })).toHaveLength(2);
  });

  it('refuses an admin password without an admin email', () => {
    expect(problems({ ADMIN_PASSWORD: 'a long admin password' })[0]).toContain('ADMIN_EMAIL');
  });
});
