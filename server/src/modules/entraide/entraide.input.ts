import { NearInput } from '../../graphql/near.input.js';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/connection.js';
import { QuestionSort, VoteValue } from './entraide.types.js';
import { MaxLength } from '../../graphql/input-limits.js';

@InputType()
export class AskQuestionInput {
  @Field(() => String, {
    description: '10 to 200 characters, e.g. "Comment aider une personne qui ne sait pas lire à faire sa démarche CAF ?"',
  })
  title!: string;

  @Field(() => String, { description: 'Markdown.' })
  @MaxLength(20000)
  body!: string;

  @Field(() => [String], { description: '1 to 5 tags; new ones are created, spellings are normalized.' })
  tags!: string[];

  @Field(() => String, { nullable: true, description: 'Département code, e.g. "44".' })
  departement?: string | null;

  @Field(() => String, { nullable: true })
  commune?: string | null;
}

@InputType()
export class UpdateQuestionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(20000)
  body?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => String, { nullable: true, description: 'An empty string removes the territory.' })
  departement?: string | null;

  @Field(() => String, { nullable: true, description: 'An empty string removes the commune.' })
  commune?: string | null;
}

@InputType()
export class AnswerQuestionInput {
  @Field(() => ID)
  questionId!: string;

  @Field(() => String, { description: 'Markdown.' })
  @MaxLength(20000)
  body!: string;
}

@InputType()
export class UpdateAnswerInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  @MaxLength(20000)
  body!: string;
}

@InputType({ description: 'A vote on a question (questionId) or on an answer (answerId): give one of them.' })
export class VoteInput {
  @Field(() => ID, { nullable: true })
  questionId?: string | null;

  @Field(() => ID, { nullable: true })
  answerId?: string | null;

  @Field(() => VoteValue)
  value!: VoteValue;
}

@InputType()
export class AcceptAnswerInput {
  @Field(() => ID)
  answerId!: string;
}

@InputType()
export class CloseAsDuplicateInput {
  @Field(() => ID, { description: 'The question to close.' })
  questionId!: string;

  @Field(() => ID, { description: 'The original question it repeats.' })
  originalId!: string;
}

@InputType()
export class ReopenQuestionInput {
  @Field(() => ID)
  questionId!: string;
}

@InputType()
export class FollowQuestionInput {
  @Field(() => ID)
  questionId!: string;

  @Field(() => Boolean, { description: 'false to stop following.' })
  follow!: boolean;
}

@InputType()
export class FollowTagInput {
  @Field(() => String, { description: 'A tag as written or its slug.' })
  tag!: string;

  @Field(() => Boolean)
  follow!: boolean;
}

@ArgsType()
export class QuestionsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'French full text, accents ignored: "demarche caf" finds "Démarches CAF".' })
  search?: string | null;

  @Field(() => String, { nullable: true })
  tag?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only questions without any visible answer.' })
  unanswered?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only with an accepted answer; false: only without.' })
  accepted?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Département code.' })
  departement?: string | null;

  @Field(() => ID, { nullable: true })
  authorId?: string | null;

  @Field(() => QuestionSort, { nullable: true, description: 'RELEVANCE when searching, RECENT otherwise.' })
  sort?: QuestionSort | null;
}

@ArgsType()
export class ExpertsArgs extends PageArgs {
  @Field(() => String)
  tag!: string;

  @Field(() => String, { nullable: true, description: 'Only members of this département.' })
  departement?: string | null;

  @Field(() => NearInput, { nullable: true, description: 'Only members whose département centre is within the radius.' })
  near?: NearInput | null;
}

@ArgsType()
export class TagsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Start of a tag, accents ignored.' })
  search?: string | null;
}

@ArgsType()
export class SimilarQuestionsArgs {
  @Field(() => String, { description: 'The title being typed.' })
  title!: string;

  @Field(() => Int, { nullable: true, description: '5 by default, 10 at most.' })
  first?: number | null;
}
