import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { overHttp, type Context } from '../../graphql/context.js';
import { CurrentUser } from '../../graphql/auth.js';
import { badInput } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.js';
import { logout, type RequestMeta } from './comptes.service.js';
import * as passwords from './password-reset.js';
import { PasswordResetLink } from './password-reset.js';
import { newPasswordWeakness, PasswordStrength } from './password-strength.js';
import {
  ChangePasswordInput,
  checkLengths,
  MAX_LENGTH,
  PasswordStrengthArgs,
  RequestPasswordResetInput,
  ResetPasswordInput,
  RevokeSessionInput,
} from './securite.input.js';
import { DeviceSession, listSessions, revokeSession } from './sessions.js';
import { User } from './user.entity.js';

/** Password reset and change, and "mes sessions" (the signed-in devices). */
@Resolver()
export class AccountSecurityResolver {
  @Mutation(() => Boolean, {
    description: 'Sends a reset link when the address is an account’s. Always true, in about the same time, whatever the address.',
  })
  async requestPasswordReset(
    @Arg('input', () => RequestPasswordResetInput) input: RequestPasswordResetInput,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    checkLengths({ email: input.email }, { email: MAX_LENGTH.email });
    await passwords.requestPasswordReset(ctx.em, input, meta(ctx));
    return true;
  }

  @Query(() => PasswordResetLink, { description: 'Whom a reset link is for (NOT_FOUND when it is used, replaced or expired).' })
  async passwordReset(@Arg('token', () => String) token: string, @Ctx() ctx: Context): Promise<PasswordResetLink> {
    checkLengths({ token }, { token: MAX_LENGTH.token });
    return passwords.peekPasswordReset(ctx.em, token);
  }

  @Query(() => PasswordStrength, {
    description:
      'Whether a new password would be accepted, judged as the operations that set it judge it (for the hint under the field while it is typed). POST only: a password never goes in an address.',
  })
  async passwordStrength(@Args(() => PasswordStrengthArgs) args: PasswordStrengthArgs, @Ctx() ctx: Context): Promise<PasswordStrength> {
    // A GET carries its variables in the address, which proxies log and caches keep (graphql/cache-hints.ts).
    if (overHttp(ctx).req.method !== 'POST') throw badInput({ password: POST_ONLY });
    checkLengths({ token: args.token ?? '' }, { token: MAX_LENGTH.token });
    const weakness = await newPasswordWeakness(ctx.em, args.password, args, () => ctx.user);
    return { accepted: !weakness, advice: weakness ? weakness[ctx.lang] : null };
  }

  @Mutation(() => User, { description: 'Sets a new password from a reset link: every session ends, this browser is signed in.' })
  async resetPassword(@Arg('input', () => ResetPasswordInput) input: ResetPasswordInput, @Ctx() ctx: Context): Promise<User> {
    checkLengths({ ...input }, { token: MAX_LENGTH.token, password: MAX_LENGTH.password });
    const { user, token, sessionId } = await passwords.resetPassword(ctx.em, input, meta(ctx));
    // Someone else was signed in on this browser: their session ends here, as at sign-in.
    if (ctx.sessionId && ctx.user?.id !== user.id) await logout(ctx.em, ctx.sessionId);
    setSessionCookie(overHttp(ctx).res, ctx.config, token);
    // From now on in this request the person is signed in (their own e-mail is visible to them).
    ctx.user = user;
    ctx.sessionId = sessionId;
    return user;
  }

  @Authorized()
  @Mutation(() => User, { description: 'Changes my password (the current one first); my other devices are signed out.' })
  async changePassword(
    @Arg('input', () => ChangePasswordInput) input: ChangePasswordInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<User> {
    checkLengths({ ...input }, { currentPassword: MAX_LENGTH.password, newPassword: MAX_LENGTH.password });
    return passwords.changePassword(ctx.em, user, ctx.sessionId, input);
  }

  @Authorized()
  @Query(() => [DeviceSession], { description: 'My signed-in devices, the most recently active first.' })
  async mySessions(@CurrentUser() user: User, @Ctx() ctx: Context): Promise<DeviceSession[]> {
    return listSessions(ctx.em, user.id, ctx.sessionId, ctx.lang);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Signs out one of my devices (NOT_FOUND for any other id).' })
  async revokeSession(
    @Arg('input', () => RevokeSessionInput) input: RevokeSessionInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await revokeSession(ctx.em, user.id, input.id);
    if (input.id === ctx.sessionId) clearSessionCookie(overHttp(ctx).res, ctx.config);
    return true;
  }
}

const POST_ONLY = say(
  'Envoyez le mot de passe dans le corps d’une requête POST, jamais dans une adresse.',
  'Send the password in the body of a POST request, never in an address.',
);

function meta(ctx: Context): RequestMeta {
  return { ip: ctx.ip, userAgent: overHttp(ctx).req.get('user-agent') };
}
