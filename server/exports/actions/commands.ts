import { exportEvents, orderExports } from '../../../drizzle/schema/index.ts';
import { eq } from 'drizzle-orm';
import type { SessionUser } from '../../auth/sessions.ts';
import { recordAudit, type Actor } from '../../audit/record.ts';
import { inScope } from '../../channels/scope.ts';
import type { Db } from '../../db/client.ts';
import { DomainError, invalid } from '../../errors.ts';
import { getExport, missingExport } from '../queries.ts';
import { wakeExporters } from '../signals.ts';
import { unstorableBody } from '../storableBody.ts';
import { payloadHash } from '../validate.ts';
import type { ExportDetail } from '../views.ts';
import { ownerFor } from './owners.ts';
import { asPlainJson, problemsOfEditedPayload } from './payload.ts';
import { payloadChanges } from './payloadDiff.ts';
import { transition } from './transition.ts';
import { nextUpdatedAt, retrySet } from './version.ts';

export interface ActionContext {
  db: Db;
  user: SessionUser;
  ip?: string | null;
  /** The time the action happens at (tests use the exporter's clock). */
  now?: Date;
}

const actorOf = (c: ActionContext): Actor => ({ id: c.user.id, email: c.user.email, ip: c.ip ?? null });

const stateChange = (from: string, to: string) => ({ field: 'state', from, to });

/** Retry now: due at once with a fresh allowance of automatic attempts; the exporters are woken. */
export async function retryExport(
  c: ActionContext,
  input: { id: string; version: string },
): Promise<ExportDetail> {
  const now = c.now ?? new Date();
  await transition(c.db, {
    action: 'retry',
    ...input,
    user: c.user,
    actor: actorOf(c),
    now,
    set: () => retrySet(now, 'manual'),
    event: (row) => ({
      kind: 'retried',
      message: row.state === 'held' ? 'Sent now instead of waiting for its trigger.' : 'Retried now.',
    }),
    audit: (row) => ({ action: 'export.retry', changes: [stateChange(row.state, 'pending')] }),
  });
  wakeExporters();
  return getExport(c.db, c.user, input.id);
}

/**
 * Replaces the order that is sent to IOM (validated as the intake validates; the shop order number stays),
 * then retries it unless `retry` is false. The audit entry keeps every changed field, old and new.
 */
export async function editExportPayload(
  c: ActionContext & { maxPayloadBytes: number },
  input: { id: string; version: string; payload: Record<string, unknown>; retry: boolean },
): Promise<ExportDetail> {
  const now = c.now ?? new Date();
  const payload = asPlainJson(input.payload);
  if (!payload) throw invalid('payload', 'payload: must be plain JSON — an IOM Order 2.x order.');
  // Before hashing and diffing, which recurse: what the intake would refuse is not stored by an edit either.
  const unstorable = unstorableBody(payload, 'payload');
  if (unstorable) throw invalid(unstorable.field, unstorable.message);
  const hash = payloadHash(payload);
  await transition(c.db, {
    action: 'editPayload',
    id: input.id,
    version: input.version,
    user: c.user,
    actor: actorOf(c),
    now,
    check: (row) => {
      const problems = problemsOfEditedPayload(payload, row.shopOrderNumber, c.maxPayloadBytes);
      if (problems.length > 0)
        throw new DomainError(
          'BAD_REQUEST',
          `The edited order cannot be sent: ${problems.map((p) => p.message).join('; ')}`,
          Object.fromEntries(problems.map((p) => [p.field, p.message])),
        );
      if (row.payloadHash === hash)
        throw invalid(
          'payload',
          input.retry
            ? 'payload: unchanged — use Retry to send the order as it is.'
            : 'payload: unchanged — there is nothing to save.',
        );
    },
    set: () => ({
      payload,
      payloadHash: hash,
      ...(input.retry ? retrySet(now, 'manual') : { updatedAt: nextUpdatedAt(now) }),
    }),
    event: (row) => {
      const fields = payloadChanges(row.payload, payload).map((ch) => ch.field);
      return {
        kind: 'payload_edited',
        message: input.retry ? 'Payload edited and retried.' : 'Payload edited.',
        details: { fields: fields.slice(0, 50), previousHash: row.payloadHash, hash, retried: input.retry },
      };
    },
    audit: (row) => ({
      action: 'export.edit_payload',
      changes: [
        ...payloadChanges(row.payload, payload),
        ...(input.retry ? [stateChange(row.state, 'pending')] : []),
      ],
    }),
  });
  if (input.retry) wakeExporters();
  return getExport(c.db, c.user, input.id);
}

