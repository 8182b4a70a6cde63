import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, queryOne, sql } from '../../db/sql.js';
import { notFound } from '../../graphql/errors.js';
import type { Text } from '../../i18n/lang.js';
import { AccountLink, AccountLinkPurpose } from './account-link.entity.js';
import { hashToken, newToken } from './tokens.js';
import type { User } from './user.entity.js';

/**
 * Single-use links sent by e-mail (activation, password reset, e-mail confirmation, e-mail change):
 * one mechanism, one table. The raw token travels only in the e-mail; the database keeps its digest,
 * looked up by a unique index (an equality on a SHA-256, so no timing leak on the token itself).
 */
export { AccountLinkPurpose };

/** Creates a link valid `validForMs`; returns the raw token to put in the e-mail (saved at once). */
export async function createAccountLink(
  em: EntityManager,
  user: User,
  purpose: AccountLinkPurpose,
  validForMs: number,
  options: { createdBy?: User | null; newEmail?: string | null } = {},
): Promise<string> {
  const token = newToken();
  em.create(AccountLink, {
    tokenHash: hashToken(token),
    purpose,
    user,
    createdBy: options.createdBy ?? null,
    newEmail: options.newEmail ?? null,
    expiresAt: new Date(Date.now() + validForMs),
  });
  await em.flush();
  return token;
}

function usable(link: AccountLink | null, purpose: AccountLinkPurpose): link is AccountLink {
  return !!link && link.purpose === purpose && !link.usedAt && link.expiresAt.getTime() >= Date.now();
}

/** The live link behind `token` for one of `purposes`, with its person, or null; the link stays unused. */
async function findLiveLink(em: EntityManager, token: string, purposes: AccountLinkPurpose[]): Promise<AccountLink | null> {
  const link = await em.findOne(AccountLink, { tokenHash: hashToken(token) }, { populate: ['user'] });
  return purposes.some((purpose) => usable(link, purpose)) ? link : null;
}

/** The live link behind `token` (to greet the person by name), without using it; `invalid` otherwise. */
export async function peekAccountLink(em: EntityManager, token: string, purpose: AccountLinkPurpose, invalid: Text): Promise<AccountLink> {
  const link = await findLiveLink(em, token, [purpose]);
  if (!link) throw notFound(invalid);
  return link;
}

/**
 * The person a live link of one of `purposes` is for, or null: never an error, for what only helps the page of the
 * link (the hint under a new password, comptes/password-strength.ts). The link stays unused.
 */
export async function personOfLink(em: EntityManager, token: string, purposes: AccountLinkPurpose[]): Promise<User | null> {
  return (await findLiveLink(em, token, purposes))?.user ?? null;
}

/**
 * Uses the link behind `token` once: locked, so two clicks (or two tabs) succeed once. Call inside a
 * transaction; the caller's changes and the "used" mark commit together.
 */
export async function useAccountLink(tx: EntityManager, token: string, purpose: AccountLinkPurpose, invalid: Text): Promise<AccountLink> {
  const link = await tx.findOne(AccountLink, { tokenHash: hashToken(token) }, { populate: ['user'], lockMode: 4 /* pessimistic write */ });
  if (!usable(link, purpose)) throw notFound(invalid);
  link.usedAt = new Date();
  return link;
}

/** Earlier unused links of this kind stop working (a new reset link replaces the previous one). */
export async function revokeAccountLinks(em: EntityManager, userId: string, purpose: AccountLinkPurpose): Promise<void> {
  await execute(em, sql`update account_link set used_at = now() where user_id = ${userId} and purpose = ${purpose} and used_at is null`);
}

/**
 * The activation links a person opened for others (an organisation's mediator opening an account
 * for someone they help), for "télécharger mes données": a JSON array, oldest first.
 */
export async function activationLinksOpenedBy(em: EntityManager, userId: string): Promise<unknown> {
  const row = await queryOne<{ links: unknown }>(
    em,
    sql`select coalesce(json_agg(a order by a."createdAt"), '[]') as links from (
          select u.display_name as "person", t.created_at as "createdAt", t.used_at as "activatedAt"
            from account_link t join app_user u on u.id = t.user_id
           where t.created_by_id = ${userId} and t.purpose = ${AccountLinkPurpose.ACTIVATION}) a`,
  );
  return row?.links;
}

/** When the person who opened activation links deletes their account, the links forget who opened them. */
export async function forgetActivationLinksOpenedBy(em: EntityManager, userId: string): Promise<void> {
  await execute(em, sql`update account_link set created_by_id = null where created_by_id = ${userId}`);
}
