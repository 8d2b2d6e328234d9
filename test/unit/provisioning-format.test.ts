import { describe, expect, it } from 'vitest';
import { prepareDocument } from '../../server/provisioning/apply.ts';
import { ProvisioningError, type Problem } from '../../server/provisioning/errors.ts';
import { checkDocument } from '../../server/provisioning/format.ts';
import { parseProvisioningText } from '../../server/provisioning/parse.ts';

const service = (extra: Record<string, unknown> = {}) => ({
  type: 'inventory',
  endpoint: 'https://iom.example.com/servlets/services/',
  username: 'consumer_ws',
  active: true,
  ...extra,
});

const channel = (extra: Record<string, unknown> = {}) => ({
  id: 'inspired-b2c',
  name: 'inSPIRED inTRONICS B2C',
  iomShopId: 10000,
  iomShopName: 'inTRONICS',
  services: [service()],
  ...extra,
});

const problemsOf = (raw: unknown) => checkDocument(raw).problems;
const paths = (problems: Problem[]) => problems.map((p) => p.path);

describe('provisioning file format', () => {
  it('normalises a valid file: defaults, shop ID as bigint, base URL without trailing slash', () => {
    const { document, problems } = checkDocument({
      channels: [
        channel({
          iomShopId: '9223372036854775807',
          iomBaseUrl: 'https://iom.example.com///',
          services: [
            service(),
            {
              type: 'order-export',
              endpoint: 'https://iom.example.com/rest/order-service',
              username: 'u',
              active: false,
              trustedCertificateSha256: 'AB:'.repeat(31) + 'AB',
              settings: { exportTrigger: 'scheduled', scheduleIntervalMinutes: 15 },
            },
          ],
        }),
      ],
    });
    expect(problems).toEqual([]);
    const [c] = document?.channels ?? [];
    expect(c?.iomShopId).toBe(9223372036854775807n);
    expect(c?.iomBaseUrl).toBe('https://iom.example.com');
    expect(c?.description).toBeNull();
    expect(c?.services[0]).toEqual({
      type: 'inventory',
      name: null,
      endpoint: 'https://iom.example.com/servlets/services/',
      username: 'consumer_ws',
      active: true,
      timeoutMs: 30_000,
      trustedCertificateSha256: null,
      settings: {
        globalCache: true,
        availabilityCheckOnFailure: true,
        reservationType: 'COMPLETE',
        reservationLifetimeSeconds: 600,
      },
    });
    expect(c?.services[0]).not.toHaveProperty('password');
    expect(c?.services[1]?.trustedCertificateSha256).toBe('ab'.repeat(32));
    expect(c?.services[1]?.settings).toEqual({
      exportTrigger: 'scheduled',
      scheduleIntervalMinutes: 15,
      maxAttempts: 8,
      retryInitialDelaySeconds: 30,
      escalationThreshold: 5,
    });
  });

  it('drops the schedule interval unless the export is scheduled, as the service form does', () => {
    const { document } = checkDocument({
      channels: [
        channel({ services: [service({ type: 'order-export', settings: { scheduleIntervalMinutes: 15 } })] }),
      ],
    });
    expect(document?.channels[0]?.services[0]?.settings).not.toHaveProperty('scheduleIntervalMinutes');
  });

  it('refuses an unknown key at every depth, naming its path', () => {
    const problems = problemsOf({
      groups: [],
      channels: [
        channel({
          colour: 'blue',
          services: [service({ retries: 3, settings: { globalCache: true, cacheTtl: 5 } })],
        }),
      ],
    });
    expect(paths(problems).sort()).toEqual([
      'channels[0].colour',
      'channels[0].services[0].retries',
      'channels[0].services[0].settings.cacheTtl',
      'groups',
    ]);
    expect(problems.find((p) => p.path === 'channels[0].colour')?.message).toContain(
      'a channel takes: id, name',
    );
    expect(problems.find((p) => p.path === 'channels[0].services[0].retries')?.message).toContain(
      'a service takes: type',
    );
  });

  it('refuses an invalid value at its path', () => {
    const problems = problemsOf({
      channels: [
        channel(),
        channel({
          id: 'b2b',
          iomShopId: -1,
          services: [
            service({ endpoint: 'ftp://iom', timeoutMs: 0, settings: { reservationLifetimeSeconds: 0 } }),
          ],
        }),
      ],
    });
    expect(problems).toEqual([
      { path: 'channels[1].iomShopId', message: expect.stringContaining('cannot be negative') as string },
      {
        path: 'channels[1].services[0].endpoint',
        message: expect.stringContaining('http:// or https://') as string,
      },
      { path: 'channels[1].services[0].timeoutMs', message: 'The timeout must be at least 1 ms.' },
      {
        path: 'channels[1].services[0].settings.reservationLifetimeSeconds',
        message: 'The reservation lifetime must be at least 1 seconds.',
      },
    ]);
  });

  it('says which key is missing, and refuses an unknown service type', () => {
    const problems = problemsOf({
      channels: [
        channel({
          name: undefined,
          services: [{ type: 'inventory', endpoint: 'https://x.example' }, { type: 'fax' }],
        }),
      ],
    });
    expect(problems).toEqual([
      { path: 'channels[0].name', message: 'Missing: Enter a name.' },
      { path: 'channels[0].services[0].username', message: 'Missing: this key is required.' },
      { path: 'channels[0].services[0].active', message: expect.stringMatching(/^Missing: /) as string },
      {
        path: 'channels[0].services[1].type',
        message: expect.stringContaining('choose one of order-export') as string,
      },
    ]);
  });

  it('refuses settings of another type by name', () => {
    const problems = problemsOf({
      channels: [channel({ services: [service({ settings: { exportTrigger: 'manual' } })] })],
    });
    expect(problems).toEqual([
      {
        path: 'channels[0].services[0].settings.exportTrigger',
        message: expect.stringMatching(
          /^exportTrigger is not a setting of inventory; its settings are: globalCache, availabilityCheckOnFailure/,
        ) as string,
      },
    ]);
    expect(
      problemsOf({
        channels: [channel({ services: [service({ type: 'rma', settings: { cacheTtlSeconds: 5 } })] })],
      }),
    ).toEqual([
      {
        path: 'channels[0].services[0].settings.cacheTtlSeconds',
        message: 'cacheTtlSeconds is not a setting of rma; its settings are: none.',
      },
    ]);
  });

  it('refuses a file of the earlier shape (cacheTtlSeconds on inventory) with the path and the new key', () => {
    const problems = problemsOf({
      organizations: [
        {
          id: 'inspired',
          name: 'inSPIRED',
          services: [service({ sharing: 'shared-active', settings: { cacheTtlSeconds: 0 } })],
        },
      ],
      channels: [
        channel({ services: [service({ settings: { cacheTtlSeconds: 5, reservationType: 'PARTLY' } })] }),
      ],
    });
    expect(problems).toEqual([
      {
        path: 'organizations[0].services[0].settings.cacheTtlSeconds',
        message:
          'cacheTtlSeconds is no longer a setting of inventory: use globalCache (true or false: ICM caches IOM’s responses for 5 seconds; its page has no setting for the time). Here that is globalCache: false.',
      },
      {
        path: 'channels[0].services[0].settings.cacheTtlSeconds',
        message:
          'cacheTtlSeconds is no longer a setting of inventory: use globalCache (true or false: ICM caches IOM’s responses for 5 seconds; its page has no setting for the time). Here that is globalCache: true.',
      },
    ]);
    // The same file with the new key is valid.
    expect(
      problemsOf({
        channels: [
          channel({ services: [service({ settings: { globalCache: true, reservationType: 'PARTLY' } })] }),
        ],
      }),
    ).toEqual([]);
  });

  it('takes the OrderMessageQueue checkboxes of the SOAP Order service, and only booleans', () => {
    const soapOrder = (settings: Record<string, unknown>) =>
      service({ type: 'order', endpoint: 'https://iom.example.com/webservices/OrderService/v1.2', settings });
    const { document } = checkDocument({
      channels: [channel({ services: [soapOrder({ enableOrderMessageQueue: true })] })],
    });
    expect(document?.channels[0]?.services[0]?.settings).toEqual({
      enableOrderMessageQueue: true,
      deleteNonErrorRecords: false,
      logRequestMessagesOnError: false,
    });
    expect(
      problemsOf({ channels: [channel({ services: [soapOrder({ deleteNonErrorRecords: 'yes' })] })] }),
    ).toEqual([
      {
        path: 'channels[0].services[0].settings.deleteNonErrorRecords',
        message: 'Delete non-error records is a checkbox: true or false.',
      },
    ]);
  });

  it('checks rules across settings (a scheduled export needs an interval)', () => {
    const problems = problemsOf({
      channels: [
        channel({ services: [service({ type: 'order-export', settings: { exportTrigger: 'scheduled' } })] }),
      ],
    });
    expect(paths(problems)).toEqual(['channels[0].services[0].settings.scheduleIntervalMinutes']);
  });

  it('refuses a channel id that appears twice, and two services of one type in a channel', () => {
    const problems = problemsOf({
      channels: [
        channel({ services: [service(), service({ username: 'other' })] }),
        channel({ id: ' inspired-b2c ', services: [] }),
        channel({ id: 'b2b', services: [service()] }),
      ],
    });
    expect(problems).toEqual([
      {
        path: 'channels[0].services[1].type',
        message: expect.stringContaining('second inventory service') as string,
      },
      { path: 'channels[1].id', message: expect.stringContaining('inspired-b2c appears twice') as string },
    ]);
  });

  it('reports every problem of a file at once, duplicates beside invalid values', () => {
    const problems = problemsOf({
      channels: [channel({ name: '' }), channel({ services: [service({ active: 'yes' })] })],
    });
    expect(paths(problems).sort()).toEqual([
      'channels[0].name',
      'channels[1].id',
      'channels[1].services[0].active',
    ]);
  });

  it('refuses a file without channels, or one that is not a map', () => {
    expect(paths(problemsOf({}))).toEqual(['channels']);
    expect(paths(problemsOf(null))).toEqual(['(file)']);
    expect(paths(problemsOf({ channels: 'x' }))).toEqual(['channels']);
  });
});

