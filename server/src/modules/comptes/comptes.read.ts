/**
 * What comptes lets other modules read of its tables, beyond the `member_card` view.
 */
import { sql, type Sql } from '../../db/sql.js';
import type { User } from './user.entity.js';

/**
 * Members' public profiles for réseau's people directory: `member_card`'s columns plus the
 * presentation (`bio`), which the directory shows and searches, and whether the address is confirmed
 * (only confirmed accounts are listed). A subquery in `from`, which
 * PostgreSQL inlines like a view: `from ${memberProfiles} u`.
 */
export const memberProfiles = sql`(select id, display_name, email, show_email, metier, commune, departement, status,
                                          expertise_tags, languages, bio, email_verified_at from app_user)`;

/** The `hasProfile` field of the cards other modules show of a member (MemberCard, TimebankMember, CharterPerson). */
export const HAS_PROFILE_DESCRIPTION =
  'The member has a public profile at /membres/<id> (an active account): false once suspended, deleted or not yet activated.';

/**
 * Whether the member `alias` (a row of `member_card`) has a public profile: the `user` query answers active
 * accounts only (comptes.resolver.ts), so the web links the names of these members only.
 */
export function hasProfile(alias: string): Sql {
  return sql`(${sql.raw(alias)}.status = 'active')`;
}

/** Column of `app_user` → property of the `User` GraphQL type and its field resolvers (never the password). */
const ACCOUNT_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['id', 'id'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
  ['email', 'email'],
  ['display_name', 'displayName'],
  ['role', 'role'],
  ['status', 'status'],
  ['metier', 'metier'],
  ['commune', 'commune'],
  ['departement', 'departement'],
  ['expertise_tags', 'expertiseTags'],
  ['languages', 'languages'],
  ['bio', 'bio'],
  ['show_email', 'showEmail'],
  ['locale', 'locale'],
  ['suspended_until', 'suspendedUntil'],
  ['bio_hidden_at', 'bioHiddenAt'],
  ['bio_hidden_reason', 'bioHiddenReason'],
];

/**
 * Members' accounts as the `User` GraphQL type shows them, for lists of other modules that return
 * `User` nodes as plain rows: `from ${memberAccounts} u`, `select ${accountColumns('u', 'user')}`,
 * then `accountFromRow(row, 'user')`.
 */
export const memberAccounts = sql.raw(`(select ${ACCOUNT_COLUMNS.map(([column]) => column).join(', ')} from app_user)`);

/** `u.id as "user.id", u.display_name as "user.displayName", …` */
export function accountColumns(alias: string, prefix: string): Sql {
  return sql.raw(ACCOUNT_COLUMNS.map(([column, property]) => `${alias}.${column} as "${prefix}.${property}"`).join(', '));
}

/** The plain `User` read back from the columns of `accountColumns(…, prefix)`. */
export function accountFromRow(row: Record<string, unknown>, prefix: string): User {
  const account: Record<string, unknown> = {};
  for (const [, property] of ACCOUNT_COLUMNS) account[property] = row[`${prefix}.${property}`];
  return account as unknown as User;
}
