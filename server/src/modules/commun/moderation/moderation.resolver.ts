import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { CurrentUser } from '../../../graphql/auth.js';
import type { Context } from '../../../graphql/context.js';
import { User } from '../../comptes/user.entity.js';
import { listAuditLog } from './audit.service.js';
import {
  AuditLogArgs,
  LiftSuspensionInput,
  ModerateContentInput,
  ModerationQueueArgs,
  ReportContentInput,
  SetUserRoleInput,
  SuspendMemberInput,
  WarnMemberInput,
} from './moderation.input.js';
import * as moderation from './moderation.service.js';
import { AuditLogConnection, ModeratedContent, ModerationCaseConnection, ReportReceipt } from './moderation.types.js';

@Resolver()
export class ModerationResolver {
  @Authorized('VERIFIED')
  @Mutation(() => ReportReceipt, { description: 'Any member reports a content to the moderators, with a reason.' })
  async reportContent(
    @Arg('input', () => ReportContentInput) input: ReportContentInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<ReportReceipt> {
    return moderation.reportContent(ctx.em, user, input);
  }

  @Authorized('MODERATOR')
  @Query(() => ModerationCaseConnection, { description: 'Moderators: reported contents, one case per content.' })
  async moderationQueue(@Args(() => ModerationQueueArgs) args: ModerationQueueArgs, @Ctx() ctx: Context) {
    return moderation.moderationQueue(ctx.em, ctx.lang, args);
  }

  @Authorized('MODERATOR')
  @Mutation(() => ModeratedContent, { description: 'Moderators: hides a content from everyone but its author; the author is told why.' })
  async hideContent(
    @Arg('input', () => ModerateContentInput) input: ModerateContentInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<ModeratedContent> {
    return moderation.hideContent(ctx.em, user, { ...input, reason: input.reason ?? '' });
  }

  @Authorized('MODERATOR')
  @Mutation(() => ModeratedContent, { description: 'Moderators: shows a hidden content again.' })
  async restoreContent(
    @Arg('input', () => ModerateContentInput) input: ModerateContentInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<ModeratedContent> {
    return moderation.restoreContent(ctx.em, user, input);
  }

  @Authorized('MODERATOR')
  @Mutation(() => ModeratedContent, { description: 'Moderators: closes the reports of a content that breaks no rule.' })
  async dismissReports(
    @Arg('input', () => ModerateContentInput) input: ModerateContentInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<ModeratedContent> {
    return moderation.dismissReports(ctx.em, user, input);
  }

  @Authorized('MODERATOR')
  @Mutation(() => User, { description: 'Moderators: warns a member (they are told why).' })
  async warnMember(
    @Arg('input', () => WarnMemberInput) input: WarnMemberInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return moderation.warnMember(ctx.em, user, input);
  }

  @Authorized('MODERATOR')
  @Mutation(() => User, { description: 'Moderators: suspends an account for some days; its sessions end at once.' })
  async suspendMember(
    @Arg('input', () => SuspendMemberInput) input: SuspendMemberInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return moderation.suspendMember(ctx.em, user, input);
  }

  @Authorized('MODERATOR')
  @Mutation(() => User, { description: 'Moderators: ends a suspension early.' })
  async liftSuspension(
    @Arg('input', () => LiftSuspensionInput) input: LiftSuspensionInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return moderation.liftSuspension(ctx.em, user, input);
  }

  @Authorized('ADMIN')
  @Mutation(() => User, { description: "Admins: changes someone's platform role (logged)." })
  async setUserRole(
    @Arg('input', () => SetUserRoleInput) input: SetUserRoleInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return moderation.setUserRole(ctx.em, user, input);
  }

  @Authorized('ADMIN')
  @Query(() => AuditLogConnection, {
    description: 'Admins: moderation actions, role changes, account deletions and the answers about places, newest first.',
  })
  async auditLog(@Args(() => AuditLogArgs) args: AuditLogArgs, @Ctx() ctx: Context) {
    return listAuditLog(ctx.em, ctx.lang, args);
  }
}