describe('provisioning file text', () => {
  it('parses YAML and JSON, keeping shop IDs beyond 2^53 exact', () => {
    const yaml = parseProvisioningText(
      'channels:\n  - id: a\n    iomShopId: 9007199254740993\n    timeoutMs: 5\n',
    );
    expect(yaml).toEqual({ channels: [{ id: 'a', iomShopId: 9007199254740993n, timeoutMs: 5 }] });
    const json = parseProvisioningText(
      '{"channels": [{"id": "a", "iomShopId": 9223372036854775807}]}',
      'p.json',
    );
    expect(json).toEqual({ channels: [{ id: 'a', iomShopId: 9223372036854775807n }] });
  });

  it('reports a YAML syntax error with its line number', () => {
    const text = 'channels:\n  - id: a\n    name: a: b\n    iomShopId: 1\n';
    let error: unknown;
    try {
      parseProvisioningText(text, 'p.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProvisioningError);
    const [problem] = (error as ProvisioningError).problems;
    expect(problem?.path).toBe('line 3, column 11');
    expect(problem?.message).toBe('YAML syntax error: Nested mappings are not allowed in compact mappings');
  });

  it('reports a duplicate key and a JSON syntax error with line numbers', () => {
    expect(() => parseProvisioningText('channels: []\nchannels: []\n')).toThrow(
      /line 2, column 1: YAML syntax error: Map keys must be unique/,
    );
    expect(() => parseProvisioningText('{\n  "channels": [\n    {"id": "a",,}\n  ]\n}', 'p.json')).toThrow(
      /line 3, column \d+: JSON syntax error/,
    );
  });

  it('validates interpolated values, and blames a missing variable rather than the value it leaves', () => {
    const raw = parseProvisioningText(
      [
        'channels:',
        '  - id: inspired-b2c',
        '    name: B2C',
        '    iomShopId: ${SHOP_ID}',
        '    iomShopName: inTRONICS',
        '    iomBaseUrl: ${IOM_URL}',
        '    services: []',
      ].join('\n'),
    );
    expect(
      prepareDocument(raw, { SHOP_ID: '10000', IOM_URL: 'https://iom.example.com/' }).channels[0],
    ).toMatchObject({
      iomShopId: 10000n,
      iomBaseUrl: 'https://iom.example.com',
    });
    expect(() => prepareDocument(raw, { SHOP_ID: 'ten' })).toThrow(ProvisioningError);
    try {
      prepareDocument(raw, { SHOP_ID: 'ten' });
    } catch (error) {
      expect((error as ProvisioningError).problems).toEqual([
        { path: 'channels[0].iomBaseUrl', message: '${IOM_URL} is not set in the environment' },
        { path: 'channels[0].iomShopId', message: expect.stringContaining('digits only') as string },
      ]);
    }
  });

  it('refuses text PostgreSQL cannot store at every path it appears, from the file or a variable', () => {
    const raw = parseProvisioningText(
      [
        'channels:',
        '  - id: "inspired\\0b2c"',
        '    name: "B2C\\ud800"',
        '    iomShopId: 10000',
        '    iomShopName: ${SHOP_NAME}',
        '    services: []',
      ].join('\n'),
    );
    let problems: Problem[] = [];
    try {
      prepareDocument(raw, { SHOP_NAME: 'in\u0000TRONICS' });
    } catch (error) {
      problems = (error as ProvisioningError).problems;
    }
    const nul = expect.stringContaining('NUL character') as string;
    expect(problems).toEqual([
      { path: 'channels[0].id', message: nul },
      { path: 'channels[0].iomShopName', message: nul },
      { path: 'channels[0].name', message: expect.stringContaining('unpaired UTF-16 surrogate') as string },
    ]);
  });
});