/** Closes an export without IOM creating it, with the reason; the exporter never takes it again. */
export async function resolveExport(
  c: ActionContext,
  input: { id: string; version: string; reason: string },
): Promise<ExportDetail> {
  const now = c.now ?? new Date();
  await transition(c.db, {
    action: 'resolve',
    ...input,
    user: c.user,
    actor: actorOf(c),
    now,
    set: () => ({
      state: 'resolved',
      nextAttemptAt: null,
      resolvedAt: now,
      resolvedBy: c.user.email,
      resolution: input.reason,
      updatedAt: nextUpdatedAt(now),
    }),
    event: () => ({ kind: 'resolved', message: input.reason }),
    audit: (row) => ({
      action: 'export.resolve',
      changes: [stateChange(row.state, 'resolved'), { field: 'resolution', from: null, to: input.reason }],
    }),
  });
  return getExport(c.db, c.user, input.id);
}

/**
 * Hands an export to a person. Its next automatic attempt, if any, stays where it was: the exporter takes
 * escalated exports like pending ones (claim.ts) and keeps them escalated through their remaining retries
 * (decide.ts), so escalating only adds attention, it never stops or hurries the exporter.
 */
export async function escalateExport(
  c: ActionContext,
  input: { id: string; version: string; reason?: string | undefined },
): Promise<ExportDetail> {
  const now = c.now ?? new Date();
  const reason = input.reason?.trim() || null;
  await transition(c.db, {
    action: 'escalate',
    ...input,
    user: c.user,
    actor: actorOf(c),
    now,
    set: () => ({ state: 'escalated', escalatedAt: now, updatedAt: nextUpdatedAt(now) }),
    event: () => ({ kind: 'escalated', message: reason }),
    audit: (row) => ({
      action: 'export.escalate',
      changes: [
        stateChange(row.state, 'escalated'),
        ...(reason ? [{ field: 'reason', from: null, to: reason }] : []),
      ],
    }),
  });
  return getExport(c.db, c.user, input.id);
}

/** Takes an escalation on: the owner (the caller unless named) and the time; the export stays escalated. */
export async function acknowledgeExport(
  c: ActionContext,
  input: { id: string; version: string; ownerId?: string | undefined },
): Promise<ExportDetail> {
  const now = c.now ?? new Date();
  const owner = await ownerFor(c.db, input.ownerId ?? c.user.id);
  await transition(c.db, {
    action: 'acknowledge',
    id: input.id,
    version: input.version,
    user: c.user,
    actor: actorOf(c),
    now,
    set: () => ({
      ownerId: owner.id,
      ownerEmail: owner.email,
      acknowledgedAt: now,
      updatedAt: nextUpdatedAt(now),
    }),
    event: () => ({
      kind: 'acknowledged',
      message: owner.id === c.user.id ? `Taken on by ${owner.email}.` : `Handed to ${owner.email}.`,
      details: { ownerId: owner.id, ownerEmail: owner.email },
    }),
    audit: (row) => ({
      action: 'export.acknowledge',
      changes: [{ field: 'owner', from: row.ownerEmail, to: owner.email }],
    }),
  });
  return getExport(c.db, c.user, input.id);
}

/** A note on the timeline; it changes nothing else, so it needs no version. */
export async function addExportNote(c: ActionContext, input: { exportId: string; text: string }) {
  const now = c.now ?? new Date();
  const actor = actorOf(c);
  return c.db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: orderExports.id,
        channelId: orderExports.channelId,
        state: orderExports.state,
        label: orderExports.shopOrderNumber,
      })
      .from(orderExports)
      .where(eq(orderExports.id, input.exportId));
    if (!row || !inScope(c.user, row.channelId)) throw missingExport();
    const [event] = await tx
      .insert(exportEvents)
      .values({
        exportId: row.id,
        at: now,
        kind: 'note',
        actorId: actor.id,
        actorEmail: actor.email,
        fromState: row.state,
        toState: row.state,
        message: input.text,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'export.note',
      targetType: 'order_export',
      targetId: row.id,
      targetLabel: row.label,
      channelId: row.channelId,
      changes: [{ field: 'note', from: null, to: input.text }],
    });
    if (!event) throw new Error('note not stored');
    return {
      id: event.id,
      kind: event.kind,
      at: event.at,
      actorEmail: event.actorEmail,
      fromState: event.fromState,
      toState: event.toState,
      message: event.message,
      details: event.details,
    };
  });
}
