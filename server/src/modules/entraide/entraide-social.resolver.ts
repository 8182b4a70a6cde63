import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Connection } from '../../graphql/connection.js';
import { CurrentUser, isModerator, CurrentViewer } from '../../graphql/auth.js';
import type { Viewer } from '../comptes/viewer.js';
import type { Context } from '../../graphql/context.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { renderInlineMarkdown } from '../../shared/markdown.js';
import { User } from '../comptes/user.entity.js';
import { commentPage, memberSuggestions, readComment } from './entraide-social.read.js';
import { socialLoaders } from './entraide-social.loaders.js';
import * as social from './entraide-social.service.js';
import { CommentView, InvitationStatus, InvitationView, QuestionCommentConnection } from './entraide-social.types.js';
import { isUuid, readAnswer, readQuestion } from './entraide.read.js';
import { AddCommentInput, InviteExpertsInput, QuestionCommentsArgs, UpdateCommentInput } from './entraide-social.input.js';
import { withMentionLinks } from './entraide.mentions.js';
import { viewerOf } from './entraide.service.js';
import { AnswerView, MemberCard, QuestionView } from './entraide.types.js';

async function commentOrFail(ctx: Context, user: User, id: string): Promise<CommentView> {
  const comment = await readComment(ctx.em, id, viewerOf(user));
  if (!comment) throw notFound();
  return comment;
}

async function questionOrFail(ctx: Context, user: User, id: string): Promise<QuestionView> {
  const question = await readQuestion(ctx.em, id, viewerOf(user));
  if (!question) throw notFound();
  return question;
}

@Resolver(() => CommentView)
export class CommentsResolver {
  @Query(() => QuestionCommentConnection, { description: 'More comments of a question or an answer, oldest first ("voir les autres").' })
  async questionComments(
    @Args(() => QuestionCommentsArgs) args: QuestionCommentsArgs,
    @CurrentViewer() user: Viewer | null,
    @Ctx() ctx: Context,
  ) {
    const viewer = viewerOf(user);
    let questionId = args.questionId ?? null;
    if (args.answerId) {
      const answer = isUuid(args.answerId) ? await readAnswer(ctx.em, args.answerId, viewer) : null;
      if (!answer) throw notFound();
      questionId = answer.questionId;
    }
    if (!questionId || !(await readQuestion(ctx.em, questionId, viewer))) throw notFound();
    return commentPage(ctx.em, { questionId, answerId: args.answerId ?? null }, viewer, args);
  }

  @Query(() => [MemberCard], {
    description: 'The @mention and invitation picker: active members whose name contains what was typed (8 at most).',
  })
  @Authorized()
  async memberSuggestions(
    @Arg('prefix', () => String) prefix: string,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<MemberCard[]> {
    if (prefix.length > 80) throw badInput({ prefix: say('80 caractères au plus.', '80 characters at most.') });
    return memberSuggestions(ctx.em, prefix, user.id);
  }

  @Mutation(() => CommentView, { description: 'Comments under a question or an answer (the author of what is commented is told).' })
  @Authorized('VERIFIED')
  async addComment(@Arg('input', () => AddCommentInput) input: AddCommentInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return commentOrFail(ctx, user, await social.addComment(ctx.em, user, input));
  }

  @Mutation(() => CommentView, { description: 'Its author edits a comment, within 15 minutes.' })
  @Authorized('VERIFIED')
  async updateComment(@Arg('input', () => UpdateCommentInput) input: UpdateCommentInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return commentOrFail(ctx, user, await social.updateComment(ctx.em, user, input));
  }

  @Mutation(() => ID, { description: 'Its author (or a moderator) deletes a comment; returns its id.' })
  @Authorized()
  async deleteComment(@Arg('id', () => ID) id: string, @CurrentUser() user: User, @Ctx() ctx: Context): Promise<string> {
    return social.deleteComment(ctx.em, user, id);
  }

  @FieldResolver(() => String, { description: 'The comment rendered as safe inline HTML (mentions link to the profile).' })
  bodyHtml(@Root() comment: CommentView): string {
    return renderInlineMarkdown(withMentionLinks(comment.body));
  }

  @FieldResolver(() => Boolean, { description: 'The signed-in member wrote it and may still edit it (15 minutes).' })
  viewerCanEdit(@Root() comment: CommentView, @CurrentViewer() user: Viewer | null): boolean {
    return user?.id === comment.authorId && Date.now() - comment.createdAt.getTime() <= social.EDIT_WINDOW_MINUTES * 60_000;
  }

  @FieldResolver(() => Boolean, { description: 'The signed-in member may delete it (its author or a moderator).' })
  viewerCanDelete(@Root() comment: CommentView, @CurrentViewer() user: Viewer | null): boolean {
    return !!user && (user.id === comment.authorId || isModerator(user));
  }
}

@Resolver(() => QuestionView)
export class InvitationsResolver {
  @Mutation(() => QuestionView, { description: 'The asker invites up to 3 members to answer (each told once).' })
  @Authorized('VERIFIED')
  async inviteExperts(@Arg('input', () => InviteExpertsInput) input: InviteExpertsInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    if (input.memberIds.length > 10) throw badInput({ memberIds: say('Trois personnes au plus.', 'Three people at most.') });
    return questionOrFail(ctx, user, await social.inviteExperts(ctx.em, user, input));
  }

  @Mutation(() => QuestionView, { description: 'An invited member declines to answer.' })
  @Authorized()
  async declineInvitation(@Arg('questionId', () => ID) questionId: string, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return questionOrFail(ctx, user, await social.declineInvitation(ctx.em, user, questionId));
  }

  @FieldResolver(() => QuestionCommentConnection, { description: 'The first comments under the question (3), oldest first.' })
  async comments(@Root() question: QuestionView, @Ctx() ctx: Context): Promise<Connection<CommentView>> {
    return socialLoaders(ctx).comments.load(`q:${question.id}`);
  }

  @FieldResolver(() => [InvitationView], { description: 'Who the asker invited and where each stands: for the asker and moderators only.' })
  async invitations(@Root() question: QuestionView, @CurrentViewer() user: Viewer | null, @Ctx() ctx: Context): Promise<InvitationView[]> {
    if (!user || (user.id !== question.authorId && !isModerator(user))) return [];
    return socialLoaders(ctx).invitations.load(question.id);
  }

  @FieldResolver(() => InvitationStatus, { nullable: true, description: "The signed-in member's own invitation to answer, if any." })
  async myInvitation(
    @Root() question: QuestionView,
    @CurrentViewer() user: Viewer | null,
    @Ctx() ctx: Context,
  ): Promise<InvitationStatus | null> {
    if (!user) return null;
    const mine = (await socialLoaders(ctx).invitations.load(question.id)).find((invitation) => invitation.member.id === user.id);
    return mine?.status ?? null;
  }
}

@Resolver(() => AnswerView)
export class AnswerCommentsResolver {
  @FieldResolver(() => QuestionCommentConnection, { description: 'The first comments under the answer (3), oldest first.' })
  async comments(@Root() answer: AnswerView, @Ctx() ctx: Context): Promise<Connection<CommentView>> {
    return socialLoaders(ctx).comments.load(`a:${answer.id}`);
  }
}
