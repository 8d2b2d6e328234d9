import { describe, expect, it } from 'vitest';
import { settingHelp } from '../../client/src/services/settingHelp.ts';
import { CATALOGUE, SERVICE_TYPES } from '../../shared/catalogue/index.ts';

describe('the service form’s helper text', () => {
  it('leads with "Switchboard setting — not in ICM" for exactly the settings of Switchboard’s own', () => {
    for (const type of SERVICE_TYPES)
      for (const field of CATALOGUE[type].settingFields) {
        const help = settingHelp(field);
        expect(help.startsWith('Switchboard setting — not in ICM. '), `${type}.${field.key}`).toBe(
          field.switchboardOnly === true,
        );
        expect(help).toContain(field.help);
      }
    expect(settingHelp(CATALOGUE['order-export'].settingFields.find((f) => f.key === 'maxAttempts')!)).toBe(
      'Switchboard setting — not in ICM. Technical errors (IOM unreachable, 5xx, timeouts) are retried automatically up to this many attempts. 1–100.',
    );
  });

  it('shows the global cache as ICM does, without a range', () => {
    const globalCache = CATALOGUE.inventory.settingFields.find((f) => f.key === 'globalCache')!;
    expect(settingHelp(globalCache)).toBe(
      'ICM caches IOM’s responses for 5 seconds. ICM’s page has no setting for the time: the checkbox turns the cache on or off.',
    );
  });
});
