import { describe, expect, it } from 'vitest';
import { escapeReferences, interpolate } from '../../server/provisioning/interpolate.ts';

describe('provisioning ${ENV} interpolation', () => {
  it('replaces references in every string value, at any depth, and leaves keys and other values alone', () => {
    const result = interpolate(
      {
        channels: [
          {
            id: '${CHANNEL}',
            iomShopId: 10000,
            services: [
              {
                username: 'user-${STAGE}',
                password: '${IOM_PASSWORD}',
                active: true,
                settings: { cacheTtlSeconds: 5 },
              },
            ],
          },
        ],
        '${KEY}': 'x',
      },
      { CHANNEL: 'inspired-b2c', STAGE: 'prod', IOM_PASSWORD: 's3cret', KEY: 'never used' },
    );
    expect(result.problems).toEqual([]);
    expect(result.value).toEqual({
      channels: [
        {
          id: 'inspired-b2c',
          iomShopId: 10000,
          services: [
            { username: 'user-prod', password: 's3cret', active: true, settings: { cacheTtlSeconds: 5 } },
          ],
        },
      ],
      '${KEY}': 'x',
    });
  });

  it('names the path and the variable of every reference that is not set', () => {
    const result = interpolate(
      {
        channels: [
          {
            services: [
              { password: '${IOM_PASSWORD}' },
              { username: '${IOM_USER}', password: '${IOM_PASSWORD}' },
            ],
          },
        ],
      },
      { IOM_USER: 'consumer_ws' },
    );
    expect(result.problems).toEqual([
      { path: 'channels[0].services[0].password', message: '${IOM_PASSWORD} is not set in the environment' },
      { path: 'channels[0].services[1].password', message: '${IOM_PASSWORD} is not set in the environment' },
    ]);
  });

  it('treats an empty variable as set', () => {
    expect(interpolate({ a: 'x${EMPTY}y' }, { EMPTY: '' })).toEqual({ value: { a: 'xy' }, problems: [] });
  });

  it('reads $${X} as a literal ${X}, without looking X up', () => {
    const result = interpolate({ password: 'pa$${NOT_A_VAR}ss', both: '$${A}-${A}' }, { A: 'a' });
    expect(result).toEqual({ value: { password: 'pa${NOT_A_VAR}ss', both: '${A}-a' }, problems: [] });
  });

  it('refuses a reference that is not a variable name', () => {
    const result = interpolate({ list: ['ok', '${not a name}'] }, {});
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.path).toBe('list[1]');
    expect(result.problems[0]?.message).toContain('is not a variable reference');
  });

  it('escapes values for writing so that interpolation gives them back unchanged', () => {
    for (const text of ['plain', '${HOME}', 'a$${B}c', '${unclosed', 'x${A}y${B}z', '$$${X}']) {
      const written = escapeReferences(text);
      expect(interpolate(written, {})).toEqual({ value: text, problems: [] });
    }
  });
});
