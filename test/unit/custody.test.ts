import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../server/auth/sessions.ts';
import { custodyVerdict, DIFFERENT_HOST, NOT_EDITABLE } from '../../server/secrets/custody.ts';
import { sameEndpointOrigin } from '../../shared/endpointOrigin.ts';
import type { ServiceRow } from '../../server/services/queries.ts';

describe('the stored endpoint a secret belongs to', () => {
  it.each([
    ['https://iom.example.com/rest/a', 'https://iom.example.com:443/rest/b'],
    ['http://iom.example.com/rest', 'http://iom.example.com:80'],
    ['https://IOM.Example.COM/rest', 'https://iom.example.com/other'],
    ['http://10.0.0.5:8080/x', 'http://10.0.0.5:8080/y?z=1'],
    ['https://[::1]:8443/a', 'https://[0:0:0:0:0:0:0:1]:8443/b'],
  ])('%s and %s are the same scheme, host and port', (a, b) => {
    expect(sameEndpointOrigin(a, b)).toBe(true);
  });

  it.each([
    ['https://iom.example.com', 'http://iom.example.com'],
    ['https://iom.example.com', 'https://iom.example.com:8443'],
    ['http://iom.example.com', 'http://iom.example.com:443'],
    ['https://iom.example.com', 'https://iom.example.com.evil.test'],
    ['https://iom.example.com', 'https://evil.test/iom.example.com'],
    ['http://127.0.0.1:80', 'http://localhost:80'],
    ['https://iom.example.com', 'not a url'],
    ['ftp://iom.example.com', 'ftp://iom.example.com'],
  ])('%s and %s are not', (a, b) => {
    expect(sameEndpointOrigin(a, b)).toBe(false);
  });
});

const user = (role: SessionUser['role'], channels: string[] = []): SessionUser => ({
  id: '00000000-0000-4000-8000-000000000001',
  email: `${role}@example.com`,
  name: role,
  role,
  channels,
  mustChangePassword: false,
});

const config = (owner: Partial<ServiceRow>): ServiceRow =>
  ({
    id: '00000000-0000-4000-8000-000000000002',
    channelId: null,
    organizationId: null,
    sharingRule: null,
    endpoint: 'https://iom.example.com/rest/order-service',
    ...owner,
  }) as ServiceRow;

const typed = (endpoint: string) => ({ kind: 'typed-endpoint' as const, endpoint });
const own = config({ channelId: 'b2c' });
const unshared = config({ organizationId: 'inspired', sharingRule: 'unshared' });
const shared = config({ organizationId: 'inspired', sharingRule: 'shared-active' });
const b2c = { kind: 'stored-endpoint' as const, channel: { id: 'b2c', organizationId: 'inspired' } };

describe('custody of a stored secret', () => {
  it('goes to a typed endpoint only at the stored origin, for someone who may change the configuration', () => {
    const cm = user('channel_manager', ['b2c']);
    expect(custodyVerdict(cm, own, typed('https://iom.example.com:443/x'))).toEqual({ release: true });
    expect(custodyVerdict(cm, own, typed('https://attacker.test/rest'))).toEqual({
      release: false,
      reason: DIFFERENT_HOST,
    });
    expect(custodyVerdict(cm, shared, typed(shared.endpoint))).toEqual({
      release: false,
      reason: NOT_EDITABLE,
    });
    expect(custodyVerdict(user('channel_manager', ['b2b']), own, typed(own.endpoint)).release).toBe(false);
    expect(custodyVerdict(user('support'), own, typed(own.endpoint)).release).toBe(false);
    expect(custodyVerdict(user('admin'), unshared, typed(unshared.endpoint))).toEqual({ release: true });
    expect(custodyVerdict(user('admin'), unshared, typed('https://elsewhere.test')).release).toBe(false);
  });

  it('goes to the stored endpoint for a channel in scope that uses the configuration', () => {
    const cm = user('channel_manager', ['b2c']);
    expect(custodyVerdict(cm, own, b2c)).toEqual({ release: true });
    expect(custodyVerdict(cm, shared, b2c)).toEqual({ release: true });
    expect(custodyVerdict(user('support'), shared, b2c)).toEqual({ release: true });
    expect(custodyVerdict(cm, unshared, b2c).release).toBe(false);
    expect(custodyVerdict(user('admin'), unshared, b2c)).toEqual({ release: true });
    expect(custodyVerdict(user('channel_manager', ['b2b']), own, b2c).release).toBe(false);
    const elsewhere = { kind: 'stored-endpoint' as const, channel: { id: 'b2c', organizationId: 'other' } };
    expect(custodyVerdict(user('admin'), shared, elsewhere).release).toBe(false);
  });
});
