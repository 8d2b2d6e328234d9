import { formatPath, type Problem } from './errors.ts';

export type EnvMap = Readonly<Record<string, string | undefined>>;

/** `${NAME}`, or `$${NAME}` (an escaped, literal `${NAME}`). */
const REFERENCE = /(\$?)\$\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function interpolateString(text: string, env: EnvMap, path: string, problems: Problem[]): string {
  return text.replace(REFERENCE, (whole, escape: string, name: string) => {
    if (escape) return whole.slice(1);
    if (!NAME.test(name)) {
      problems.push({
        path,
        message: `${whole} is not a variable reference: names are letters, digits and _ (write $${whole} for a literal ${whole}).`,
      });
      return whole;
    }
    const value = env[name];
    if (value === undefined) {
      problems.push({ path, message: `${whole} is not set in the environment` });
      return whole;
    }
    return value;
  });
}

/**
 * Replaces `${ENV_NAME}` in every string value (not in keys) of a parsed provisioning file with the variable's
 * value from `env`; `$${X}` stands for a literal `${X}`. Every missing variable is a problem naming the key's
 * path and the variable. Values from the environment stay strings.
 */
export function interpolate(document: unknown, env: EnvMap): { value: unknown; problems: Problem[] } {
  const problems: Problem[] = [];
  const walk = (value: unknown, path: PropertyKey[]): unknown => {
    if (typeof value === 'string') return interpolateString(value, env, formatPath(path), problems);
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k])]));
    }
    return value;
  };
  const value = walk(document, []);
  return { value, problems };
}

/** The inverse for writing a file: a value that holds `${X}` is written `$${X}`, so applying it gives the value back. */
export const escapeReferences = (text: string) =>
  text.replace(/\$\{[^}]*\}/g, (reference) => `$${reference}`);
