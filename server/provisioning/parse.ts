import { parseDocument } from 'yaml';
import { throwIfProblems, type Problem } from './errors.ts';

/** Integers from the file arrive as bigint (shop IDs stay exact); those a number holds exactly become numbers. */
function narrowIntegers(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value;
  }
  if (Array.isArray(value)) return value.map(narrowIntegers);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, narrowIntegers(v)]));
  }
  return value;
}

/** Whether the text is JSON, by the file's extension or else by its first character. */
export function looksLikeJson(text: string, filename?: string): boolean {
  if (filename) {
    if (/\.json$/i.test(filename)) return true;
    if (/\.ya?ml$/i.test(filename)) return false;
  }
  return /^\s*[{[]/.test(text);
}

/**
 * A provisioning file's text (YAML, or JSON, which YAML 1.2 contains) → its plain value. Syntax errors, duplicate
 * keys included, are problems at `line L, column C`. Integers beyond 2^53 stay exact as bigint.
 */
export function parseProvisioningText(text: string, filename?: string): unknown {
  const format = looksLikeJson(text, filename) ? 'JSON' : 'YAML';
  const doc = parseDocument(text, { intAsBigInt: true, merge: true, prettyErrors: true, uniqueKeys: true });
  const problems: Problem[] = doc.errors.map((error) => {
    const at = error.linePos?.[0];
    const message = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message;
    return {
      path: at ? `line ${at.line}, column ${at.col}` : '(file)',
      message: `${format} syntax error: ${message}`,
    };
  });
  throwIfProblems(problems);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    // Aliases are resolved only here: one without its anchor, or so many that they look like an attack.
    throwIfProblems([{ path: '(file)', message: `${format} error: ${(error as Error).message}` }]);
  }
  return narrowIntegers(value);
}
