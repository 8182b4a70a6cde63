import { hash, verify } from '@node-rs/argon2';
import { say, type Text } from '../../i18n/lang.js';

/** argon2id with OWASP's minimum: 19 MiB of memory, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;

const COMMON_PASSWORDS = new Set([
  '123456789a',
  'azertyuiop',
  'motdepasse',
  'motdepasse1',
  'password123',
  'qwertyuiop',
  '1234567890',
  'azerty1234',
  'azertyuiop1',
  'soleil1234',
  'bonjour123',
  'doudou1234',
  'marseille13',
  'loulou1234',
]);

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing in particular: verified for unknown e-mails so both failures take as long. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-never-used');
  return decoyHash;
}

/** Why a password is too weak, or null when it is fine. */
export function passwordWeakness(password: string, personal: string[] = []): Text | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return say(
      `Le mot de passe doit faire au moins ${PASSWORD_MIN_LENGTH} caractères. Une phrase facile à retenir convient très bien.`,
      `The password must be at least ${PASSWORD_MIN_LENGTH} characters long. An easy-to-remember phrase works well.`,
    );
  }
  if (password.length > 200)
    return say('Le mot de passe ne peut pas dépasser 200 caractères.', 'The password cannot exceed 200 characters.');
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password) || /^(0123456789|1234567890|abcdefghij)/.test(lower)) {
    return say(
      'Ce mot de passe est trop courant. Choisissez-en un plus personnel.',
      'This password is too common. Choose a more personal one.',
    );
  }
  for (const word of personal) {
    if (word.length >= 4 && lower.includes(word.toLowerCase())) {
      return say(
        'Le mot de passe ne doit pas contenir votre nom ou votre adresse e-mail.',
        'The password must not contain your name or e-mail address.',
      );
    }
  }
  return null;
}
