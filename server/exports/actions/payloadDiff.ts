import type { FieldChange } from '../../../shared/schemas/audit.ts';

/** More changes than this and the audit entry keeps the whole payloads instead (a rewrite, not an edit). */
export const MAX_PAYLOAD_CHANGES = 100;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function walk(path: string, before: unknown, after: unknown, out: FieldChange[]): void {
  if (same(before, after)) return;
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) walk(`${path}.${key}`, before[key], after[key], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((item, i) => walk(`${path}.${i}`, item, after[i], out));
    return;
  }
  // A field that is new or gone shows as null on the missing side, like the rest of the audit log.
  out.push({ field: path, from: before ?? null, to: after ?? null });
}

/**
 * The audit log's record of a payload edit: one change per field path (`payload.customerData.email`), so a
 * reviewer sees exactly what support altered; a wholesale rewrite is kept as the old and the new payload. Pure.
 */
export function payloadChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  walk('payload', before, after, changes);
  if (changes.length > MAX_PAYLOAD_CHANGES) return [{ field: 'payload', from: before, to: after }];
  return changes;
}
