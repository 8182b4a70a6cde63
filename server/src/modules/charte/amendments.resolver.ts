import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentUser, CurrentViewer } from '../../graphql/auth.js';
import type { Viewer } from '../comptes/viewer.js';
import type { User } from '../comptes/user.entity.js';
import { notFound } from '../../graphql/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { markedText, wordDiff } from './charter-diff.js';
import {
  AmendmentCommentsArgs,
  AmendmentRefInput,
  AmendmentsArgs,
  CommentAmendmentInput,
  DecideAmendmentInput,
  ProposeAmendmentInput,
} from './charte.input.js';
import {
  Amendment,
  AmendmentComment,
  AmendmentCommentConnection,
  AmendmentConnection,
  DiffSegment,
  DiffSegmentKind,
} from './charte.types.js';
import * as amendments from './amendments.service.js';

async function reload(ctx: Context, user: User, id: string): Promise<Amendment> {
  const amendment = await amendments.findAmendment(ctx.em, amendments.viewerOf(user), id);
  if (!amendment) throw notFound();
  return amendment;
}

@Resolver(() => Amendment)
export class AmendmentResolver {
  @Query(() => AmendmentConnection, { description: 'Amendments to the charter: open ones first, then the newest.' })
  async charterAmendments(@Args(() => AmendmentsArgs) args: AmendmentsArgs, @CurrentViewer() user: Viewer | null, @Ctx() ctx: Context) {
    return amendments.listAmendments(ctx.em, amendments.viewerOf(user), args);
  }

  @Query(() => Amendment, { nullable: true })
  async charterAmendment(
    @Arg('id', () => ID) id: string,
    @CurrentViewer() user: Viewer | null,
    @Ctx() ctx: Context,
  ): Promise<Amendment | null> {
    return amendments.findAmendment(ctx.em, amendments.viewerOf(user), id);
  }

  @Query(() => AmendmentCommentConnection, { description: 'The discussion of an amendment, oldest first.' })
  async amendmentComments(
    @Args(() => AmendmentCommentsArgs) args: AmendmentCommentsArgs,
    @CurrentViewer() user: Viewer | null,
    @Ctx() ctx: Context,
  ) {
    return amendments.listComments(ctx.em, amendments.viewerOf(user), args);
  }

  @Mutation(() => Amendment, { description: 'A signatory of the current version proposes to rewrite an article.' })
  @Authorized('VERIFIED')
  async proposeAmendment(
    @Arg('input', () => ProposeAmendmentInput) input: ProposeAmendmentInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return reload(ctx, user, await amendments.proposeAmendment(ctx.em, user, input));
  }

  @Mutation(() => Amendment, { description: '"Je soutiens": one support per member.' })
  @Authorized('VERIFIED')
  async supportAmendment(@Arg('input', () => AmendmentRefInput) input: AmendmentRefInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    await amendments.supportAmendment(ctx.em, user, input.amendmentId);
    return reload(ctx, user, input.amendmentId);
  }

  @Mutation(() => Amendment)
  @Authorized()
  async withdrawAmendmentSupport(
    @Arg('input', () => AmendmentRefInput) input: AmendmentRefInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    await amendments.withdrawSupport(ctx.em, user, input.amendmentId);
    return reload(ctx, user, input.amendmentId);
  }

  @Mutation(() => AmendmentComment)
  @Authorized('VERIFIED')
  async commentAmendment(
    @Arg('input', () => CommentAmendmentInput) input: CommentAmendmentInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return amendments.commentAmendment(ctx.em, user, input);
  }

  @Mutation(() => Amendment, { description: 'Its author withdraws it before the decision.' })
  @Authorized()
  async withdrawAmendment(@Arg('input', () => AmendmentRefInput) input: AmendmentRefInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    await amendments.withdrawAmendment(ctx.em, user, input.amendmentId);
    return reload(ctx, user, input.amendmentId);
  }

  @Mutation(() => Amendment, { description: 'Charter committee: accepts (for the next version) or rejects, with a reply.' })
  @Authorized('ADMIN')
  async decideAmendment(
    @Arg('input', () => DecideAmendmentInput) input: DecideAmendmentInput,
    @CurrentUser() admin: User,
    @Ctx() ctx: Context,
  ) {
    await amendments.decideAmendment(ctx.em, admin, input);
    return reload(ctx, admin, input.amendmentId);
  }

  @FieldResolver(() => String)
  proposedBodyHtml(@Root() amendment: Amendment): string {
    return renderMarkdown(amendment.proposedBody);
  }

  @FieldResolver(() => String)
  reasonHtml(@Root() amendment: Amendment): string {
    return renderMarkdown(amendment.reason);
  }

  @FieldResolver(() => String, { nullable: true })
  decisionReplyHtml(@Root() amendment: Amendment): string | null {
    return amendment.decisionReply ? renderMarkdown(amendment.decisionReply) : null;
  }

  @FieldResolver(() => [DiffSegment], { description: 'The article as it was → as proposed (or as retained), word by word.' })
  diff(@Root() amendment: Amendment): DiffSegment[] {
    return wordDiff(amendment.article.body, amendment.adoptedBody ?? amendment.proposedBody).map((s) => ({
      kind: s.kind as DiffSegmentKind,
      text: s.text,
    }));
  }

  @FieldResolver(() => String, { description: 'The same differences with "[+ added +]" and "[- removed -]" markers.' })
  diffMarked(@Root() amendment: Amendment): string {
    return markedText(wordDiff(amendment.article.body, amendment.adoptedBody ?? amendment.proposedBody));
  }
}

@Resolver(() => AmendmentComment)
export class AmendmentCommentResolver {
  @FieldResolver(() => String)
  bodyHtml(@Root() comment: AmendmentComment): string {
    return renderMarkdown(comment.body);
  }
}
