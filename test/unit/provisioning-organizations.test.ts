import { describe, expect, it } from 'vitest';
import type { Problem } from '../../server/provisioning/errors.ts';
import { checkDocument } from '../../server/provisioning/format.ts';
import { SHARING_RULES } from '../../shared/sharing/effective.ts';

const service = (type: string, extra: Record<string, unknown> = {}) => ({
  type,
  endpoint: `https://iom.example.com/${type}`,
  username: 'consumer_ws',
  active: true,
  ...extra,
});

const organization = (extra: Record<string, unknown> = {}) => ({
  id: 'inspired',
  name: 'inSPIRED',
  services: [
    service('order-export', { sharing: 'shared-inactive' }),
    service('order-history', { sharing: 'shared-active' }),
    service('rma', { sharing: 'shared-mandatory' }),
    service('inventory', { sharing: 'unshared' }),
  ],
  ...extra,
});

const channel = (extra: Record<string, unknown> = {}) => ({
  id: 'inspired-b2c',
  name: 'inSPIRED B2C',
  iomShopId: 10000,
  iomShopName: 'inTRONICS',
  organization: 'inspired',
  ...extra,
});

const problemsOf = (raw: unknown) => checkDocument(raw).problems;
const paths = (problems: Problem[]) => problems.map((p) => p.path);

