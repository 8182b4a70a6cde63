import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { overHttp, type Context } from '../../graphql/context.js';
import { CurrentUser, isAdmin, CurrentViewer } from '../../graphql/auth.js';
import type { Viewer } from './viewer.js';
import { setSessionCookie } from '../../http/session-cookie.js';
import * as accounts from './comptes.service.js';
import * as verification from './email-verification.js';
import { ChangeEmailInput, EmailLinkInput } from './email.input.js';
import { AccountMessage } from './email.types.js';
import { AccountStatus, User } from './user.entity.js';

/** Confirming one's address, asking for a new link, changing the address (email-verification.ts). */
@Resolver(() => User)
export class EmailResolver {
  @Mutation(() => User, {
    description: 'Opens the confirmation link: the address is verified and the person signed in (sets the session cookie).',
  })
  async verifyEmail(@Arg('input', () => EmailLinkInput) input: EmailLinkInput, @Ctx() ctx: Context): Promise<User> {
    const meta = { ip: ctx.ip, userAgent: overHttp(ctx).req.get('user-agent') };
    const { user, token } = await ctx.em.transactional(async (tx) => {
      const user = await verification.verifyEmail(tx, input.token);
      // A suspended member confirms their address but is not signed in before the suspension ends.
      return { user, token: user.status === AccountStatus.ACTIVE ? (await accounts.openSession(tx, user, meta)).token : null };
    });
    if (token) {
      // The session this browser had (perhaps someone else's) is replaced, as at login.
      if (ctx.sessionId) await accounts.logout(ctx.em, ctx.sessionId);
      setSessionCookie(overHttp(ctx).res, ctx.config, token);
      ctx.user = user;
    }
    return user;
  }

  @Authorized()
  @Mutation(() => AccountMessage, {
    description: 'Sends a new confirmation link to the signed-in member (three an hour); older links stop working.',
  })
  async resendVerificationEmail(@CurrentUser() user: User, @Ctx() ctx: Context): Promise<AccountMessage> {
    return { message: (await verification.resendVerificationEmail(ctx.em, user))[ctx.lang] };
  }

  @Authorized()
  @Mutation(() => AccountMessage, {
    description: 'Asks to use another address: a link goes to the new address, a notice to the current one. Needs the password.',
  })
  async changeEmail(
    @Arg('input', () => ChangeEmailInput) input: ChangeEmailInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<AccountMessage> {
    return { message: (await verification.requestEmailChange(ctx.em, user, input))[ctx.lang] };
  }

  @Mutation(() => User, { description: 'Opens the link sent to the new address: it becomes the account’s address, verified.' })
  async confirmEmailChange(@Arg('input', () => EmailLinkInput) input: EmailLinkInput, @Ctx() ctx: Context): Promise<User> {
    return verification.confirmEmailChange(ctx.em, input.token);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'The person confirmed their address (to the person and admins). Until then they cannot publish.',
  })
  emailVerified(@Root() user: User, @CurrentViewer() viewer: Viewer | null): boolean | null {
    return viewer?.id === user.id || isAdmin(viewer) ? !!user.emailVerifiedAt : null;
  }
}
