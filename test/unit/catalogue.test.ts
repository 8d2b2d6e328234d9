import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE,
  defaultEndpoint,
  defaultSettings,
  SERVICE_TYPES,
  type ServiceType,
} from '../../shared/catalogue/index.ts';
import { SWITCHBOARD_SETTING_NOTE } from '../../shared/catalogue/fields.ts';
import { retiredSettingMessage, upgradeStoredSettings } from '../../shared/catalogue/retired.ts';
import { channelCreateSchema, shopIdSchema } from '../../shared/schemas/channels.ts';
import {
  certificatePinSchema,
  serviceCreateSchema,
  serviceUpdateSchema,
} from '../../shared/schemas/services.ts';

const ok = (type: ServiceType, settings: Record<string, unknown>) =>
  CATALOGUE[type].settings.safeParse(settings).success;
/** The other settings a bound is checked beside (the escalation threshold must not exceed max attempts). */
const beside: Partial<Record<string, Record<string, unknown>>> = {
  maxAttempts: { escalationThreshold: 1 },
  escalationThreshold: { maxAttempts: 100 },
};

describe('the catalogue', () => {
  it('has one definition per type, each with its path, shop identifier and defaults', () => {
    expect(Object.keys(CATALOGUE).sort()).toEqual([...SERVICE_TYPES].sort());
    for (const type of SERVICE_TYPES) {
      const def = CATALOGUE[type];
      expect(def.type).toBe(type);
      expect(def.defaultPath).toMatch(/^\//);
      expect(['shopId', 'shopName']).toContain(def.shopIdentifier);
      expect(
        def.settingFields
          .map((f) => f.key)
          .every((k) => k in defaultSettings(type) || k === 'scheduleIntervalMinutes'),
      ).toBe(true);
      if (def.deprecated && def.replacedBy) expect(CATALOGUE[def.replacedBy].deprecated).toBe(false);
    }
  });

  it('knows the paths and identifiers of SPEC §2', () => {
    expect(defaultEndpoint('order-export', 'https://iom.example.com/')).toBe(
      'https://iom.example.com/rest/order-service',
    );
    expect(defaultEndpoint('inventory', 'https://iom.example.com')).toBe(
      'https://iom.example.com/servlets/services/',
    );
    expect(defaultEndpoint('order', 'http://iom:8080')).toBe('http://iom:8080/webservices/OrderService/v1.2');
    expect(CATALOGUE.rma.shopIdentifier).toBe('shopName');
    expect(CATALOGUE['order-history'].shopIdentifier).toBe('shopId');
    expect(CATALOGUE.order.replacedBy).toBe('order-export');
    expect(CATALOGUE['order-state'].replacedBy).toBe('order-history');
    expect(CATALOGUE.reverse.replacedBy).toBe('rma');
    expect(CATALOGUE.download.deprecated).toBe(true);
  });

  it('defaults settings as SPEC §2 says', () => {
    expect(defaultSettings('order-export')).toEqual({
      exportTrigger: 'on-order-creation',
      maxAttempts: 8,
      retryInitialDelaySeconds: 30,
      escalationThreshold: 5,
    });
    expect(defaultSettings('order-history')).toEqual({ cacheTtlSeconds: 5 });
    expect(defaultSettings('inventory')).toEqual({
      globalCache: true,
      availabilityCheckOnFailure: true,
      reservationType: 'COMPLETE',
      reservationLifetimeSeconds: 600,
    });
    expect(defaultSettings('rma')).toEqual({});
    expect(defaultSettings('order-state')).toEqual({ cacheTtlSeconds: 5 });
    expect(defaultSettings('order')).toEqual({
      enableOrderMessageQueue: false,
      deleteNonErrorRecords: false,
      logRequestMessagesOnError: false,
    });
  });
});

describe('the settings as Intershop’s configuration guide has them', () => {
  const field = (type: ServiceType, key: string) => CATALOGUE[type].settingFields.find((f) => f.key === key);

  it('makes the Inventory service’s global cache a checkbox of 5 seconds, not a number', () => {
    expect(field('inventory', 'globalCache')).toMatchObject({ label: 'Global cache', kind: 'boolean' });
    expect(field('inventory', 'globalCache')?.help).toContain('caches IOM’s responses for 5 seconds');
    expect(field('inventory', 'cacheTtlSeconds')).toBeUndefined();
    expect(ok('inventory', { globalCache: false })).toBe(true);
    expect(ok('inventory', { globalCache: 5 })).toBe(false);
    expect(ok('inventory', { cacheTtlSeconds: 5 })).toBe(false);
    expect(CATALOGUE.inventory.settingFields.map((f) => [f.key, f.label, f.kind])).toEqual([
      ['globalCache', 'Global cache', 'boolean'],
      ['availabilityCheckOnFailure', 'Availability check on failure', 'boolean'],
      ['reservationType', 'Reservation type', 'select'],
      ['reservationLifetimeSeconds', 'Reservation lifetime', 'integer'],
    ]);
  });

  it('gives the SOAP Order service the three OrderMessageQueue checkboxes with the guide’s labels', () => {
    expect(CATALOGUE.order.settingFields.map((f) => [f.key, f.label, f.kind])).toEqual([
      ['enableOrderMessageQueue', 'Enable the OrderMessageQueue', 'boolean'],
      ['deleteNonErrorRecords', 'Delete non-error records', 'boolean'],
      ['logRequestMessagesOnError', 'Log request messages on error', 'boolean'],
    ]);
    expect(ok('order', { enableOrderMessageQueue: true, deleteNonErrorRecords: true })).toBe(true);
    expect(ok('order', { enableOrderMessageQueue: 'yes' })).toBe(false);
    expect(ok('reverse', { enableOrderMessageQueue: true })).toBe(false);
  });

  it('marks exactly the settings ICM does not have as Switchboard’s own', () => {
    const own = SERVICE_TYPES.flatMap((type) =>
      CATALOGUE[type].settingFields.filter((f) => f.switchboardOnly).map((f) => `${type}.${f.key}`),
    );
    expect(own.sort()).toEqual(
      [
        'order-export.exportTrigger',
        'order-export.scheduleIntervalMinutes',
        'order-export.maxAttempts',
        'order-export.retryInitialDelaySeconds',
        'order-export.escalationThreshold',
        'order-history.cacheTtlSeconds',
        'order-state.cacheTtlSeconds',
      ].sort(),
    );
    expect(SWITCHBOARD_SETTING_NOTE).toBe('Switchboard setting — not in ICM');
  });
});

describe('settings stored or written in the earlier shape', () => {
  it('refuses inventory’s cacheTtlSeconds naming globalCache and the value to write', () => {
    expect(retiredSettingMessage('inventory', 'cacheTtlSeconds', 5)).toBe(
      'cacheTtlSeconds is no longer a setting of inventory: use globalCache (true or false: ICM caches IOM’s responses for 5 seconds; its page has no setting for the time). Here that is globalCache: true.',
    );
    expect(retiredSettingMessage('inventory', 'cacheTtlSeconds', 0)).toMatch(
      /Here that is globalCache: false\.$/,
    );
    expect(retiredSettingMessage('order-history', 'cacheTtlSeconds', 5)).toBeUndefined();
    expect(retiredSettingMessage('inventory', 'constructor', 5)).toBeUndefined();
  });

  it('reads a stored inventory TTL as the checkbox: on for any TTL above 0, off for 0', () => {
    const old = {
      availabilityCheckOnFailure: false,
      reservationType: 'PARTLY',
      reservationLifetimeSeconds: 60,
    };
    expect(upgradeStoredSettings('inventory', { ...old, cacheTtlSeconds: 5 })).toEqual({
      ...old,
      globalCache: true,
    });
    expect(upgradeStoredSettings('inventory', { ...old, cacheTtlSeconds: 0 })).toEqual({
      ...old,
      globalCache: false,
    });
    expect(upgradeStoredSettings('inventory', { cacheTtlSeconds: 0, globalCache: true })).toMatchObject({
      globalCache: true,
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 }), (ttl) => {
        const upgraded = upgradeStoredSettings('inventory', { ...old, cacheTtlSeconds: ttl });
        expect(ok('inventory', upgraded)).toBe(true);
        expect(upgraded.globalCache).toBe(ttl > 0);
      }),
    );
  });

  it('fills settings a type gained since, and leaves current settings as they are', () => {
    expect(upgradeStoredSettings('order', {})).toEqual(defaultSettings('order'));
    for (const type of SERVICE_TYPES)
      expect(upgradeStoredSettings(type, defaultSettings(type))).toEqual(defaultSettings(type));
    expect(upgradeStoredSettings('order-history', { cacheTtlSeconds: 60 })).toEqual({ cacheTtlSeconds: 60 });
  });
});

