import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check values for a zod 4 schema, for fuzzing: mostly values of the schema's shape (often valid, often
 * just outside a bound), now and then something of the wrong shape altogether. Reads zod's public `_zod.def`.
 */
type Def = {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  [key: string]: unknown;
};

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Strings that find edge cases: empty, blank, long, odd characters, injections, look-alikes. */
const TRICKY_STRINGS = [
  '',
  ' ',
  'a',
  '0',
  '-1',
  'null',
  'true',
  'x'.repeat(300),
  'ü'.repeat(40),
  '\u0000',
  'a\ud800b',
  '\n\t',
  "'; drop table users; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00%2e%2e',
  '${IOM_PASSWORD}',
  '00000000-0000-0000-0000-000000000000',
  'admin@example.com',
  'inspired-b2c',
  'http://169.254.169.254/latest/meta-data',
  '9223372036854775808',
  '😀',
];

const anyJson = fc.jsonValue({ maxDepth: 2 });

interface Options {
  /** Chance (0–1) of a wrong-shaped value at each node. */
  wrong: number;
}

function checksOf(def: Def): Record<string, unknown>[] {
  return (def.checks ?? []).map((c) => c._zod.def);
}

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const min = Number(checks.find((c) => c.check === 'min_length')?.minimum ?? 0);
  const max = Number(checks.find((c) => c.check === 'max_length')?.maximum ?? 60);
  const length = checks.find((c) => c.check === 'length_equals')?.length;
  const pattern = checks.find((c) => c.format === 'regex')?.pattern;
  const format = def.format as string | undefined;
  const shaped: fc.Arbitrary<string>[] = [
    fc.string({ minLength: Math.max(0, min - 1), maxLength: Math.min(max + 2, 400) }),
    fc.constantFrom(...TRICKY_STRINGS),
  ];
  if (typeof length === 'number') shaped.push(fc.string({ minLength: length, maxLength: length }));
  if (format === 'uuid' || format === 'guid') shaped.push(fc.uuid());
  if (format === 'email') shaped.push(fc.emailAddress());
  if (format === 'url') shaped.push(fc.webUrl());
  if (format === 'datetime') shaped.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
  if (pattern instanceof RegExp && !pattern.flags.includes('g'))
    shaped.push(fc.stringMatching(pattern).filter((s) => s.length <= Math.max(max, 1) + 2));
  return fc.oneof(...shaped);
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  const checks = checksOf(def);
  const low = checks.find((c) => c.check === 'greater_than')?.value;
  const high = checks.find((c) => c.check === 'less_than')?.value;
  const lo = typeof low === 'number' ? low : -1000;
  const hi = typeof high === 'number' ? high : 1_000_000;
  return fc.oneof(
    fc.integer({
      min: Math.max(Math.floor(lo) - 1, -2_147_483_648),
      max: Math.min(Math.ceil(hi) + 1, 2_147_483_647),
    }),
    fc.constantFrom(0, -1, 1, 1.5, 2 ** 31, -(2 ** 53), Number.MAX_SAFE_INTEGER + 2),
  );
}

/** An arbitrary for the schema; `options.wrong` mixes in values of another shape. */
export function arbitraryOf(schema: unknown, options: Options = { wrong: 0.1 }): fc.Arbitrary<unknown> {
  const shaped = shapedArbitrary(schema, options);
  if (options.wrong <= 0) return shaped;
  const weight = Math.max(1, Math.round(options.wrong * 100));
  return fc.oneof({ arbitrary: shaped, weight: 100 - weight }, { arbitrary: anyJson, weight });
}

