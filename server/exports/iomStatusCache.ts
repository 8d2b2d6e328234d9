/** One IOM state as read, kept until `expiresAt` (ms since the epoch). */
export interface CachedIomState {
  iomState: string;
  fetchedAt: Date;
  expiresAt: number;
}

/**
 * IOM states read through an order-history configuration, per process: bounded (least recently used entries
 * go first) and each entry only as long as the configuration's cache TTL. The key names the configuration
 * and its version, so a changed configuration never answers from what the old one read.
 */
export class IomStateCache {
  private readonly entries = new Map<string, CachedIomState>();

  constructor(readonly maxEntries = 10_000) {}

  static key(input: {
    configId: string;
    configVersion: number;
    shopId: bigint | number;
    shopOrderNumber: string;
  }): string {
    return JSON.stringify([input.configId, input.configVersion, String(input.shopId), input.shopOrderNumber]);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry while it is fresh (and marks it recently used); an expired one is dropped. */
  get(key: string, nowMs: number): CachedIomState | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= nowMs) return undefined;
    this.entries.set(key, entry);
    return entry;
  }

  /** Keeps a state for `ttlSeconds`; 0 keeps nothing. */
  set(key: string, iomState: string, fetchedAt: Date, ttlSeconds: number): void {
    if (!(ttlSeconds > 0)) return;
    this.entries.delete(key);
    this.entries.set(key, { iomState, fetchedAt, expiresAt: fetchedAt.getTime() + ttlSeconds * 1000 });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
