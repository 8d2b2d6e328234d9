import { DomainError } from '../errors.ts';

/** One thing wrong with a provisioning file, at the key (or line) it concerns. */
export interface Problem {
  /** `channels[1].services[0].settings.cacheTtlSeconds`, `line 3, column 9`, or `(file)` for the whole file. */
  path: string;
  message: string;
}

export const formatProblem = (p: Problem) => `${p.path}: ${p.message}`;

/** `['channels', 1, 'services', 0, 'password']` → `channels[1].services[0].password`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || '(file)';
}

/**
 * Everything wrong with a provisioning file or its application; nothing was applied. The message has one
 * problem per line, each starting with its path.
 */
export class ProvisioningError extends DomainError {
  constructor(readonly problems: Problem[]) {
    super(
      'BAD_REQUEST',
      problems.map(formatProblem).join('\n'),
      Object.fromEntries(problems.map((p) => [p.path, p.message])),
    );
    this.name = 'ProvisioningError';
  }
}

/** Throws the collected problems, if there are any. */
export function throwIfProblems(problems: Problem[]): void {
  if (problems.length) throw new ProvisioningError(problems);
}
