import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AccountLinkPurpose, revokeAccountLinks } from './account-links.js';
import { normalizeEmail, openSession, type RequestMeta } from './comptes.service.js';
import { IdentityProvider, UserIdentity } from './user-identity.entity.js';
import { AccountStatus, User } from './user.entity.js';

/** What Maillage reads of a ProConnect identity (userinfo merged over the ID token's claims). */
export interface ProConnectClaims {
  sub: string;
  email?: unknown;
  given_name?: unknown;
  usual_name?: unknown;
  siret?: unknown;
}

/** Why a ProConnect sign-in is refused; the web shows each with its own sentence (`/connexion?erreur=proconnect-…`). */
export type ProConnectRefusal = { reason: 'email' } | { reason: 'suspendu'; until: Date | null } | { reason: 'ferme' };

export class ProConnectRefused extends Error {
  constructor(readonly refusal: ProConnectRefusal) {
    super(`ProConnect sign-in refused: ${refusal.reason}`);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const SIRET = /^\d{14}$/;

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

/** "Camille" + "Dupont" → "Camille Dupont"; without a usable name, the e-mail's local part. */
function displayNameFrom(claims: ProConnectClaims, email: string): string {
  const name = `${text(claims.given_name, 80)} ${text(claims.usual_name, 80)}`.replace(/\s+/g, ' ').trim().slice(0, 80).trim();
  return name.length >= 2 ? name : email.split('@')[0].slice(0, 80).padEnd(2, '_');
}

/** A SIRET as ProConnect sends it (sometimes with spaces), or null when it is not one. */
export function siretFrom(value: unknown): string | null {
  const siret = text(value, 40).replace(/\s/g, '');
  return SIRET.test(siret) ? siret : null;
}

/**
 * The account behind a ProConnect identity, found, linked or created:
 *
 * - an identity already linked → its account;
 * - else an account with the same e-mail (ProConnect has verified it) → linked to it, and its address
 *   counts as confirmed; a pending account (opened by an organization) is activated by it;
 * - else a new account, confirmed, without password ("Mot de passe oublié ?" can give it one).
 *
 * A suspended account is refused as the password sign-in refuses it; a deleted one is never found
 * again (its identities were erased with it).
 */
export async function signInWithProConnect(
  em: EntityManager,
  claims: ProConnectClaims,
  meta: RequestMeta,
  idToken?: string,
): Promise<{ user: User; token: string; siret: string | null }> {
  try {
    return await em.fork().transactional((tx) => linkAndOpenSession(tx, claims, meta, idToken));
  } catch (error) {
    // Two first sign-ins at the same moment (two tabs): the other one linked or created the account.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    return em.fork().transactional((tx) => linkAndOpenSession(tx, claims, meta, idToken));
  }
}

async function linkAndOpenSession(tx: EntityManager, claims: ProConnectClaims, meta: RequestMeta, idToken: string | undefined) {
  if (!claims.sub || claims.sub.length > 255) throw new Error('ProConnect sent an unusable subject');
  const now = new Date();
  const email = normalizeEmail(text(claims.email, 300));
  const emailOk = email.length <= 254 && EMAIL.test(email);
  let identity = await tx.findOne(UserIdentity, { provider: IdentityProvider.PROCONNECT, subject: claims.sub }, { populate: ['user'] });
  let user: User;
  if (identity) {
    user = identity.user;
  } else {
    if (!emailOk) throw new ProConnectRefused({ reason: 'email' });
    user =
      (await tx.findOne(User, { email })) ??
      tx.create(User, { email, displayName: displayNameFrom(claims, email), passwordHash: null, emailVerifiedAt: now });
    identity = tx.create(UserIdentity, { provider: IdentityProvider.PROCONNECT, subject: claims.sub, user });
  }

  if (user.status === AccountStatus.DELETED) throw new ProConnectRefused({ reason: 'ferme' });
  if (user.status === AccountStatus.SUSPENDED) {
    if (!user.suspendedUntil || user.suspendedUntil.getTime() > now.getTime())
      throw new ProConnectRefused({ reason: 'suspendu', until: user.suspendedUntil ?? null });
    user.status = AccountStatus.ACTIVE;
    user.suspendedUntil = null;
  }
  if (user.status === AccountStatus.PENDING) {
    // The provider proved the address: the activation link the organization sent is no longer needed.
    user.status = AccountStatus.ACTIVE;
    await revokeAccountLinks(tx, user.id, AccountLinkPurpose.ACTIVATION);
  }
  // ProConnect vouches for the address it sends, not for one the member changed to in Maillage since.
  if (emailOk && user.email === email) user.emailVerifiedAt ??= now;

  identity.siret = siretFrom(claims.siret);
  identity.lastUsedAt = now;
  await tx.flush();
  const { session, token } = await openSession(tx, user, meta);
  // Kept for signing out at ProConnect too (`id_token_hint`); it goes with the session.
  if (idToken) {
    session.idToken = idToken;
    await tx.flush();
  }
  return { user, token, siret: identity.siret };
}

/** The SIRET ProConnect gave at the member's latest ProConnect sign-in, or null (never signed in with ProConnect). */
export async function proConnectSiretOf(em: EntityManager, userId: string): Promise<string | null> {
  const identity = await em.findOne(
    UserIdentity,
    { user: userId, provider: IdentityProvider.PROCONNECT },
    { orderBy: { lastUsedAt: 'desc', id: 'asc' } },
  );
  return identity?.siret ?? null;
}
