import { createHash, randomBytes } from 'node:crypto';

/** A random, unguessable token to hand out (cookie, activation link). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this digest is stored, so a copy of the database does not give away live tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