describe('settings at and beyond every bound', () => {
  it.each([
    ['order-history', 'cacheTtlSeconds', 0, 86_400],
    ['order-state', 'cacheTtlSeconds', 0, 86_400],
    ['inventory', 'reservationLifetimeSeconds', 1, 2_147_483_647],
    ['order-export', 'maxAttempts', 1, 100],
    ['order-export', 'retryInitialDelaySeconds', 1, 3600],
    ['order-export', 'escalationThreshold', 1, 100],
  ] as const)('%s %s accepts %d…%d and nothing beyond', (type, key, min, max) => {
    const at = (value: unknown) => ok(type, { ...beside[key], [key]: value });
    expect(at(min)).toBe(true);
    expect(at(max)).toBe(true);
    expect(at(min - 1)).toBe(false);
    expect(at(max + 1)).toBe(false);
    expect(at(min + 0.5)).toBe(false);
    expect(at(String(min))).toBe(false);
  });

  it('needs a 1–1440 minute interval for a scheduled export, and drops it for other triggers', () => {
    const s = (extra: Record<string, unknown>) =>
      CATALOGUE['order-export'].settings.safeParse({ exportTrigger: 'scheduled', ...extra });
    expect(s({}).success).toBe(false);
    expect(s({ scheduleIntervalMinutes: 1 }).success).toBe(true);
    expect(s({ scheduleIntervalMinutes: 1440 }).success).toBe(true);
    expect(s({ scheduleIntervalMinutes: 0 }).success).toBe(false);
    expect(s({ scheduleIntervalMinutes: 1441 }).success).toBe(false);
    const manual = CATALOGUE['order-export'].settings.parse({
      exportTrigger: 'manual',
      scheduleIntervalMinutes: 15,
    });
    expect(manual.scheduleIntervalMinutes).toBeUndefined();
  });

  it('refuses an escalation threshold above the max attempts', () => {
    const r = CATALOGUE['order-export'].settings.safeParse({ maxAttempts: 3, escalationThreshold: 4 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['escalationThreshold']);
  });

  it('refuses unknown triggers, reservation types and settings of another type', () => {
    expect(ok('order-export', { exportTrigger: 'hourly' })).toBe(false);
    expect(ok('inventory', { reservationType: 'SOME' })).toBe(false);
    expect(ok('inventory', { reservationType: 'PARTLY' })).toBe(true);
    expect(ok('inventory', { availabilityCheckOnFailure: 'yes' })).toBe(false);
    expect(ok('rma', { cacheTtlSeconds: 5 })).toBe(false);
    expect(ok('order-history', { exportTrigger: 'manual' })).toBe(false);
  });
});

describe('common service fields', () => {
  const base = { channelId: 'b2c', type: 'rma' };
  it.each([
    ['timeoutMs', 0, false],
    ['timeoutMs', 1, true],
    ['timeoutMs', 120_000, true],
    ['timeoutMs', 120_001, false],
    ['endpoint', 'https://iom.example.com/rest/rma', true],
    ['endpoint', 'http://10.0.0.5:8080/rest/rma', true],
    ['endpoint', 'iom.example.com/rest/rma', false],
    ['endpoint', 'javascript:alert(1)', false],
    ['endpoint', 'file:///etc/passwd', false],
    ['endpoint', 'ftp://iom.example.com', false],
    ['endpoint', 'https://user:pw@iom.example.com', false],
    ['type', 'soap-thing', false],
  ])('%s = %j → %s', (field, value, valid) => {
    expect(serviceCreateSchema.safeParse({ ...base, [field]: value }).success).toBe(valid);
  });

  it('normalises a certificate pin and refuses anything else', () => {
    const hex = 'AB:'.repeat(31) + 'AB';
    expect(certificatePinSchema.parse(hex)).toBe('ab'.repeat(32));
    expect(certificatePinSchema.safeParse('ab'.repeat(31)).success).toBe(false);
    expect(certificatePinSchema.safeParse('zz'.repeat(32)).success).toBe(false);
  });

  it('treats the password as write-only: absent keeps, null clears, empty is refused', () => {
    const ref = { id: '00000000-0000-4000-8000-000000000000', version: 1 };
    expect(serviceUpdateSchema.parse(ref).password).toBeUndefined();
    expect(serviceUpdateSchema.parse({ ...ref, password: null }).password).toBeNull();
    expect(serviceUpdateSchema.safeParse({ ...ref, password: '' }).success).toBe(false);
  });
});

describe('IOM shop ID', () => {
  it('is exact beyond 2^53 and bounded by bigint', () => {
    expect(shopIdSchema.parse('9007199254740993')).toBe(9_007_199_254_740_993n);
    expect(shopIdSchema.parse('9223372036854775807')).toBe(9_223_372_036_854_775_807n);
    expect(shopIdSchema.parse(10000)).toBe(10000n);
    expect(shopIdSchema.parse('00042')).toBe(42n);
    for (const bad of ['9223372036854775808', '-1', '0', '1e5', '10 000', '12.5', '+5', '', 'abc']) {
      expect(shopIdSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('round-trips every int64 digit string exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 9_223_372_036_854_775_807n }), (n) => {
        expect(shopIdSchema.parse(n.toString())).toBe(n);
      }),
    );
  });

  it('says how to fix a bad shop ID', () => {
    const r = channelCreateSchema.safeParse({ id: 'b2c', name: 'B2C', iomShopId: '-5', iomShopName: 'x' });
    expect(r.error?.issues[0]).toMatchObject({
      path: ['iomShopId'],
      message: expect.stringContaining('cannot be negative') as string,
    });
  });
});
