import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

export type FieldErrors = Record<string, string>;

/**
 * An error a person can act on. Domain code throws these; the tRPC layer maps them to a status in one
 * place, and the REST layer does the same. `fieldErrors` puts messages next to the form's fields.
 */
export class DomainError extends Error {
  constructor(
    readonly code: Extract<
      TRPC_ERROR_CODE_KEY,
      'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHORIZED' | 'TOO_MANY_REQUESTS'
    >,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (field: string, message: string) =>
  new DomainError('BAD_REQUEST', message, { [field]: message });
export const notFound = (message: string) => new DomainError('NOT_FOUND', message);
export const conflict = (message: string, fieldErrors?: FieldErrors) =>
  new DomainError('CONFLICT', message, fieldErrors);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
