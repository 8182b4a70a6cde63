import type { Context } from './context.js';
import { forbidden, unauthenticated } from './errors.js';
import { Role, type User } from '../modules/comptes/user.entity.js';

/** The signed-in user, or an UNAUTHENTICATED error. */
export function requireUser(ctx: Pick<Context, 'user'>): User {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}

export function isModerator(user: User | null): boolean {
  return !!user && (user.role === Role.MODERATOR || user.role === Role.ADMIN);
}

export function isAdmin(user: User | null): boolean {
  return user?.role === Role.ADMIN;
}

export function requireAdmin(ctx: Pick<Context, 'user'>): User {
  const user = requireUser(ctx);
  if (!isAdmin(user)) throw forbidden();
  return user;
}

export function requireModerator(ctx: Pick<Context, 'user'>): User {
  const user = requireUser(ctx);
  if (!isModerator(user)) throw forbidden();
  return user;
}
