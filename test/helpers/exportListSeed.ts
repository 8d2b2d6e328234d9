import { sql } from 'drizzle-orm';
import { orderExports } from '../../drizzle/schema/index.ts';
import type { Db } from '../../server/db/client.ts';
import type { ExportOutcome, ExportState } from '../../shared/exports.ts';
import { ensureChannels } from './app.ts';

/** One seeded export as the list's tests know it; `createdAt` keeps the microseconds the database stores. */
export interface SeededExport {
  id: string;
  channelId: string;
  shopOrderNumber: string;
  state: ExportState;
  outcome: ExportOutcome | null;
  attempts: number;
  lastIomErrorCode: string | null;
  lastErrorMessage: string | null;
  createdAt: string;
  ownerEmail: string | null;
}

const PLAN: [ExportState, ExportOutcome | null, string | null][] = [
  ['exported', 'created', null],
  ['exported', 'duplicate', null],
  ['failed', 'validation_error', 'INVALID_ADDRESS'],
  ['failed', 'validation_error', 'UNKNOWN_PRODUCT'],
  ['escalated', 'technical_error', 'SERVICE_UNAVAILABLE'],
  ['pending', 'technical_error', null],
  ['pending', null, null],
  ['held', null, null],
  ['exported', 'created', null],
  ['resolved', 'validation_error', 'INVALID_ADDRESS'],
  ['in_progress', null, null],
  ['waiting_for_configuration', null, null],
];

/** Order numbers whose prefixes hold LIKE's wildcards, to prove they match literally. */
const SPECIAL_NUMBERS = ['AB%1', 'ABx1', 'A_B', 'AxB', 'A\\C', 'A\\\\C'];

/**
 * Exports over three channels with every state, outcome class and a few IOM codes; timestamps repeat (ties broken
 * by id) and differ by microseconds only, so keyset paging is tested where a millisecond Date would fail.
 */
export async function seedExports(db: Db, count = 60): Promise<SeededExport[]> {
  const channelIds = ['b2c', 'b2b', 'outlet'];
  await ensureChannels(db, channelIds);
  const seeded: SeededExport[] = [];
  for (let i = 0; i < count; i += 1) {
    const [state, outcome, code] = PLAN[i % PLAN.length] as (typeof PLAN)[number];
    const minute = Math.floor(i / 3); // three exports per instant at most: ties
    const micros = i % 3 === 2 ? '000001' : '000000'; // and two that differ by one microsecond only
    const createdAt = `2026-03-01T${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.${micros}Z`;
    const lastErrorMessage =
      outcome === 'validation_error'
        ? `IOM refused the order (422):\n  ${code}: the address is incomplete.\n${'detail '.repeat(60)}`
        : outcome === 'technical_error'
          ? 'IOM did not answer within 5 s'
          : null;
    seeded.push({
      id: '',
      channelId: channelIds[Math.floor(i / 4) % channelIds.length] as string,
      shopOrderNumber: SPECIAL_NUMBERS[i] ?? `ORD-${String(1000 + i)}`,
      state,
      outcome,
      attempts: outcome === null ? 0 : 1 + (i % 4),
      lastIomErrorCode: code,
      lastErrorMessage,
      createdAt,
      ownerEmail: state === 'escalated' ? 'support@example.com' : null,
    });
  }
  const rows = await db
    .insert(orderExports)
    .values(
      seeded.map((s) => ({
        channelId: s.channelId,
        shopOrderNumber: s.shopOrderNumber,
        payload: { shopOrderNumber: s.shopOrderNumber },
        payloadHash: `hash-${s.shopOrderNumber}`,
        state: s.state,
        outcome: s.outcome,
        attempts: s.attempts,
        lastIomErrorCode: s.lastIomErrorCode,
        lastErrorMessage: s.lastErrorMessage,
        lastErrorClass: s.outcome === 'technical_error' ? 'timeout' : s.outcome ? 'rejected' : null,
        ownerEmail: s.ownerEmail,
        createdAt: sql`${s.createdAt}::timestamptz`,
        updatedAt: sql`${s.createdAt}::timestamptz`,
      })),
    )
    .returning({ id: orderExports.id, shopOrderNumber: orderExports.shopOrderNumber });
  const ids = new Map(rows.map((r) => [r.shopOrderNumber, r.id]));
  return seeded.map((s) => ({ ...s, id: ids.get(s.shopOrderNumber) as string }));
}

/** The list's order in JavaScript: the sort key, then the id (PostgreSQL compares uuids as their hex text). */
export function expectedOrder(
  rows: SeededExport[],
  sort: 'createdAt' | 'attempts',
  order: 'ASC' | 'DESC',
): string[] {
  const sign = order === 'ASC' ? 1 : -1;
  const compare = <T>(x: T, y: T) => (x < y ? -1 : x > y ? 1 : 0);
  const key = (r: SeededExport) => (sort === 'attempts' ? r.attempts : r.createdAt);
  return [...rows].sort((a, b) => sign * (compare(key(a), key(b)) || compare(a.id, b.id))).map((r) => r.id);
}
