/** Wakes the exporters of this process at once when work became due here (intake, a run, an approval). */
const listeners = new Set<() => void>();

export function onExportsDue(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function wakeExporters(): void {
  for (const listener of listeners) listener();
}

/** A sleep that `poke()` cuts short: the worker waits for work, a free slot or its stop. */
export class Waker {
  private wake: (() => void) | null = null;

  poke(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.poke(), ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** Whether `work` settles within `ms` (it keeps running either way). */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]);
  clearTimeout(timer);
  return settled;
}
