import { describe, expect, it } from 'vitest';
import { canAccessResource, isAllowed } from '../../shared/access.ts';
import { channelIdSchema, emailSchema, newPasswordSchema } from '../../shared/schemas/common.ts';
import { userCreateSchema, userUpdateSchema } from '../../shared/schemas/users.ts';

describe('user input schemas', () => {
  it('normalises emails and refuses malformed ones', () => {
    expect(emailSchema.parse('  Anna@Example.COM ')).toBe('anna@example.com');
    for (const bad of [
      '',
      'anna',
      'anna@',
      '@example.com',
      'a b@example.com',
      `${'a'.repeat(250)}@example.com`,
    ]) {
      expect(emailSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('needs passwords of 12 to 256 characters', () => {
    expect(newPasswordSchema.safeParse('x'.repeat(11)).success).toBe(false);
    expect(newPasswordSchema.safeParse('x'.repeat(12)).success).toBe(true);
    expect(newPasswordSchema.safeParse('x'.repeat(256)).success).toBe(true);
    expect(newPasswordSchema.safeParse('x'.repeat(257)).success).toBe(false);
  });

  it('accepts ICM-style channel ids only', () => {
    for (const ok of ['inSPIRED-inTRONICS-Site', 'b2c', 'a.b_c-1'])
      expect(channelIdSchema.safeParse(ok).success).toBe(true);
    for (const bad of ['', '-x', 'a b', 'ä', 'x'.repeat(101), '../etc'])
      expect(channelIdSchema.safeParse(bad).success).toBe(false);
  });

  it('dedupes and sorts channels, and refuses unknown keys', () => {
    const parsed = userCreateSchema.parse({
      email: 'a@b.co',
      name: 'A',
      role: 'channel_manager',
      channels: ['z', 'a', 'z'],
      password: 'long enough password',
    });
    expect(parsed.channels).toEqual(['a', 'z']);
    expect(userCreateSchema.safeParse({ ...parsed, isAdmin: true }).success).toBe(false);
  });

  it('treats an empty password on update as "keep"', () => {
    const parsed = userUpdateSchema.parse({
      id: '00000000-0000-4000-8000-000000000000',
      version: 1,
      password: '',
    });
    expect(parsed.password).toBeUndefined();
    expect(userUpdateSchema.safeParse({ id: 'x', version: 1 }).success).toBe(false);
  });
});

describe('access table', () => {
  it('gives users to admins only, the audit log to admins and support', () => {
    expect(isAllowed('admin', 'users.write')).toBe(true);
    expect(isAllowed('support', 'users.read')).toBe(false);
    expect(isAllowed('channel_manager', 'audit.read')).toBe(false);
    expect(isAllowed('support', 'audit.read')).toBe(true);
    expect(canAccessResource('support', 'users', 'list')).toBe(false);
    expect(canAccessResource('support', 'audit', 'list')).toBe(true);
    expect(canAccessResource('admin', 'unknown', 'list')).toBe(false);
  });
});
