import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../../../../src/server/accounts/passwords';

describe('password hashes', () => {
  it('accept the password they were made from and no other', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        async (password, other) => {
          fc.pre(other.normalize('NFC') !== password.normalize('NFC'));
          const hash = await hashPassword(password);
          expect(await verifyPassword(hash, password)).toBe(true);
          expect(await verifyPassword(hash, other)).toBe(false);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('are salted scrypt with their parameters, never the password itself', async () => {
    const [first, second] = [await hashPassword('correct horse battery'), await hashPassword('correct horse battery')];
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct');
  });

  it('refuse a hash that is not theirs instead of throwing', async () => {
    for (const hash of [
      '',
      'plain',
      'scrypt$0$8$1$AA$AA',
      'bcrypt$2b$10$x',
      'scrypt$x$8$1$AA$AA',
      'scrypt$3$8$1$AA$AA',
    ]) {
      expect(await verifyPassword(hash, 'anything at all')).toBe(false);
    }
  });
});

describe('password rules', () => {
  it('ask for at least 12 characters and not the email address', () => {
    expect(passwordProblem('short pass', 'ana@example.org')).toMatch(/at least 12 characters/);
    expect(passwordProblem('Ana@Example.org', 'ana@example.org')).toMatch(/not be the email/);
    expect(passwordProblem('una ruta para todas', 'ana@example.org')).toBeUndefined();
  });
});
