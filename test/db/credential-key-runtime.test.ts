import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../server/secrets/secretBox.ts';
import { callerFor, signedInAs } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { rejection } from '../helpers/errors.ts';
import { useSimulator } from '../helpers/simulator.ts';

const sim = useSimulator();
let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());
beforeEach(() => tdb.reset());

describe('a stored credential the server key does not open, at run time', () => {
  it('answers a connectivity test with what is wrong, not an internal error', async () => {
    const admin = await signedInAs(tdb.db, 'admin');
    await admin.caller.channels.create({
      id: 'b2c',
      name: 'B2C',
      iomShopId: '10000',
      iomShopName: 'inTRONICS',
      iomBaseUrl: sim().url,
    });
    const { service } = await admin.caller.services.create({
      channelId: 'b2c',
      type: 'order-export',
      username: 'consumer_ws',
      password: 'consumer_ws',
      active: true,
    });
    const withOtherKey = callerFor(tdb.db, admin.user, {
      sessionToken: admin.token,
      secrets: createSecretBox(randomBytes(32)),
    });
    const error = await rejection(withOtherKey.probes.testSaved({ configId: service.id }));
    expect(error.code).toBe('PRECONDITION_FAILED');
    expect(error.message).toMatch(/cannot be decrypted: SWITCHBOARD_SECRET_KEY \(or the key file\)/);
  });
});
