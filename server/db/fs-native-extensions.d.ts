// The part of fs-native-extensions (holepunchto; no types of its own) that dataDirLock.ts uses.
declare module 'fs-native-extensions' {
  /** An exclusive lock on the whole file (open for writing); false when another descriptor holds one. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
  export function unlock(fd: number): void;
}
