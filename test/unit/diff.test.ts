import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffFields, SECRET_CHANGED } from '../../shared/diff.ts';

const record = fc.dictionary(
  fc.constantFrom('email', 'name', 'role', 'channels', 'password', 'disabled'),
  fc.oneof(
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.constant(null),
  ),
);

describe('field-level diff', () => {
  it('lists only changed fields, sorted', () => {
    expect(diffFields({ a: 1, b: 'x', c: [1] }, { c: [1, 2], a: 1, b: 'y' })).toEqual([
      { field: 'b', from: 'x', to: 'y' },
      { field: 'c', from: [1], to: [1, 2] },
    ]);
  });

  it('treats a missing "after" field as untouched and a new record as from null', () => {
    expect(diffFields({ a: 1 }, { a: undefined })).toEqual([]);
    expect(diffFields(null, { a: 1 })).toEqual([{ field: 'a', from: null, to: 1 }]);
  });

  it('never carries a secret value, for any input', () => {
    fc.assert(
      fc.property(fc.option(record, { nil: null }), record, (before, after) => {
        const changes = diffFields(before, after, ['password']);
        const secrets = [before?.password, after.password].filter(
          (v) => typeof v === 'string' && v.length > 3,
        );
        for (const change of changes.filter((c) => c.field === 'password')) {
          expect(change.to).toBe(SECRET_CHANGED);
          expect([null, SECRET_CHANGED]).toContain(change.from);
        }
        const text = JSON.stringify(changes.filter((c) => c.field === 'password'));
        for (const s of secrets) expect(text).not.toContain(JSON.stringify(s));
      }),
    );
  });

  it('is empty exactly when nothing in "after" differs from "before"', () => {
    fc.assert(
      fc.property(record, (before) => {
        expect(diffFields(before, { ...before })).toEqual([]);
      }),
    );
  });
});
