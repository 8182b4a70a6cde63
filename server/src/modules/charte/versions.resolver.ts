import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentUser } from '../../graphql/auth.js';
import type { User } from '../comptes/user.entity.js';
import { PageArgs } from '../../graphql/connection.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { CharterArticle, CharterVersion } from './charter-version.entity.js';
import { PublishCharterVersionInput } from './charte.input.js';
import { CharterDiff, CharterDraft, CharterVersionConnection } from './charte.types.js';
import { amendmentsByIds, viewerOf } from './amendments.service.js';
import * as versions from './versions.service.js';

@Resolver(() => CharterVersion)
export class CharterVersionResolver {
  @Query(() => CharterVersion, {
    nullable: true,
    description: 'The current version of the charter, or an older one by number (null before the first publication).',
  })
  async charter(@Ctx() ctx: Context, @Arg('number', () => Int, { nullable: true }) number?: number | null): Promise<CharterVersion | null> {
    return versions.findVersion(ctx.em, number);
  }

  @Query(() => CharterVersionConnection, { description: 'Every published version, newest first.' })
  async charterVersions(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    return versions.listVersions(ctx.em, args);
  }

  @Query(() => CharterDiff, { description: 'The differences between two versions, article by article and word by word.' })
  async charterDiff(@Arg('from', () => Int) from: number, @Arg('to', () => Int) to: number, @Ctx() ctx: Context): Promise<CharterDiff> {
    return versions.diffVersions(ctx.em, from, to);
  }

  @Query(() => CharterDraft, { description: 'Charter committee: the next version as it would be published now.' })
  @Authorized('ADMIN')
  async charterDraft(@CurrentUser() admin: User, @Ctx() ctx: Context): Promise<CharterDraft> {
    const draft = await versions.buildDraft(ctx.em);
    const before = draft.basedOn ? await versions.articlesOf(ctx.em, draft.basedOn.id) : [];
    return {
      basedOnVersion: draft.basedOn?.number ?? null,
      articles: draft.articles,
      amendments: await amendmentsByIds(
        ctx.em,
        viewerOf(admin),
        draft.amendments.map((a) => a.id),
      ),
      diff: draft.basedOn ? versions.describeDiff(draft.basedOn.number, draft.basedOn.number + 1, before, draft.articles) : null,
      suggestedChangelog: draft.suggestedChangelog,
    };
  }

  @Mutation(() => CharterVersion, {
    description: 'Charter committee: publishes a new version; signatories of older ones are asked to sign again.',
  })
  @Authorized('ADMIN')
  async publishCharterVersion(
    @Arg('input', () => PublishCharterVersionInput) input: PublishCharterVersionInput,
    @CurrentUser() admin: User,
    @Ctx() ctx: Context,
  ) {
    return versions.publishVersion(ctx.em, admin, input);
  }

  @FieldResolver(() => String)
  changelogHtml(@Root() version: CharterVersion): string {
    return renderMarkdown(version.changelog);
  }

  @FieldResolver(() => [CharterArticle])
  async articles(@Root() version: CharterVersion, @Ctx() ctx: Context): Promise<CharterArticle[]> {
    return versions.articlesOf(ctx.em, version.id);
  }

  @FieldResolver(() => Boolean)
  async isCurrent(@Root() version: CharterVersion, @Ctx() ctx: Context): Promise<boolean> {
    return (await versions.currentVersion(ctx.em))?.id === version.id;
  }

  @FieldResolver(() => Int, { description: 'Signatures of exactly this version, not withdrawn.' })
  async signatureCount(@Root() version: CharterVersion, @Ctx() ctx: Context): Promise<number> {
    return versions.countSignatures(ctx.em, version.id);
  }

  @FieldResolver(() => Int, {
    description: 'Everyone in the public list of signatories (persons and organizations, whatever version they signed).',
  })
  async signatoryCount(@Ctx() ctx: Context): Promise<number> {
    return versions.countSignatories(ctx.em);
  }

  @FieldResolver(() => CharterDiff, { nullable: true, description: 'What changed since the previous version (null for the first).' })
  async changes(@Root() version: CharterVersion, @Ctx() ctx: Context): Promise<CharterDiff | null> {
    return version.number > 1 ? versions.diffVersions(ctx.em, version.number - 1, version.number) : null;
  }
}

@Resolver(() => CharterArticle)
export class CharterArticleResolver {
  @FieldResolver(() => String)
  bodyHtml(@Root() article: CharterArticle): string {
    return renderMarkdown(article.body);
  }
}
