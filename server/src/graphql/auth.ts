/**
 * Who may call what, declared on the resolvers (type-graphql's own way):
 *
 *   @Authorized()             signed in
 *   @Authorized('MODERATOR')  moderator or admin
 *   @Authorized('ADMIN')      platform admin
 *   someMutation(@CurrentUser() user: User, …)   the signed-in user (null for a visitor where the
 *                                                operation is open to visitors)
 *
 * Rules about one thing (an organisation's editors, an author, a signatory) stay in the services.
 */
import { createParameterDecorator, type AuthChecker } from 'type-graphql';
import type { Context } from './context.js';
import { forbidden, unauthenticated } from './errors.js';
import { Role, type User } from '../modules/comptes/user.entity.js';

export type RequiredRole = 'MODERATOR' | 'ADMIN';

export function isModerator(user: User | null): boolean {
  return !!user && (user.role === Role.MODERATOR || user.role === Role.ADMIN);
}

export function isAdmin(user: User | null): boolean {
  return user?.role === Role.ADMIN;
}

/** type-graphql's auth checker: our own errors (UNAUTHENTICATED / FORBIDDEN, in the person's language). */
export const authChecker: AuthChecker<Context, RequiredRole> = ({ context }, roles) => {
  const user = context.user;
  if (!user) throw unauthenticated();
  if (roles.includes('ADMIN') && !isAdmin(user)) throw forbidden();
  if (roles.includes('MODERATOR') && !isModerator(user)) throw forbidden();
  return true;
};

/** The signed-in user (`null` for a visitor: pair it with `@Authorized()` when one is required). */
export function CurrentUser() {
  return createParameterDecorator<Context>(({ context }) => context.user);
}
