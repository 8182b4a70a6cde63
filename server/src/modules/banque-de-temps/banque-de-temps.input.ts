import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/connection.js';
import { ExchangeStatus } from './exchange.entity.js';
import { PostCategory, PostKind } from './post.entity.js';
import { MaxLength } from '../../graphql/input-limits.js';

@ArgsType()
export class TimebankPostsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Words to find in the title or description (accents ignored).' })
  search?: string | null;

  @Field(() => PostKind, { nullable: true })
  kind?: PostKind | null;

  @Field(() => PostCategory, { nullable: true })
  category?: PostCategory | null;

  @Field(() => String, { nullable: true })
  tag?: string | null;

  @Field(() => String, { nullable: true, description: 'Département code, e.g. "44".' })
  departement?: string | null;

  @Field(() => ID, { nullable: true })
  authorId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Also closed posts (open ones only by default).' })
  includeClosed?: boolean | null;
}

/** What an offer or a request says: the same when it is published and when its author corrects it. */
@InputType()
export abstract class TimebankPostFields {
  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'Markdown.' })
  @MaxLength(5000)
  description!: string;

  @Field(() => PostCategory)
  category!: PostCategory;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => String, { nullable: true })
  departement?: string | null;

  @Field(() => String, { nullable: true })
  commune?: string | null;

  @Field(() => String, { nullable: true, description: 'When you are available, in your words.' })
  availability?: string | null;
}

@InputType()
export class PublishTimebankPostInput extends TimebankPostFields {
  @Field(() => PostKind)
  kind!: PostKind;
}

@InputType({ description: 'What the author corrects in their open post (it keeps offering or asking).' })
export class UpdateTimebankPostInput extends TimebankPostFields {
  @Field(() => ID)
  postId!: string;
}

@InputType()
export class CloseTimebankPostInput {
  @Field(() => ID)
  postId!: string;
}

@InputType()
export class ProposeExchangeInput {
  @Field(() => ID)
  postId!: string;

  @Field(() => Int, { description: 'Time foreseen, in minutes.' })
  minutes!: number;

  @Field(() => String, { nullable: true })
  @MaxLength(1000)
  message?: string | null;
}

@InputType()
export class ExchangeStepInput {
  @Field(() => ID)
  exchangeId!: string;
}

@InputType()
export class CompleteExchangeInput {
  @Field(() => ID)
  exchangeId!: string;

  @Field(() => Int, { description: 'Time actually spent, in minutes: what the beneficiary will pay.' })
  minutes!: number;
}

@InputType()
export class CancelExchangeInput {
  @Field(() => ID)
  exchangeId!: string;

  @Field(() => String, { nullable: true })
  @MaxLength(1000)
  reason?: string | null;
}

@InputType()
export class FlagExchangeInput {
  @Field(() => ID)
  exchangeId!: string;

  @Field(() => String)
  @MaxLength(1000)
  reason!: string;
}

@ArgsType()
export class MyExchangesArgs extends PageArgs {
  @Field(() => ExchangeStatus, { nullable: true })
  status?: ExchangeStatus | null;
}

@InputType()
export class TransferTimeInput {
  @Field(() => ID)
  toUserId!: string;

  @Field(() => Int)
  minutes!: number;

  @Field(() => String, { description: 'Why, in a few words; shown in both statements.' })
  @MaxLength(300)
  memo!: string;

  @Field(() => String, {
    description: 'Chosen by the client (e.g. a UUID) once per intended transfer: a retry with the same key never posts twice.',
  })
  idempotencyKey!: string;
}

@InputType()
export class DonateToPoolInput {
  @Field(() => Int)
  minutes!: number;

  @Field(() => String, { nullable: true })
  @MaxLength(300)
  memo?: string | null;

  @Field(() => String)
  idempotencyKey!: string;
}

@InputType()
export class GrantFromPoolInput {
  @Field(() => ID)
  toUserId!: string;

  @Field(() => Int)
  minutes!: number;

  @Field(() => String)
  @MaxLength(300)
  reason!: string;

  @Field(() => String)
  idempotencyKey!: string;
}

@InputType()
export class UpdateTimebankSettingsInput {
  @Field(() => Int)
  floorMinutes!: number;

  @Field(() => Int)
  ceilingMinutes!: number;
}
