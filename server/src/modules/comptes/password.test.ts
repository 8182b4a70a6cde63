import { describe, expect, it } from 'vitest';
import { hashPassword, passwordWeakness, verifyPassword } from './password.js';

describe('passwords', () => {
  it('refuses short, common and personal passwords, in plain French', () => {
    expect(passwordWeakness('court')?.fr).toMatch(/au moins 10 caractères/);
    expect(passwordWeakness('azertyuiop')?.fr).toMatch(/trop courant/);
    expect(passwordWeakness('aaaaaaaaaaaa')?.fr).toMatch(/trop courant/);
    expect(passwordWeakness('camille-savenay-44', ['camille'])?.fr).toMatch(/votre nom/);
    expect(passwordWeakness('une phrase de passe solide')).toBeNull();
  });

  it('verifies argon2id hashes', async () => {
    const hash = await hashPassword('une phrase de passe solide');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'une phrase de passe solide')).toBe(true);
    expect(await verifyPassword(hash, 'une autre phrase')).toBe(false);
    expect(await verifyPassword('pas un hash', 'x')).toBe(false);
  });
});
