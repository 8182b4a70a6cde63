import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CurrentUser, isModerator, CurrentViewer } from '../../graphql/auth.js';
import type { Viewer } from '../comptes/viewer.js';
import type { Context } from '../../graphql/context.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { departementsNear } from '../../shared/departement-centres.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { normalizeTag } from '../../shared/tags.js';
import { isDepartement, normalizeDepartement } from '../../shared/territory.js';
import { User } from '../comptes/user.entity.js';
import { Tag } from '../mots-cles/tag.entity.js';
import { findTag } from '../mots-cles/mots-cles.service.js';
import {
  AcceptAnswerInput,
  AnswerQuestionInput,
  AskQuestionInput,
  CloseAsDuplicateInput,
  ExpertsArgs,
  FollowQuestionInput,
  FollowTagInput,
  QuestionsArgs,
  ReopenQuestionInput,
  SimilarQuestionsArgs,
  TagsArgs,
  UpdateAnswerInput,
  UpdateQuestionInput,
  VoteInput,
} from './entraide.input.js';
import { loaders } from './entraide.loaders.js';
import { withMentionLinks } from './entraide.mentions.js';
import * as read from './entraide.read.js';
import * as entraide from './entraide.service.js';
import { AnswerView, ExpertConnection, Expertise, QuestionConnection, QuestionView, TagConnection, VotePayload } from './entraide.types.js';

const DEFAULT_RADIUS_KM = 50;

async function questionOrFail(ctx: Context, user: User | null, id: string): Promise<QuestionView> {
  const question = await read.readQuestion(ctx.em, id, entraide.viewerOf(user));
  if (!question) throw notFound();
  return question;
}

async function answerOrFail(ctx: Context, user: User | null, id: string): Promise<AnswerView> {
  const answer = await read.readAnswer(ctx.em, id, entraide.viewerOf(user));
  if (!answer) throw notFound();
  return answer;
}

/** An optional département filter: normalized, or a clear error. */
function departementArg(raw: string | null | undefined): string | null {
  const code = normalizeDepartement(raw);
  if (code && !isDepartement(code))
    throw badInput({ departement: say(`« ${raw} » n’est pas un numéro de département.`, `"${raw}" is not a département code.`) });
  return code;
}

@Resolver(() => QuestionView)
export class QuestionsResolver {
  @Query(() => QuestionConnection, { description: 'Questions: search (accents ignored, by relevance), filters and sorts.' })
  async questions(@Args(() => QuestionsArgs) args: QuestionsArgs, @CurrentViewer() user: Viewer | null, @Ctx() ctx: Context) {
    return read.listQuestions(
      ctx.em,
      {
        search: args.search?.trim() || null,
        tag: args.tag ? normalizeTag(args.tag) || null : null,
        unanswered: args.unanswered,
        accepted: args.accepted,
        departement: departementArg(args.departement),
        authorId: args.authorId ?? null,
        sort: args.sort,
      },
      entraide.viewerOf(user),
      args,
    );
  }

  @Query(() => QuestionView, { nullable: true })
  async question(@Arg('id', () => ID) id: string, @CurrentViewer() user: Viewer | null, @Ctx() ctx: Context): Promise<QuestionView | null> {
    return read.readQuestion(ctx.em, id, entraide.viewerOf(user));
  }

  @Query(() => AnswerView, { nullable: true, description: 'One answer (hidden ones only for their author and moderators).' })
  async answer(@Arg('id', () => ID) id: string, @CurrentViewer() user: Viewer | null, @Ctx() ctx: Context): Promise<AnswerView | null> {
    if (!read.isUuid(id)) return null;
    return read.readAnswer(ctx.em, id, entraide.viewerOf(user));
  }

  @Query(() => [QuestionView], { description: 'Existing questions close to a title being typed, to avoid asking twice.' })
  async similarQuestions(@Args(() => SimilarQuestionsArgs) args: SimilarQuestionsArgs, @Ctx() ctx: Context): Promise<QuestionView[]> {
    const first = args.first ?? 5;
    if (first < 1 || first > 10) throw badInput({ first: say('Demandez entre 1 et 10 questions.', 'Ask for 1 to 10 questions.') });
    return read.similarQuestions(ctx.em, args.title, first);
  }

  @Mutation(() => QuestionView, { description: 'Asks the network (you then follow your question).' })
  @Authorized('VERIFIED')
  async askQuestion(@Arg('input', () => AskQuestionInput) input: AskQuestionInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    const id = await entraide.askQuestion(ctx.em, user, input);
    return questionOrFail(ctx, user, id);
  }

  @Mutation(() => QuestionView, { description: 'The author edits their question.' })
  @Authorized('VERIFIED')
  async updateQuestion(
    @Arg('input', () => UpdateQuestionInput) input: UpdateQuestionInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    const id = await entraide.updateQuestion(ctx.em, user, input);
    return questionOrFail(ctx, user, id);
  }

