import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection.js';
import { MaxLength } from '../../graphql/input-limits.js';

@InputType()
export class AddCommentInput {
  @Field(() => ID, { nullable: true, description: 'Comment under this question…' })
  questionId?: string | null;

  @Field(() => ID, { nullable: true, description: '…or under this answer (give one of them).' })
  answerId?: string | null;

  @Field(() => String, { description: 'Inline Markdown, 2 to 600 characters; mentions as `@[Prénom Nom](membre:<id>)`.' })
  @MaxLength(600)
  body!: string;
}

@InputType()
export class UpdateCommentInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  @MaxLength(600)
  body!: string;
}

@InputType()
export class InviteExpertsInput {
  @Field(() => ID)
  questionId!: string;

  @Field(() => [ID], { description: 'One to three members (three per question in all).' })
  memberIds!: string[];
}

@ArgsType()
export class QuestionCommentsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  questionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The comments of this answer (else those of the question).' })
  answerId?: string | null;
}
