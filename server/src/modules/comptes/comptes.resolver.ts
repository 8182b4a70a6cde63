import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { overHttp, type Context } from '../../graphql/context.js';
import { CurrentUser, isAdmin, isModerator, CurrentViewer } from '../../graphql/auth.js';
import type { Viewer } from './viewer.js';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.js';
import { say } from '../../i18n/lang.js';
import { renderMarkdown } from '../../shared/markdown.js';
import * as accounts from './comptes.service.js';
import { ActivateAccountInput, LoginInput, RegisterInput, UpdateProfileInput } from './comptes.input.js';
import { AccountStatus, Role, User } from './user.entity.js';
import { AccountMessage } from './email.types.js';
import { ImageRef, imageRef } from '../fichiers/fichiers.types.js';
import { providerSignOutUrl } from './proconnect.http.js';
import { SignOutResult } from './proconnect.types.js';
import { loadTags } from '../mots-cles/mots-cles.loaders.js';
import { Tag } from '../mots-cles/tag.entity.js';

const CHECK_YOUR_MAILBOX = say(
  'Vérifiez votre boîte mail : nous vous avons envoyé un lien pour confirmer votre adresse.',
  'Check your mailbox: we sent you a link to confirm your address.',
);

@Resolver(() => User)
export class AccountsResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null.' })
  me(@CurrentUser() viewer: User | null): User | null {
    return viewer;
  }

  @Query(() => User, { nullable: true, description: 'A public profile.' })
  async user(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<User | null> {
    return ctx.em.findOne(User, { id, status: AccountStatus.ACTIVE });
  }

  @Query(() => User, { nullable: true, description: 'The pending account an activation link leads to.' })
  async activation(@Arg('token', () => String) token: string, @Ctx() ctx: Context): Promise<User> {
    return accounts.peekActivation(ctx.em, token);
  }

  @Mutation(() => AccountMessage, {
    description:
      'Signs up: a new address gets an account and a confirmation link by e-mail, a known one an e-mail to its owner. Same answer in both cases; nobody is signed in.',
  })
  async register(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() ctx: Context): Promise<AccountMessage> {
    await accounts.register(ctx.em, input, { ...meta(ctx), lang: ctx.lang });
    return { message: CHECK_YOUR_MAILBOX[ctx.lang] };
  }

  @Mutation(() => User, { description: 'Signs in (a new session cookie each time).' })
  async login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: Context): Promise<User> {
    if (ctx.sessionId) await accounts.logout(ctx.em, ctx.sessionId);
    const { user, token } = await accounts.login(ctx.em, input, meta(ctx));
    signIn(ctx, user, token);
    return user;
  }

  @Mutation(() => Boolean, { description: 'Ends this session.' })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    if (ctx.sessionId) await accounts.logout(ctx.em, ctx.sessionId);
    clearSessionCookie(overHttp(ctx).res, ctx.config);
    return true;
  }

  @Mutation(() => SignOutResult, {
    description:
      'Ends this session, like `logout`; for a session opened with ProConnect, also says where to send the browser to sign out at ProConnect.',
  })
  async signOut(@Ctx() ctx: Context): Promise<SignOutResult> {
    let providerLogoutUrl: string | null = null;
    if (ctx.sessionId) {
      providerLogoutUrl = await providerSignOutUrl(ctx.em, overHttp(ctx).req, overHttp(ctx).res, ctx.config, ctx.sessionId);
      await accounts.logout(ctx.em, ctx.sessionId);
    }
    clearSessionCookie(overHttp(ctx).res, ctx.config);
    return { providerLogoutUrl };
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends every session of the signed-in user, on every device.' })
  async logoutEverywhere(@CurrentUser() user: User, @Ctx() ctx: Context): Promise<boolean> {
    await accounts.revokeAllSessions(ctx.em, user.id);
    clearSessionCookie(overHttp(ctx).res, ctx.config);
    return true;
  }

  @Authorized()
  @Mutation(() => User)
  async updateProfile(
    @Arg('input', () => UpdateProfileInput) input: UpdateProfileInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return accounts.updateProfile(ctx.em, user, input);
  }

  @FieldResolver(() => ImageRef, { nullable: true, description: "The member's uploaded avatar, with its alt text." })
  avatar(@Root() user: User): ImageRef | null {
    return imageRef(user.avatarFileId, user.avatarAlt);
  }

  @Mutation(() => User, { description: 'A tutored person sets their own password from their activation link.' })
  async activateAccount(@Arg('input', () => ActivateAccountInput) input: ActivateAccountInput, @Ctx() ctx: Context): Promise<User> {
    const { user, token } = await accounts.activateAccount(ctx.em, input, meta(ctx));
    signIn(ctx, user, token);
    return user;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Shown to the person themselves, to admins, or when they chose to show it.' })
  email(@Root() user: User, @CurrentViewer() viewer: Viewer | null): string | null {
    if (viewer?.id === user.id || user.showEmail || isAdmin(viewer)) return user.email;
    return null;
  }

  @FieldResolver(() => Role, { nullable: true, description: 'Visible to the person and to admins.' })
  role(@Root() user: User, @CurrentViewer() viewer: Viewer | null): Role | null {
    if (viewer?.id === user.id || isAdmin(viewer)) return user.role;
    return null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Short presentation, Markdown as written; null for others when moderation hid it.',
  })
  bio(@Root() user: User, @CurrentViewer() viewer: Viewer | null): string | null {
    return bioVisible(user, viewer) ? (user.bio ?? null) : null;
  }

  @FieldResolver(() => String, { description: 'The presentation rendered as safe HTML (empty for others when moderation hid it).' })
  bioHtml(@Root() user: User, @CurrentViewer() viewer: Viewer | null): string {
    return bioVisible(user, viewer) ? renderMarkdown(user.bio) : '';
  }

  @FieldResolver(() => Boolean, { description: 'The presentation was hidden by moderation.' })
  bioHidden(@Root() user: User): boolean {
    return !!user.bioHiddenAt;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why moderation hid the presentation (to the person and moderators).' })
  bioHiddenReason(@Root() user: User, @CurrentViewer() viewer: Viewer | null): string | null {
    return viewer?.id === user.id || isModerator(viewer) ? (user.bioHiddenReason ?? null) : null;
  }

  @FieldResolver(() => [Tag], {
    description: 'The skills of `expertiseTags` as tags, with their labels ("Démarches en ligne"), in the order given.',
  })
  skills(@Root() user: User, @Ctx() ctx: Context): Promise<Tag[]> {
    return loadTags(ctx, user.expertiseTags);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'End of a suspension (to the person and moderators).' })
  suspendedUntil(@Root() user: User, @CurrentViewer() viewer: Viewer | null): Date | null {
    return viewer?.id === user.id || isModerator(viewer) ? (user.suspendedUntil ?? null) : null;
  }
}

/** A hidden presentation stays readable by its author (with the notice) and by moderators. */
function bioVisible(user: User, viewer: Viewer | null): boolean {
  return !user.bioHiddenAt || viewer?.id === user.id || isModerator(viewer);
}

/** From now on in this request, the user is signed in: `@CurrentUser()` of the fields resolved next (their own e-mail…) sees them. */
function signIn(ctx: Context, user: User, token: string): void {
  setSessionCookie(overHttp(ctx).res, ctx.config, token);
  ctx.user = user;
}

function meta(ctx: Context): accounts.RequestMeta {
  return { ip: ctx.ip, userAgent: overHttp(ctx).req.get('user-agent') };
}
