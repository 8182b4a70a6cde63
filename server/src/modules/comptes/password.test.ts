import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/accounts.seed.js';
import { hashPassword, passwordWeakness, verifyPassword } from './password.js';

describe('passwords', () => {
  it('refuses short, common and personal passwords, in plain French', () => {
    expect(passwordWeakness('court')?.fr).toMatch(/au moins 10 caractères/);
    expect(passwordWeakness('azertyuiop')?.fr).toMatch(/trop facile à deviner\. Les suites de touches du clavier/);
    expect(passwordWeakness('aaaaaaaaaaaa')?.fr).toMatch(/trop facile à deviner\. Les caractères répétés/);
    expect(passwordWeakness('passwordpassword')?.fr).toMatch(/trop facile à deviner/);
    // Bounding the l33t substitutions zxcvbn tries (its cost) still sees through the ones people type.
    for (const leet of ['P@ssw0rd2024!', 'M@rs3ill3_13', 'Tr0ub4dour&3', 'motdepasse123'])
      expect(passwordWeakness(leet)?.fr, leet).toMatch(/trop facile à deviner/);
    expect(passwordWeakness('password12')?.fr).toMatch(/trop facile à deviner\. Ce mot de passe est courant/);
    expect(passwordWeakness('motdepasse1')?.fr).toMatch(/trop facile à deviner/);
    expect(passwordWeakness('camille-savenay-44', ['camille'])?.fr).toMatch(/votre nom/);
    expect(passwordWeakness('azertyuiop')?.en).toMatch(/too easy to guess/);
    // Every refusal ends with what to do instead.
    expect(passwordWeakness('qwertyuiop')?.fr).toMatch(/Une phrase de quelques mots/);
  });

  it('accepts a passphrase, the demo password, and long enough words of one’s own', () => {
    expect(passwordWeakness('une phrase de passe solide')).toBeNull();
    expect(passwordWeakness('une phrase de passe solide', ['membre.abc1@exemple.fr', 'Dominique Test'])).toBeNull();
    expect(passwordWeakness(DEMO_PASSWORD, ['camille.martin@exemple.fr', 'Camille Martin'])).toBeNull();
    expect(passwordWeakness('la médiation numérique à Savenay')).toBeNull();
  });

  it('counts characters, not code units, and not accents typed in two parts', () => {
    // Nine letters with a decomposed "é" (ten code units): still too short.
    expect(passwordWeakness('cafe\u0301cafe\u0301')?.fr).toMatch(/au moins 10 caractères/);
  });

  it('verifies argon2id hashes', async () => {
    const hashed = await hashPassword('une phrase de passe solide');
    expect(hashed.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hashed, 'une phrase de passe solide')).toBe(true);
    expect(await verifyPassword(hashed, 'une autre phrase')).toBe(false);
    expect(await verifyPassword('pas un hash', 'x')).toBe(false);
  });

  it('treats a composed and a decomposed "é" as the same password, old hashes included', async () => {
    const composed = 'ma clé de maison sous le paillasson';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
    expect(await verifyPassword(await hashPassword(decomposed), composed)).toBe(true);
    // A hash made before normalization, from a password typed decomposed, still opens with it.
    const legacy = await hash(decomposed, { algorithm: 2, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 });
    expect(await verifyPassword(legacy, decomposed)).toBe(true);
    expect(await verifyPassword(legacy, 'ma cle de maison sous le paillasson')).toBe(false);
  });
});
