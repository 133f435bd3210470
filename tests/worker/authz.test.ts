import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, ROLES } from '../../src/lib/server/authz/roles';
import { PASSWORD_HASH_PARAMS, hashPassword, verifyPassword } from '../../src/lib/server/auth/password';

describe('permission matrix', () => {
  it('gives employees the portal only and admins everything', () => {
    for (const p of PERMISSIONS) {
      expect(can('admin', p)).toBe(true);
      expect(can('employee', p)).toBe(p === 'portal.use');
    }
    expect(ROLES).toEqual(['employee', 'admin']);
  });
  it('denies unknown roles', () => {
    expect(can('superuser' as never, 'portal.use')).toBe(false);
  });
});

describe('password hashing', () => {
  it('pins the scrypt parameters (docs/security.md)', () => {
    expect(PASSWORD_HASH_PARAMS).toEqual({ N: 16384, r: 8, p: 5, keyLength: 32, saltLength: 16 });
  });
  it('verifies the right password only, and salts every hash', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$5\$/);
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});
