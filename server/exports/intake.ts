import { and, eq } from 'drizzle-orm';
import { exportEvents, orderExports } from '../../drizzle/schema/exports.ts';
import type { Db, Tx } from '../db/client.ts';
import { exportSettingsFor } from './config.ts';
import { place } from './trigger.ts';
import { payloadHash, validateOrderBody, type FieldProblem } from './validate.ts';
import { exportView, type ExportRow, type ExportView } from './views.ts';

export type IntakeResult =
  | { kind: 'accepted'; export: ExportView }
  | { kind: 'existing'; export: ExportView }
  | { kind: 'conflict'; export: ExportView; reason: string }
  | { kind: 'invalid'; problems: FieldProblem[] };

async function findExport(db: Db | Tx, channelId: string, shopOrderNumber: string, lock = false) {
  const query = db
    .select()
    .from(orderExports)
    .where(and(eq(orderExports.channelId, channelId), eq(orderExports.shopOrderNumber, shopOrderNumber)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

function repeated(row: ExportRow, hash: string): IntakeResult {
  if (row.payloadHash === hash) return { kind: 'existing', export: exportView(row) };
  return {
    kind: 'conflict',
    export: exportView(row),
    reason: `Order ${row.shopOrderNumber} was received for channel ${row.channelId} on ${row.createdAt.toISOString()} with a different body. An order is taken once and never replaced through the intake; send a new shop order number, or ask support to correct the stored order.`,
  };
}

/**
 * Takes an order for export: validates what IOM requires, then stores the order and its export state in one
 * transaction, placed by the channel's effective trigger. Idempotent per channel and shop order number: the
 * same body again answers with the existing export, another body is a conflict; nothing stored changes.
 */
export async function intakeOrder(
  db: Db,
  input: { channelId: string; body: unknown; now?: Date },
): Promise<IntakeResult> {
  const problems = validateOrderBody(input.body);
  if (problems.length > 0) return { kind: 'invalid', problems };
  const body = input.body as Record<string, unknown>;
  const shopOrderNumber = body.shopOrderNumber as string;
  const hash = payloadHash(body);
  const now = input.now ?? new Date();

  const settings = await exportSettingsFor(db, input.channelId);
  const placement = place(settings, { holdReason: null, releaseAt: null, approvedAt: null }, now);
  // One statement, so one transaction: the order and its export state land together or not at all.
  const [inserted] = await db
    .insert(orderExports)
    .values({
      channelId: input.channelId,
      shopOrderNumber,
      payload: body,
      payloadHash: hash,
      ...placement,
      nextCause: 'initial',
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: [orderExports.channelId, orderExports.shopOrderNumber] })
    .returning();
  if (inserted) return { kind: 'accepted', export: exportView(inserted) };
  // Taken before (or by a concurrent request a moment ago, whose row is committed and visible now).
  const row = await findExport(db, input.channelId, shopOrderNumber);
  if (!row) throw new Error('order export vanished after a conflicting insert');
  return repeated(row, hash);
}

/** Records the approval of an order; one held for approval becomes due at once. Null when unknown. */
export async function approveOrder(
  db: Db,
  input: { channelId: string; shopOrderNumber: string; now?: Date },
): Promise<ExportView | null> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const row = await findExport(tx, input.channelId, input.shopOrderNumber, true);
    if (!row) return null;
    if (row.approvedAt) return exportView(row);
    let changes: Partial<ExportRow> = { approvedAt: now, updatedAt: now };
    if (row.state === 'held' || row.state === 'waiting_for_configuration') {
      const settings = await exportSettingsFor(tx, row.channelId);
      changes = { ...changes, ...place(settings, { ...row, approvedAt: now }, now) };
    }
    const [updated] = await tx
      .update(orderExports)
      .set(changes)
      .where(eq(orderExports.id, row.id))
      .returning();
    // The timeline shows the approval (ICM's, so no person is named).
    await tx.insert(exportEvents).values({
      exportId: row.id,
      at: now,
      kind: 'approved',
      fromState: row.state,
      toState: updated?.state ?? row.state,
      message: 'Approved by ICM through the intake API.',
    });
    return exportView(updated ?? row);
  });
}

export async function getExportView(
  db: Db,
  channelId: string,
  shopOrderNumber: string,
): Promise<ExportView | null> {
  const row = await findExport(db, channelId, shopOrderNumber);
  return row ? exportView(row) : null;
}
