import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../env.ts';

const VERSION = 'v1';

/** Encrypts service credentials at rest. Only code that talks to IOM calls `decrypt`. */
export interface SecretBox {
  /** `context` binds the ciphertext to its row, so a value copied to another row does not decrypt. */
  encrypt(plain: string, context: string): string;
  decrypt(stored: string, context: string): string;
}

/**
 * A stored credential that this server's key does not open: the key is not the one it was saved with, or the
 * value was copied from another database or row. A configuration problem of the server, not of the caller.
 */
export class UndecryptableSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndecryptableSecretError';
  }
}

/** AES-256-GCM with a random 96-bit nonce per value; stored as `v1:` + base64(nonce | tag | ciphertext). */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes.');
  return {
    encrypt(plain, context) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(stored, context) {
      const [version, payload] = stored.split(':', 2);
      if (version !== VERSION || !payload)
        throw new UndecryptableSecretError(
          'A stored credential is not in a format this Switchboard knows: type the password again.',
        );
      const raw = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      try {
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        throw new UndecryptableSecretError(
          'A stored credential cannot be decrypted: SWITCHBOARD_SECRET_KEY (or the key file) is not the key it was saved with.',
        );
      }
    },
  };
}

export const KEY_FILE = 'secret.key';

/**
 * The key from SWITCHBOARD_SECRET_KEY, or else from `DATA_DIR/secret.key`, created on first start with mode 0600.
 * Several instances must share one key: give them the same SWITCHBOARD_SECRET_KEY.
 */
export function loadSecretKey(env: Pick<Env, 'SWITCHBOARD_SECRET_KEY' | 'DATA_DIR'>): {
  key: Buffer;
  source: string;
} {
  if (env.SWITCHBOARD_SECRET_KEY)
    return { key: Buffer.from(env.SWITCHBOARD_SECRET_KEY, 'base64'), source: 'SWITCHBOARD_SECRET_KEY' };
  const file = path.resolve(env.DATA_DIR, KEY_FILE);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32)
    throw new Error(
      `${file} does not hold a 32-byte base64 key; restore it from a backup or remove it (stored credentials are then lost).`,
    );
  return { key, source: file };
}
