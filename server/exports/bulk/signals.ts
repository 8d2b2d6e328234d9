/** Wakes this process's bulk retry runners when a job starts or is cancelled here. */
const listeners = new Set<() => void>();

export function onBulkJobsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function wakeBulkRunners(): void {
  for (const listener of listeners) listener();
}
