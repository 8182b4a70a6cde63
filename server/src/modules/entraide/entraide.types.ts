import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { HAS_PROFILE_DESCRIPTION } from '../comptes/comptes.read.js';
import { Metier } from '../comptes/user.entity.js';
import { Tag } from '../mots-cles/tag.entity.js';

export enum QuestionSort {
  /** Best match first (the default when searching). */
  RELEVANCE = 'relevance',
  /** Newest first (the default otherwise). */
  RECENT = 'recent',
  /** Latest answer, edit or acceptance first. */
  ACTIVE = 'active',
  /** Highest score first. */
  VOTES = 'votes',
}
registerEnumType(QuestionSort, { name: 'QuestionSort' });

export enum VoteValue {
  UP = 'up',
  DOWN = 'down',
  /** Withdraws one's vote. */
  NONE = 'none',
}
registerEnumType(VoteValue, { name: 'VoteValue' });

@ObjectType({ description: 'A member as shown next to what they wrote.', simpleResolvers: true })
export class MemberCard {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => Boolean, { description: HAS_PROFILE_DESCRIPTION })
  hasProfile!: boolean;

  @Field(() => Metier, { nullable: true })
  metier!: Metier | null;

  @Field(() => String, { nullable: true })
  commune!: string | null;

  @Field(() => String, { nullable: true })
  departement!: string | null;
}

@ObjectType({ description: 'Where a question closed as a duplicate points to.', simpleResolvers: true })
export class QuestionRef {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;
}

/** A question as read (one SQL row), with what the viewer needs to know about it. */
// Plain data: `simpleResolvers` skips type-graphql's per-field middleware (most of the cost of a long list).
@ObjectType('Question', { description: 'A question asked to the network.', simpleResolvers: true })
export class QuestionView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'Markdown as written.' })
  body!: string;

  @Field(() => [Tag])
  tags!: Tag[];

  @Field(() => String, { nullable: true })
  departement!: string | null;

  @Field(() => String, { nullable: true })
  commune!: string | null;

  @Field(() => MemberCard)
  author!: MemberCard;

  @Field(() => Int, { description: 'Up votes minus down votes.' })
  score!: number;

  @Field(() => Int)
  upVotes!: number;

  @Field(() => Int)
  downVotes!: number;

  @Field(() => Int, { description: 'Visible answers.' })
  answerCount!: number;

  @Field(() => ID, { nullable: true })
  acceptedAnswerId!: string | null;

  @Field(() => Date, { nullable: true })
  acceptedAt!: Date | null;

  @Field(() => QuestionRef, { nullable: true, description: 'Set when a moderator closed this question as a duplicate of another.' })
  duplicateOf!: QuestionRef | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "The author's last edit." })
  editedAt!: Date | null;

  @Field(() => Date)
  lastActivityAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Hidden by moderation (only its author and moderators still see it).' })
  hiddenAt!: Date | null;

  @Field(() => String, { nullable: true })
  hiddenReason!: string | null;

  @Field(() => VoteValue, { description: "The signed-in member's vote (NONE for a visitor)." })
  myVote!: VoteValue;

  @Field(() => Boolean, { description: 'Whether the signed-in member follows this question.' })
  followedByMe!: boolean;

  /** Not exposed: who asked, for the viewer's rights. */
  authorId!: string;
}

@ObjectType()
export class QuestionConnection extends connectionOf(QuestionView) {}

@ObjectType('Answer', { description: 'An answer to a question.', simpleResolvers: true })
export class AnswerView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  questionId!: string;

  @Field(() => String, { description: 'Markdown as written.' })
  body!: string;

  @Field(() => MemberCard)
  author!: MemberCard;

  @Field(() => Int)
  score!: number;

  @Field(() => Int)
  upVotes!: number;

  @Field(() => Int)
  downVotes!: number;

  @Field(() => Boolean, { description: 'The answer the asker (or a moderator) accepted.' })
  isAccepted!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  editedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  hiddenAt!: Date | null;

  @Field(() => String, { nullable: true })
  hiddenReason!: string | null;

  @Field(() => VoteValue)
  myVote!: VoteValue;

  authorId!: string;
}

@ObjectType({ description: 'What a vote changed: the question or the answer, with its new counts and your vote.', simpleResolvers: true })
export class VotePayload {
  @Field(() => QuestionView, { nullable: true })
  question!: QuestionView | null;

  @Field(() => AnswerView, { nullable: true })
  answer!: AnswerView | null;
}

@ObjectType({ description: 'The evidence that a member knows a tag: accepted and up-voted answers.', simpleResolvers: true })
export class Expertise {
  @Field(() => Tag)
  tag!: Tag;

  @Field(() => Int, { description: '5 points per accepted answer, 1 per up vote received, 2 per answer given after an invitation.' })
  score!: number;

  @Field(() => Int)
  acceptedAnswers!: number;

  @Field(() => Int, { description: 'Up votes received on answers with this tag.' })
  upVotes!: number;

  @Field(() => Int, { description: 'Visible answers with this tag.' })
  answers!: number;

  @Field(() => Int, { description: 'Answers with this tag given after the asker invited this member.' })
  invitedAnswers!: number;
}

@ObjectType({ description: 'A member who knows a tag, and the evidence.', simpleResolvers: true })
export class Expert {
  @Field(() => MemberCard)
  member!: MemberCard;

  @Field(() => Expertise)
  expertise!: Expertise;

  @Field(() => Float, {
    nullable: true,
    description: 'Approximate distance (from the centre of their département) when searching near a point.',
  })
  distanceKm!: number | null;
}

@ObjectType()
export class ExpertConnection extends connectionOf(Expert) {}

@ObjectType()
export class TagConnection extends connectionOf(Tag) {}
