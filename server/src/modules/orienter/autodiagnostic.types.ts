import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { DigitalLevel } from '../agenda/event.entity.js';

@ObjectType({ description: 'One possible answer to a self-check question.', simpleResolvers: true })
export class SelfCheckAnswerView {
  @Field(() => Int, { description: 'What the form sends back.' }) index!: number;
  @Field(() => String) label!: string;
}

@ObjectType({ description: 'One question of the self-check, in the request’s language.', simpleResolvers: true })
export class SelfCheckQuestionView {
  @Field(() => Int) index!: number;
  @Field(() => String) domain!: string;
  @Field(() => String) domainLabel!: string;
  @Field(() => String) text!: string;
  @Field(() => [SelfCheckAnswerView]) answers!: SelfCheckAnswerView[];
}

@ObjectType({ description: 'The self-check: its questions, and where they come from.', simpleResolvers: true })
export class SelfCheckView {
  @Field(() => [SelfCheckQuestionView]) questions!: SelfCheckQuestionView[];
  @Field(() => String) source!: string;
}

@ObjectType({ description: 'The level found in one domain.', simpleResolvers: true })
export class SelfCheckDomainLevel {
  @Field(() => String) domain!: string;
  @Field(() => String) domainLabel!: string;
  @Field(() => DigitalLevel, { description: 'The same five levels as the agenda’s events.' }) level!: DigitalLevel;
  @Field(() => String) levelLabel!: string;
  @Field(() => String) description!: string;
}

@ObjectType({ description: 'A self-check result the person kept.', simpleResolvers: true })
export class SelfCheckResultView {
  @Field(() => String) id!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => [SelfCheckDomainLevel]) levels!: SelfCheckDomainLevel[];
}

@InputType()
export class SelfCheckAnswersInput {
  @Field(() => [Int], { description: 'For each question in order, the index of the answer chosen.' })
  answers!: number[];
}
