import { and, eq } from 'drizzle-orm';
import { exportEvents, orderExports } from '../../drizzle/schema/exports.ts';
import type { Db } from '../db/client.ts';

/**
 * Why an export waits when its configuration's stored password cannot be decrypted: the key is wrong or the
 * value was copied from another database. That is not the order's fault, so the export is held — no attempt
 * is spent and nothing is sent — until the key is fixed (any restart re-checks) or the password is saved again.
 */
export function credentialHoldMessage(configId: string, cause: string): string {
  return (
    `Held, not failed: the stored IOM password of order-export configuration ${configId} cannot be decrypted ` +
    `(${cause}). Fix SWITCHBOARD_SECRET_KEY (or the key file in DATA_DIR) and restart, or type the password ` +
    'again in the service form; the export then runs by itself.'
  );
}

/** Parks a claimed export this worker holds (see credentialHoldMessage), with one timeline event. */
export async function holdForCredentials(
  db: Db,
  input: { exportId: string; worker: string; now: Date; message: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [held] = await tx
      .update(orderExports)
      .set({
        state: 'held',
        holdReason: 'credentials',
        releaseAt: null,
        nextAttemptAt: null,
        leaseOwner: null,
        leaseExpiresAt: null,
        updatedAt: input.now,
      })
      .where(and(eq(orderExports.id, input.exportId), eq(orderExports.leaseOwner, input.worker)))
      .returning({ id: orderExports.id });
    if (!held) return;
    await tx.insert(exportEvents).values({
      exportId: input.exportId,
      at: input.now,
      kind: 'held',
      fromState: 'in_progress',
      toState: 'held',
      message: input.message,
    });
  });
}

/**
 * Makes every export held for credentials due again: run when an exporter starts, since a restart is what a
 * corrected key takes. One that still cannot be decrypted is held again.
 */
export async function releaseCredentialHolds(db: Db, now: Date): Promise<number> {
  const rows = await db
    .update(orderExports)
    .set({ state: 'pending', holdReason: null, releaseAt: null, nextAttemptAt: now, updatedAt: now })
    .where(and(eq(orderExports.state, 'held'), eq(orderExports.holdReason, 'credentials')))
    .returning({ id: orderExports.id });
  return rows.length;
}
