import { validateOrderBody, type FieldProblem } from '../validate.ts';

/**
 * What an edited payload must satisfy: exactly what the intake requires (so IOM gets nothing the intake would
 * have refused), the same shop order number (the export's identity, in IOM and in Switchboard), and the
 * intake's size limit. Each problem names its path under `payload.` so it lands next to the editor. Pure.
 */
export function problemsOfEditedPayload(
  payload: Record<string, unknown>,
  shopOrderNumber: string,
  maxBytes: number,
): FieldProblem[] {
  const size = Buffer.byteLength(JSON.stringify(payload), 'utf8');
  if (size > maxBytes)
    return [{ field: 'payload', message: `payload: ${size} bytes; the intake takes at most ${maxBytes}.` }];
  const problems = validateOrderBody(payload).map(({ field, message }) =>
    field === '(body)'
      ? { field: 'payload', message: `payload: ${message.replace(/^\(body\): /, '')}` }
      : { field: `payload.${field}`, message: `payload.${message}` },
  );
  if (problems.length === 0 && payload.shopOrderNumber !== shopOrderNumber)
    problems.push({
      field: 'payload.shopOrderNumber',
      message: `payload.shopOrderNumber: must stay ${shopOrderNumber} — the order number is this export's identity in IOM; a different order needs a new post from ICM.`,
    });
  return problems;
}

/**
 * The payload as the JSON it will be stored and sent as; null when it is not plain JSON (a BigInt, a cycle),
 * which only a hand-made request can send.
 */
export function asPlainJson(payload: Record<string, unknown>): Record<string, unknown> | null {
  try {
    const json = JSON.parse(JSON.stringify(payload)) as unknown;
    return json !== null && typeof json === 'object' && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