  @Mutation(() => AnswerView)
  @Authorized('VERIFIED')
  async answerQuestion(
    @Arg('input', () => AnswerQuestionInput) input: AnswerQuestionInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    const id = await entraide.answerQuestion(ctx.em, user, input);
    return answerOrFail(ctx, user, id);
  }

  @Mutation(() => AnswerView, { description: 'The author edits their answer.' })
  @Authorized('VERIFIED')
  async updateAnswer(@Arg('input', () => UpdateAnswerInput) input: UpdateAnswerInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    const id = await entraide.updateAnswer(ctx.em, user, input);
    return answerOrFail(ctx, user, id);
  }

  @Mutation(() => VotePayload, { description: 'Votes up or down on a question or an answer (NONE withdraws the vote).' })
  @Authorized('VERIFIED')
  async vote(@Arg('input', () => VoteInput) input: VoteInput, @CurrentUser() user: User, @Ctx() ctx: Context): Promise<VotePayload> {
    const target = await entraide.vote(ctx.em, user, input);
    return {
      question: target.questionId ? await questionOrFail(ctx, user, target.questionId) : null,
      answer: target.answerId ? await answerOrFail(ctx, user, target.answerId) : null,
    };
  }

  @Mutation(() => QuestionView, { description: 'The asker (or a moderator) accepts an answer; accepting another one changes it.' })
  @Authorized('VERIFIED')
  async acceptAnswer(@Arg('input', () => AcceptAnswerInput) input: AcceptAnswerInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    const id = await entraide.acceptAnswer(ctx.em, user, input.answerId);
    return questionOrFail(ctx, user, id);
  }

  @Mutation(() => QuestionView, { description: 'Moderators: closes a question as a duplicate of an original it then points to.' })
  @Authorized('VERIFIED')
  async closeAsDuplicate(
    @Arg('input', () => CloseAsDuplicateInput) input: CloseAsDuplicateInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    const id = await entraide.closeAsDuplicate(ctx.em, user, input);
    return questionOrFail(ctx, user, id);
  }

  @Mutation(() => QuestionView, { description: 'Moderators: reopens a question closed as a duplicate.' })
  @Authorized('VERIFIED')
  async reopenQuestion(
    @Arg('input', () => ReopenQuestionInput) input: ReopenQuestionInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    const id = await entraide.reopenQuestion(ctx.em, user, input.questionId);
    return questionOrFail(ctx, user, id);
  }

  @Mutation(() => QuestionView, { description: 'Follow a question (be told of new answers) or stop following it.' })
  @Authorized()
  async followQuestion(
    @Arg('input', () => FollowQuestionInput) input: FollowQuestionInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    const id = await entraide.followQuestion(ctx.em, user, input);
    return questionOrFail(ctx, user, id);
  }

  @FieldResolver(() => String, { description: 'The body rendered as safe HTML.' })
  bodyHtml(@Root() question: QuestionView): string {
    return renderMarkdown(withMentionLinks(question.body));
  }

  @FieldResolver(() => String, { description: 'The start of the body as plain text (for lists).' })
  excerpt(@Root() question: QuestionView): string {
    return plainExcerpt(question.body);
  }

  @FieldResolver(() => [AnswerView], { description: 'Accepted first, then by score. Hidden answers only for their author and moderators.' })
  async answers(@Root() question: QuestionView, @Ctx() ctx: Context): Promise<AnswerView[]> {
    return loaders(ctx).answers.load(question.id);
  }

  @FieldResolver(() => Boolean, { description: 'The signed-in member wrote it and may edit it.' })
  viewerCanEdit(@Root() question: QuestionView, @CurrentViewer() user: Viewer | null): boolean {
    return user?.id === question.authorId;
  }

  @FieldResolver(() => Boolean, { description: 'The signed-in member may accept an answer (the asker, or a moderator).' })
  viewerCanAccept(@Root() question: QuestionView, @CurrentViewer() user: Viewer | null): boolean {
    return !!user && (user.id === question.authorId || isModerator(user));
  }

  @FieldResolver(() => Boolean, { description: 'The signed-in member may vote on it (signed in, not its author).' })
  viewerCanVote(@Root() question: QuestionView, @CurrentViewer() user: Viewer | null): boolean {
    return !!user && user.id !== question.authorId;
  }
}

@Resolver(() => AnswerView)
export class AnswersResolver {
  @FieldResolver(() => String)
  bodyHtml(@Root() answer: AnswerView): string {
    return renderMarkdown(withMentionLinks(answer.body));
  }

  @FieldResolver(() => Boolean)
  viewerCanEdit(@Root() answer: AnswerView, @CurrentViewer() user: Viewer | null): boolean {
    return user?.id === answer.authorId;
  }

  @FieldResolver(() => Boolean)
  viewerCanVote(@Root() answer: AnswerView, @CurrentViewer() user: Viewer | null): boolean {
    return !!user && user.id !== answer.authorId;
  }
}

@Resolver(() => Tag)
export class TagsResolver {
  @Query(() => TagConnection, { description: 'Tags of the shared list, most used first.' })
  async tags(@Args(() => TagsArgs) args: TagsArgs, @Ctx() ctx: Context) {
    return read.listTags(ctx.em, args.search, args);
  }

