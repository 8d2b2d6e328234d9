import { eq } from 'drizzle-orm';
import { auditEvents } from '../../drizzle/schema/index.ts';
import type { Db } from '../../server/db/client.ts';
import type { NegotiationInput } from '../../shared/schemas/sequence.ts';
import { signedInAs } from './app.ts';

/** The worked example of the IOM Connector guide as a negotiation's input. */
export const example = (overrides: Partial<NegotiationInput> = {}): NegotiationInput => ({
  title: 'Go-live with IOM',
  icmStartsWith: '51',
  icmBlockSize: '10',
  parties: [{ kind: 'iom', name: 'IOM', largest: '20160128017063' }],
  ...overrides,
});

/** Two admins: one proposes, the other approves. */
export async function twoAdmins(db: Db) {
  const alice = await signedInAs(db, 'admin', { email: 'alice@example.com' });
  const bob = await signedInAs(db, 'admin', { email: 'bob@example.com' });
  return { alice, bob };
}

/** A negotiation's audit entries as "action by who", oldest first. */
export const trailOf = async (db: Db, id: string) =>
  (await db.select().from(auditEvents).where(eq(auditEvents.targetId, id)).orderBy(auditEvents.id)).map(
    (e) => `${e.action} by ${e.actorEmail}`,
  );
