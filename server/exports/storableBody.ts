import { unstorableReason } from '../db/storableText.ts';
import type { FieldProblem } from './validate.ts';

/**
 * How deep an order may nest; an IOM Order 2.x body needs fewer than ten levels. The intake and support's
 * payload edit hold to the same limit, so an edit cannot store what the intake would have refused.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Why a parsed order cannot be stored as it is, naming where, or null: nesting beyond MAX_JSON_DEPTH (hashing,
 * diffing and PostgreSQL's jsonb would all give up on it), or a string or key with a NUL character or an
 * unpaired UTF-16 surrogate ("\ud800"), both of which jsonb refuses. `name` is the field the order is known by
 * (`payload` for an edit); without it, it is the intake's body. Walks iteratively, so the depth it checks
 * cannot overflow the stack itself.
 */
export function unstorableBody(root: unknown, name?: string): FieldProblem | null {
  const top = name ?? '';
  const label = (at: string) => at || 'The body';
  const stack: [unknown, number, string][] = [[root, 0, top]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [value, depth, at] = next;
    if (typeof value === 'string') {
      const reason = unstorableReason(value);
      if (reason) return { field: at || '(body)', message: `${label(at)}: ${reason}` };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH)
      return name
        ? {
            field: name,
            message: `${name}: nests deeper than ${MAX_JSON_DEPTH} levels, the most the intake takes.`,
          }
        : { field: '(body)', message: `The body nests deeper than ${MAX_JSON_DEPTH} levels.` };
    for (const [key, child] of Object.entries(value)) {
      const path = depth === 0 && !name ? key : Array.isArray(value) ? `${at}[${key}]` : `${at}.${key}`;
      const keyReason = unstorableReason(key);
      if (keyReason) return { field: path, message: `The key ${JSON.stringify(path)}: ${keyReason}` };
      stack.push([child, depth + 1, path]);
    }
  }
  return null;
}