  @Query(() => Tag, { nullable: true, description: 'One tag, by slug or as written.' })
  async tag(@Arg('slug', () => String) slug: string, @Ctx() ctx: Context): Promise<Tag | null> {
    return findTag(ctx.em, slug);
  }

  @Query(() => [Tag], { description: 'The tags the signed-in member follows.' })
  @Authorized()
  async myFollowedTags(@CurrentUser() user: User, @Ctx() ctx: Context): Promise<Tag[]> {
    return entraide.followedTags(ctx.em, user);
  }

  @Mutation(() => Tag, { description: 'Follow a tag (be told of new questions that carry it) or stop following it.' })
  @Authorized()
  async followTag(@Arg('input', () => FollowTagInput) input: FollowTagInput, @CurrentUser() user: User, @Ctx() ctx: Context): Promise<Tag> {
    return entraide.followTag(ctx.em, user, input);
  }

  @FieldResolver(() => Int, { description: 'Visible questions with this tag.' })
  async questionCount(@Root() tag: Tag, @Ctx() ctx: Context): Promise<number> {
    return (await loaders(ctx).tagStats.load(tag.slug)).questionCount;
  }

  @FieldResolver(() => Int)
  async followerCount(@Root() tag: Tag, @Ctx() ctx: Context): Promise<number> {
    return (await loaders(ctx).tagStats.load(tag.slug)).followerCount;
  }

  @FieldResolver(() => Boolean)
  async followedByMe(@Root() tag: Tag, @CurrentViewer() user: Viewer | null, @Ctx() ctx: Context): Promise<boolean> {
    if (!user) return false;
    return (await loaders(ctx).tagStats.load(tag.slug)).followedByMe;
  }
}

@Resolver(() => User)
export class ExpertiseResolver {
  @Query(() => ExpertConnection, { description: '"Qui sait ?": members ranked for a tag from their accepted and up-voted answers.' })
  async experts(@Args(() => ExpertsArgs) args: ExpertsArgs, @Ctx() ctx: Context) {
    const tag = normalizeTag(args.tag);
    if (!tag) throw badInput({ tag: say('Indiquez un mot-clé.', 'Enter a tag.') });
    let departements: string[] | null = null;
    let distances = new Map<string, number>();
    const departement = departementArg(args.departement);
    if (departement) departements = [departement];
    if (args.near) {
      const { lat, lng } = args.near;
      const radiusKm = args.near.radiusKm ?? DEFAULT_RADIUS_KM;
      if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180))
        throw badInput({ near: say('Ce point n’existe pas (latitude, longitude).', 'This point does not exist (latitude, longitude).') });
      if (!(radiusKm > 0 && radiusKm <= 1000))
        throw badInput({ near: say('Le rayon doit être entre 1 et 1 000 km.', 'The radius must be between 1 and 1,000 km.') });
      const near = departementsNear({ lat, lng }, radiusKm);
      distances = new Map(near.map((entry) => [entry.code, entry.distanceKm]));
      const codes = near.map((entry) => entry.code);
      departements = departements ? departements.filter((code) => distances.has(code)) : codes;
    }
    const page = await read.rankExperts(ctx.em, tag, departements, args);
    const edges = page.edges.map(({ cursor, node }) => ({
      cursor,
      node: { ...node, distanceKm: args.near && node.member.departement ? (distances.get(node.member.departement) ?? null) : null },
    }));
    return { ...page, edges };
  }

  @Query(() => [Expertise], { description: 'A member\'s expertise, computed like "Qui sait ?".' })
  async memberExpertise(@Arg('userId', () => ID) userId: string, @Ctx() ctx: Context): Promise<Expertise[]> {
    if (!read.isUuid(userId)) return [];
    return loaders(ctx).expertise.load(userId);
  }

  @FieldResolver(() => [Expertise], { description: 'Tags this member knows, from their accepted and up-voted answers (best first).' })
  async expertise(@Root() user: User, @Ctx() ctx: Context): Promise<Expertise[]> {
    return loaders(ctx).expertise.load(user.id);
  }
}

/**
 * Markdown → a short plain-text excerpt (marks removed, one line). Only what is Markdown's syntax goes: a heading's
 * "#", a list's bullet and a quote's ">" at the start of a line, paired "**", "*", "_", "~~" and "`" around words, a
 * link's address. The rest is the author's text as written: "seniors > 60 ans", "<->", "nom_de_fichier" stay.
 */
export function plainExcerpt(markdown: string, length = 220): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]*(?:#{1,6}|>+|[-+*]|\d+[.)])[ \t]+/gm, '')
    .replace(/(\*\*|__|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\p{L}\p{N}*_])([*_])(?=\S)([\s\S]*?\S)\2(?![\p{L}\p{N}])/gu, '$1$3')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= length ? text : `${text.slice(0, length - 1).replace(/\s+\S*$/, '')}…`;
}
