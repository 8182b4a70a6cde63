import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireAdmin, requireUser } from '../../graphql/auth.js';
import { notFound } from '../../graphql/errors.js';
import { pageWindow, toConnection } from '../../graphql/connection.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { markedText, wordDiff } from './charter-diff.js';
import { AmendmentCommentsArgs, AmendmentRefInput, AmendmentsArgs, CommentAmendmentInput, DecideAmendmentInput, ProposeAmendmentInput } from './charte.input.js';
import { Amendment, AmendmentComment, AmendmentCommentConnection, AmendmentConnection, DiffSegment, DiffSegmentKind } from './charte.types.js';
import * as amendments from './amendments.service.js';

async function reload(ctx: Context, id: string): Promise<Amendment> {
  const amendment = await amendments.findAmendment(ctx.em, amendments.viewerOf(ctx.user), id);
  if (!amendment) throw notFound();
  return amendment;
}

@Resolver(() => Amendment)
export class AmendmentResolver {
  @Query(() => AmendmentConnection, { description: 'Amendments to the charter: open ones first, then the newest.' })
  async charterAmendments(@Args(() => AmendmentsArgs) args: AmendmentsArgs, @Ctx() ctx: Context) {
    const { limit, offset } = pageWindow(args);
    const { nodes, total } = await amendments.listAmendments(ctx.em, amendments.viewerOf(ctx.user), args, limit, offset);
    return toConnection(nodes, offset, total);
  }

  @Query(() => Amendment, { nullable: true })
  async charterAmendment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Amendment | null> {
    return amendments.findAmendment(ctx.em, amendments.viewerOf(ctx.user), id);
  }

  @Query(() => AmendmentCommentConnection, { description: 'The discussion of an amendment, oldest first.' })
  async amendmentComments(@Args(() => AmendmentCommentsArgs) args: AmendmentCommentsArgs, @Ctx() ctx: Context) {
    const { limit, offset } = pageWindow(args);
    const { nodes, total } = await amendments.listComments(ctx.em, amendments.viewerOf(ctx.user), args.amendmentId, limit, offset);
    return toConnection(nodes, offset, total);
  }

  @Mutation(() => Amendment, { description: 'A signatory of the current version proposes to rewrite an article.' })
  async proposeAmendment(@Arg('input', () => ProposeAmendmentInput) input: ProposeAmendmentInput, @Ctx() ctx: Context) {
    return reload(ctx, await amendments.proposeAmendment(ctx.em, requireUser(ctx), input));
  }

  @Mutation(() => Amendment, { description: '"Je soutiens": one support per member.' })
  async supportAmendment(@Arg('input', () => AmendmentRefInput) input: AmendmentRefInput, @Ctx() ctx: Context) {
    await amendments.supportAmendment(ctx.em, requireUser(ctx), input.amendmentId);
    return reload(ctx, input.amendmentId);
  }

  @Mutation(() => Amendment)
  async withdrawAmendmentSupport(@Arg('input', () => AmendmentRefInput) input: AmendmentRefInput, @Ctx() ctx: Context) {
    await amendments.withdrawSupport(ctx.em, requireUser(ctx), input.amendmentId);
    return reload(ctx, input.amendmentId);
  }

  @Mutation(() => AmendmentComment)
  async commentAmendment(@Arg('input', () => CommentAmendmentInput) input: CommentAmendmentInput, @Ctx() ctx: Context) {
    return amendments.commentAmendment(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => Amendment, { description: 'Its author withdraws it before the decision.' })
  async withdrawAmendment(@Arg('input', () => AmendmentRefInput) input: AmendmentRefInput, @Ctx() ctx: Context) {
    await amendments.withdrawAmendment(ctx.em, requireUser(ctx), input.amendmentId);
    return reload(ctx, input.amendmentId);
  }

  @Mutation(() => Amendment, { description: 'Charter committee: accepts (for the next version) or rejects, with a reply.' })
  async decideAmendment(@Arg('input', () => DecideAmendmentInput) input: DecideAmendmentInput, @Ctx() ctx: Context) {
    await amendments.decideAmendment(ctx.em, requireAdmin(ctx), input);
    return reload(ctx, input.amendmentId);
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
    return wordDiff(amendment.article.body, amendment.adoptedBody ?? amendment.proposedBody).map((s) => ({ kind: s.kind as DiffSegmentKind, text: s.text }));
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
