import type { FieldChange } from './schemas/audit.ts';

/** What the audit log shows instead of a secret's value. */
export const SECRET_CHANGED = '(changed)';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Field-level difference between two versions of a record, for the audit log.
 * Only fields present in `after` are compared (a partial update names what it touched).
 * Secret fields never carry their values: a change shows as "(changed)" on both sides.
 */
export function diffFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  secretFields: readonly string[] = [],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after).sort()) {
    const to = after[field];
    if (to === undefined) continue;
    const from = before ? before[field] : undefined;
    if (before && same(from, to)) continue;
    if (secretFields.includes(field)) {
      changes.push({ field, from: before ? SECRET_CHANGED : null, to: SECRET_CHANGED });
    } else {
      changes.push({ field, from: from ?? null, to });
    }
  }
  return changes;
}
