import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSecretBox, KEY_FILE, loadSecretKey } from '../../server/secrets/secretBox.ts';

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips any text and never stores it readable', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (plain) => {
        const stored = box.encrypt(plain, 'ctx');
        expect(stored.startsWith('v1:')).toBe(true);
        if (plain.length > 3) expect(stored).not.toContain(plain);
        expect(box.decrypt(stored, 'ctx')).toBe(plain);
      }),
    );
  });

  it('uses a fresh nonce for every value', () => {
    expect(box.encrypt('same', 'ctx')).not.toBe(box.encrypt('same', 'ctx'));
  });

  it('refuses a value moved to another row, tampered with, or read with another key', () => {
    const stored = box.encrypt('secret', 'service-config:a');
    expect(() => box.decrypt(stored, 'service-config:b')).toThrow(/cannot be decrypted/);
    const raw = Buffer.from(stored.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => box.decrypt(`v1:${raw.toString('base64')}`, 'service-config:a')).toThrow();
    expect(() => createSecretBox(randomBytes(32)).decrypt(stored, 'service-config:a')).toThrow(
      /SWITCHBOARD_SECRET_KEY/,
    );
  });

  it('creates a 0600 key file on first use and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-key-'));
    const first = loadSecretKey({ DATA_DIR: dir, SWITCHBOARD_SECRET_KEY: undefined });
    const second = loadSecretKey({ DATA_DIR: dir, SWITCHBOARD_SECRET_KEY: undefined });
    expect(first.key.equals(second.key)).toBe(true);
    expect(first.key).toHaveLength(32);
    const file = path.join(dir, KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.key.toString('base64'));
  });

  it('prefers SWITCHBOARD_SECRET_KEY', () => {
    const key = randomBytes(32);
    expect(
      loadSecretKey({ DATA_DIR: '/nonexistent', SWITCHBOARD_SECRET_KEY: key.toString('base64') }).key.equals(
        key,
      ),
    ).toBe(true);
  });
});