describe('provisioning file: organizations', () => {
  it('normalises organizations, their sharing rules, channels’ organizations and switches', () => {
    const { document, problems } = checkDocument({
      organizations: [organization({ description: '  ' })],
      channels: [
        channel({ activations: { 'order-history': false, 'order-export': true } }),
        channel({ id: 'loose', organization: undefined }),
      ],
    });
    expect(problems).toEqual([]);
    const [org] = document?.organizations ?? [];
    expect(org).toMatchObject({ id: 'inspired', name: 'inSPIRED', description: null });
    expect(org?.services.map((s) => [s.type, s.sharing])).toEqual([
      ['order-export', 'shared-inactive'],
      ['order-history', 'shared-active'],
      ['rma', 'shared-mandatory'],
      ['inventory', 'unshared'],
    ]);
    expect(org?.services[0]?.settings).toMatchObject({ exportTrigger: 'on-order-creation' });
    const [b2c, loose] = document?.channels ?? [];
    expect(b2c?.organization).toBe('inspired');
    // In the catalogue's order.
    expect(b2c?.activations).toEqual([
      { type: 'order-export', active: true },
      { type: 'order-history', active: false },
    ]);
    expect(loose).toMatchObject({ organization: 'default', activations: [], services: [] });
  });

  it('accepts a file with organizations only beside an empty channel list, and every sharing rule', () => {
    for (const sharing of SHARING_RULES) {
      expect(
        problemsOf({
          organizations: [{ id: 'o', name: 'O', services: [service('rma', { sharing })] }],
          channels: [],
        }),
      ).toEqual([]);
    }
  });

  it('refuses unknown keys under an organization and its services, naming what each takes', () => {
    const problems = problemsOf({
      organizations: [
        organization({
          colour: 'blue',
          services: [
            service('rma', { sharing: 'unshared', channelId: 'x', settings: { cacheTtlSeconds: 5 } }),
          ],
        }),
      ],
      channels: [channel({ organizationId: 'inspired' })],
    });
    expect(problems).toEqual([
      {
        path: 'organizations[0].services[0].settings.cacheTtlSeconds',
        message: 'cacheTtlSeconds is not a setting of rma; its settings are: none.',
      },
      {
        path: 'organizations[0].services[0].channelId',
        message: expect.stringContaining("an organization's service takes: type, sharing, name") as string,
      },
      {
        path: 'organizations[0].colour',
        message: 'Unknown key; an organization takes: id, name, description, services.',
      },
      {
        path: 'channels[0].organizationId',
        message: expect.stringContaining('organization, services, activations') as string,
      },
    ]);
    expect(problemsOf({ teams: [], channels: [] })).toEqual([
      { path: 'teams', message: 'Unknown key; the file takes: organizations, channels.' },
    ]);
  });

  it('refuses a bad or missing sharing rule, and sharing on a channel’s own service', () => {
    const problems = problemsOf({
      organizations: [
        organization({
          services: [service('rma', { sharing: 'shared' }), service('order-export')],
        }),
      ],
      channels: [channel({ services: [service('inventory', { sharing: 'shared-active' })] })],
    });
    expect(problems).toEqual([
      {
        path: 'organizations[0].services[0].sharing',
        message: 'Choose a sharing rule: unshared, shared-active, shared-inactive, shared-mandatory.',
      },
      {
        path: 'organizations[0].services[1].sharing',
        message:
          'Missing: Choose a sharing rule: unshared, shared-active, shared-inactive, shared-mandatory.',
      },
      {
        path: 'channels[0].services[0].sharing',
        message: expect.stringContaining('a service takes: type, name') as string,
      },
    ]);
  });

  it('refuses a switch for a type the organization does not share as shared-active or shared-inactive', () => {
    const problems = problemsOf({
      organizations: [organization()],
      channels: [
        channel({
          activations: {
            'order-export': true,
            'order-history': false,
            rma: false,
            inventory: true,
            order: true,
          },
        }),
      ],
    });
    expect(problems).toEqual([
      {
        path: 'channels[0].activations.inventory',
        message: expect.stringContaining('does not share its inventory (unshared)') as string,
      },
      {
        path: 'channels[0].activations.rma',
        message: expect.stringContaining('shares its rma as shared-mandatory') as string,
      },
    ]);
    // `order` is not declared in the file: whether the organization has one is for the database to say.
    expect(paths(problems)).not.toContain('channels[0].activations.order');
  });

  it('refuses a switch of an unknown type or with a value other than true or false', () => {
    const problems = problemsOf({
      organizations: [organization()],
      channels: [
        channel({ activations: { fax: true, 'order-export': 'yes' } }),
        channel({ id: 'b', activations: [] }),
      ],
    });
    expect(problems).toEqual([
      {
        path: 'channels[0].activations.order-export',
        message: expect.stringContaining('An activation is true') as string,
      },
      {
        path: 'channels[0].activations.fax',
        message: expect.stringMatching(
          /^fax is not a service type; activations take service types: order-export/,
        ) as string,
      },
      { path: 'channels[1].activations', message: expect.stringContaining('activations is a map') as string },
    ]);
  });

  it('refuses a channel’s own service of a type its organization shares as shared-mandatory', () => {
    const problems = problemsOf({
      organizations: [organization()],
      channels: [channel({ services: [service('order-export'), service('rma', { active: false })] })],
    });
    expect(problems).toEqual([
      {
        path: 'channels[0].services[1].type',
        message: expect.stringContaining(
          'shares its rma as shared-mandatory: a channel can neither deactivate nor replace it',
        ) as string,
      },
    ]);
    // In another organization, the same channel may have its own.
    expect(
      problemsOf({
        organizations: [organization()],
        channels: [channel({ organization: 'other', services: [service('rma')] })],
      }),
    ).toEqual([]);
  });

  it('refuses an organization id that appears twice, and two services of one type in an organization', () => {
    const problems = problemsOf({
      organizations: [
        organization({
          services: [service('rma', { sharing: 'unshared' }), service('rma', { sharing: 'shared-active' })],
        }),
        organization({ id: ' inspired ', services: [] }),
        { id: 'bad id!', name: 'x' },
      ],
      channels: [],
    });
    expect(problems).toEqual([
      {
        path: 'organizations[2].id',
        message: expect.stringContaining('An organization id is 1–100') as string,
      },
      {
        path: 'organizations[0].services[1].type',
        message: expect.stringContaining('organization inspired has a second rma service') as string,
      },
      {
        path: 'organizations[1].id',
        message: expect.stringContaining('organization inspired appears twice') as string,
      },
    ]);
  });

  it('refuses organizations that are not a list of maps', () => {
    expect(paths(problemsOf({ organizations: {}, channels: [] }))).toEqual(['organizations']);
    expect(paths(problemsOf({ organizations: ['x'], channels: [] }))).toEqual(['organizations[0]']);
  });
});
