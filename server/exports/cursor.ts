import { z } from 'zod';
import type { ExportListInput } from '../../shared/schemas/exports.ts';
import { invalid } from '../errors.ts';

type Sort = ExportListInput['sort'];
type Order = ExportListInput['order'];

/**
 * Where a page of the exports list ends: the sort key and id of its last row. `createdAt` travels as the database's
 * own text with microseconds (a JavaScript Date keeps milliseconds only, and two exports may share one).
 */
export interface ExportCursor {
  sort: Sort;
  order: Order;
  /** `createdAt`: an ISO instant with microseconds; `attempts`: the count. */
  value: string | number;
  id: string;
}

const MICRO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

const cursorSchema = z.discriminatedUnion('s', [
  z.object({
    s: z.literal('createdAt'),
    o: z.enum(['ASC', 'DESC']),
    v: z
      .string()
      .regex(MICRO_INSTANT)
      .refine((v) => !Number.isNaN(Date.parse(v))),
    i: z.uuid(),
  }),
  z.object({
    s: z.literal('attempts'),
    o: z.enum(['ASC', 'DESC']),
    v: z.number().int().min(0).max(2_147_483_647),
    i: z.uuid(),
  }),
]);

export function encodeCursor(cursor: ExportCursor): string {
  const body = { s: cursor.sort, o: cursor.order, v: cursor.value, i: cursor.id };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

const BAD_CURSOR =
  'after: this page cursor is not valid (it was changed, or it belongs to another list). Start again from the first page.';

/**
 * The cursor a client sent back, checked: it must decode, have the shape we write, and belong to the same sort and
 * order as the request (a cursor of another sort would skip or repeat rows). Anything else is a BAD_REQUEST on `after`.
 */
export function decodeCursor(text: string, expected: { sort: Sort; order: Order }): ExportCursor {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid('after', BAD_CURSOR);
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success || result.data.s !== expected.sort || result.data.o !== expected.order)
    throw invalid('after', BAD_CURSOR);
  const { s, o, v, i } = result.data;
  return { sort: s, order: o, value: v, id: i };
}
