/**
 * Who may call what, declared on the resolvers (type-graphql's own way):
 *
 *   @Authorized()             signed in
 *   @Authorized('MODERATOR')  moderator or admin
 *   @Authorized('ADMIN')      platform admin
 *   @Authorized('VERIFIED')   signed in with a confirmed e-mail address: whatever others see or
 *                             receive (publishing, registering others, creating organisations,
 *                             sending time). Before confirming, a member reads and fills their profile.
 *   someMutation(@CurrentUser() user: User, …)   the signed-in user (null for a visitor where the
 *                                                operation is open to visitors)
 *   someRead(@CurrentViewer() viewer: Viewer | null, …)   who asks (id, role, confirmed address),
 *                                                without making them an entity (comptes/viewer.ts)
 *
 * Rules about one thing (an organisation's editors, an author, a signatory) stay in the services.
 */
import { createParameterDecorator, type AuthChecker } from 'type-graphql';
import type { Context } from './context.js';
import { AppError, forbidden, unauthenticated } from './errors.js';
import { say } from '../i18n/lang.js';
import { Role } from '../modules/comptes/user.entity.js';
import type { Viewer } from '../modules/comptes/viewer.js';

export type RequiredRole = 'VERIFIED' | 'MODERATOR' | 'ADMIN';

export function isModerator(user: Pick<Viewer, 'role'> | null): boolean {
  return !!user && (user.role === Role.MODERATOR || user.role === Role.ADMIN);
}

export function isAdmin(user: Pick<Viewer, 'role'> | null): boolean {
  return user?.role === Role.ADMIN;
}

/** type-graphql's auth checker: our own errors (UNAUTHENTICATED / FORBIDDEN, in the person's language). */
export const authChecker: AuthChecker<Context, RequiredRole> = ({ context }, roles) => {
  const user = context.viewer;
  if (!user) throw unauthenticated();
  if (roles.includes('ADMIN') && !isAdmin(user)) throw forbidden();
  if (roles.includes('MODERATOR') && !isModerator(user)) throw forbidden();
  if (roles.includes('VERIFIED') && !user.emailVerifiedAt) throw emailNotVerified();
  return true;
};

/** The signed-in user (`null` for a visitor: pair it with `@Authorized()` when one is required). */
export function CurrentUser() {
  return createParameterDecorator<Context>(({ context }) => context.user);
}

/** Who asks, for a read that needs only their id, role or confirmation (`null` for a visitor): no entity is made. */
export function CurrentViewer() {
  return createParameterDecorator<Context>(({ context }) => context.viewer);
}

/** Refused until the person clicks the confirmation link: the web shows the banner "renvoyer le lien". */
export function emailNotVerified(): AppError {
  return new AppError(
    'FORBIDDEN',
    say(
      'Confirmez d’abord votre adresse e-mail : cliquez sur le lien que nous vous avons envoyé (vous pouvez en demander un nouveau).',
      'First confirm your e-mail address: click the link we sent you (you can ask for a new one).',
    ),
    {},
    { reason: 'EMAIL_NOT_VERIFIED' },
  );
}
