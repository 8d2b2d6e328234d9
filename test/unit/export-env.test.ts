import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../../server/env.ts';

describe('export settings in the environment', () => {
  it('has defaults', () => {
    expect(loadEnv({})).toMatchObject({
      SWITCHBOARD_INTAKE_MAX_BYTES: 1024 * 1024,
      SWITCHBOARD_METRICS: 'on',
      SWITCHBOARD_EXPORT_WORKER: 'on',
      SWITCHBOARD_EXPORT_CONCURRENCY: 8,
      SWITCHBOARD_EXPORT_LEASE_SECONDS: 60,
      SWITCHBOARD_EXPORT_POLL_MS: 1000,
      SWITCHBOARD_ATTEMPT_BODY_MAX_BYTES: 65536,
      SWITCHBOARD_ATTEMPT_RETENTION_DAYS: 90,
    });
  });

  it('takes valid values', () => {
    const env = loadEnv({
      SWITCHBOARD_INTAKE_MAX_BYTES: '2048',
      SWITCHBOARD_METRICS: 'token:a-long-enough-secret',
      SWITCHBOARD_EXPORT_WORKER: 'off',
      SWITCHBOARD_EXPORT_LEASE_SECONDS: '2',
    });
    expect(env).toMatchObject({
      SWITCHBOARD_INTAKE_MAX_BYTES: 2048,
      SWITCHBOARD_METRICS: 'token:a-long-enough-secret',
      SWITCHBOARD_EXPORT_WORKER: 'off',
      SWITCHBOARD_EXPORT_LEASE_SECONDS: 2,
    });
  });

  it.each([
    ['SWITCHBOARD_INTAKE_MAX_BYTES', '12'],
    ['SWITCHBOARD_INTAKE_MAX_BYTES', '1MB'],
    ['SWITCHBOARD_METRICS', 'maybe'],
    ['SWITCHBOARD_METRICS', 'token:short'],
    ['SWITCHBOARD_EXPORT_WORKER', 'yes'],
    ['SWITCHBOARD_EXPORT_CONCURRENCY', '0'],
    ['SWITCHBOARD_EXPORT_LEASE_SECONDS', '-1'],
    ['SWITCHBOARD_ATTEMPT_RETENTION_DAYS', '1.5'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadEnv({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as EnvError).problems.join('\n')).toContain(name);
  });
});
