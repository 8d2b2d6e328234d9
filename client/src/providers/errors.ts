import { TRPCClientError } from '@trpc/client';
import { HttpError } from 'react-admin';

interface ErrorData {
  httpStatus?: number;
  code?: string;
  fieldErrors?: Record<string, string> | null;
}

/** "settings.cacheTtl" → { settings: { cacheTtl } }: react-admin matches errors to the form's shape. */
function nest(flat: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(flat)) {
    const keys = path.split('.');
    let node = root;
    keys.slice(0, -1).forEach((key) => {
      node[key] = typeof node[key] === 'object' && node[key] !== null ? node[key] : {};
      node = node[key] as Record<string, unknown>;
    });
    node[keys[keys.length - 1] ?? '_'] = message;
  }
  return root;
}

/** Turns a tRPC error into react-admin's HttpError, with field messages placed next to their inputs. */
export function toHttpError(error: unknown): unknown {
  if (!(error instanceof TRPCClientError)) return error;
  const data = (error.data ?? {}) as ErrorData;
  const status = data.httpStatus ?? 500;
  const errors = data.fieldErrors ? nest(data.fieldErrors) : undefined;
  return new HttpError(
    error.message,
    status,
    errors ? { errors: { ...errors, root: { serverError: error.message } } } : {},
  );
}

export async function mapErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toHttpError(error);
  }
}