function shapedArbitrary(schema: unknown, options: Options): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (key: string) => arbitraryOf(def[key], options);
  switch (def.type) {
    case 'string':
      return stringArbitrary(def);
    case 'number':
    case 'int':
      return numberArbitrary(def);
    case 'bigint':
      return fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n });
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.oneof(fc.date(), fc.constantFrom('2026-11-22T10:00:00Z', 'yesterday', '', 0));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.oneof(
        { arbitrary: fc.constantFrom(...Object.values(def.entries as Record<string, unknown>)), weight: 8 },
        { arbitrary: fc.constantFrom('', 'ADMIN', 'unknown'), weight: 1 },
      );
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.oneof(fc.constant(undefined), inner('innerType'));
    case 'nullable':
      return fc.oneof(fc.constant(null), inner('innerType'));
    case 'readonly':
    case 'catch':
    case 'nonoptional':
    case 'success':
      return inner('innerType');
    case 'pipe':
      return inner('in');
    case 'transform':
      return anyJson;
    case 'lazy':
      return fc.constant(undefined);
    case 'array':
    case 'set': {
      const checks = checksOf(def);
      const max = Number(checks.find((c) => c.check === 'max_length')?.maximum ?? 5);
      return fc.array(inner(def.type === 'array' ? 'element' : 'valueType'), {
        maxLength: Math.min(max + 1, 8),
      });
    }
    case 'tuple':
      return fc.tuple(...(def.items as unknown[]).map((item) => arbitraryOf(item, options)));
    case 'union':
    case 'discriminatedUnion':
      return fc.oneof(...(def.options as unknown[]).map((o) => arbitraryOf(o, options)));
    case 'intersection':
      return fc
        .tuple(inner('left'), inner('right'))
        .map(([a, b]) => (a && b && typeof a === 'object' && typeof b === 'object' ? { ...a, ...b } : a));
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 12 }), inner('valueType'), { maxKeys: 4 });
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const keys = Object.keys(shape);
      const record = fc.record(Object.fromEntries(keys.map((k) => [k, arbitraryOf(shape[k], options)])), {
        requiredKeys: [],
      });
      // Now and then a key the schema does not know.
      return fc.oneof(
        { arbitrary: record, weight: 9 },
        { arbitrary: record.map((r) => ({ ...r, unexpectedKey: 1 })), weight: 1 },
      );
    }
    default:
      return anyJson;
  }
}

/** The input schema of a tRPC procedure (the last `.input()`), or undefined for procedures without one. */
export function inputSchemaOf(procedure: unknown): z.ZodType | undefined {
  const inputs = (procedure as { _def: { inputs?: unknown[] } })._def.inputs ?? [];
  return inputs.at(-1) as z.ZodType | undefined;
}

/** Values that stand in for a field when one is mutated: wrong types, edge values, injections. */
const REPLACEMENTS: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...TRICKY_STRINGS),
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 31, -(2 ** 53), Number.MAX_SAFE_INTEGER + 2, [], {}),
  anyJson,
);

type Path = (string | number)[];

/** Every path to a value inside a plain JSON-like value, the root included. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...at, i])));
  if (value !== null && typeof value === 'object' && !(value instanceof Date))
    return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...at, k])));
  return here;
}

function edit(value: unknown, path: Path, change: (old: unknown) => unknown): unknown {
  if (path.length === 0) return change(value);
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(value)) {
    const copy: unknown[] = [...(value as unknown[])];
    const next = edit(copy[head as number], rest, change);
    if (next === REMOVE) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  const next = edit(copy[head], rest, change);
  if (next === REMOVE) delete copy[head];
  else copy[head] = next;
  return copy;
}
const REMOVE = Symbol('remove');

/**
 * "Mostly valid" inputs: a valid sample with exactly one thing changed — a value replaced, removed, or
 * given an unknown sibling key — so that validation passes everywhere else and deeper code is reached.
 */
export function mutationsOf(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return valid.chain((sample) => {
    const paths = pathsOf(sample);
    return fc
      .tuple(fc.constantFrom(...paths), fc.constantFrom('replace', 'remove', 'addKey'), REPLACEMENTS)
      .map(([path, how, replacement]) => {
        if (how === 'remove' && path.length > 0) return edit(sample, path, () => REMOVE);
        if (how === 'addKey')
          return edit(sample, path, (old) =>
            old !== null && typeof old === 'object' && !Array.isArray(old)
              ? { ...old, unexpectedKey: replacement }
              : replacement,
          );
        return edit(sample, path, () => replacement);
      });
  });
}

/**
 * Values of the schema's shape that the schema accepts (filtered): the valid half of a "mostly valid" run.
 * Returns null when the generator rarely hits a valid value, so callers can fall back to plain generation.
 */
export function validArbitraryOf(schema: z.ZodType): fc.Arbitrary<unknown> | null {
  const shaped = arbitraryOf(schema, { wrong: 0 });
  const samples = fc.sample(shaped, { numRuns: 60, seed: 42 });
  if (!samples.some((s) => schema.safeParse(s).success)) return null;
  return shaped.filter((s) => schema.safeParse(s).success);
}
