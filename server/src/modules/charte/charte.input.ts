import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection.js';
import { AmendmentStatus } from './charter-amendment.entity.js';
import { SignerKind } from './charte.types.js';
import { MaxLength } from '../../graphql/input-limits.js';

@InputType()
export class SignCharterInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Sign on behalf of this organization (you must be one of its admins). Without it, you sign in your own name.',
  })
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'For an organization: its département (by default, yours).' })
  departement?: string | null;
}

@InputType()
export class WithdrawCharterSignatureInput {
  @Field(() => ID, { nullable: true, description: "Withdraw the organization's signature (admins only). Without it, your own." })
  organizationId?: string | null;
}

@ArgsType()
export class CharterSignatoriesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Département code, e.g. "44".' })
  departement?: string | null;

  @Field(() => SignerKind, { nullable: true })
  kind?: SignerKind | null;

  @Field(() => Int, { nullable: true, description: 'Only those whose latest signature is of this version.' })
  versionNumber?: number | null;

  @Field(() => String, { nullable: true, description: 'Part of a name (person or organization), accents ignored.' })
  search?: string | null;
}

@InputType()
export class CharterArticleInput {
  @Field(() => Int)
  number!: number;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'Markdown.' })
  @MaxLength(20000)
  body!: string;
}

@InputType()
export class PublishCharterVersionInput {
  @Field(() => String, { description: 'What changed, in Markdown (shown in the version history).' })
  @MaxLength(10000)
  changelog!: string;

  @Field(() => [CharterArticleInput], {
    nullable: true,
    description: 'The full text of the new version. Without it: the current version with the accepted amendments (see `charterDraft`).',
  })
  articles?: CharterArticleInput[] | null;
}

@InputType()
export class ProposeAmendmentInput {
  @Field(() => ID, { description: 'An article of the current version.' })
  articleId!: string;

  @Field(() => String, { nullable: true, description: 'A new title for the article, if it should change.' })
  proposedTitle?: string | null;

  @Field(() => String, { description: 'The article as you propose to write it (Markdown).' })
  @MaxLength(20000)
  proposedBody!: string;

  @Field(() => String, { description: 'Why this change.' })
  @MaxLength(5000)
  reason!: string;
}

@InputType()
export class AmendmentRefInput {
  @Field(() => ID)
  amendmentId!: string;
}

@InputType()
export class CommentAmendmentInput {
  @Field(() => ID)
  amendmentId!: string;

  @Field(() => String, { description: 'Markdown.' })
  @MaxLength(5000)
  body!: string;
}

export enum AmendmentDecision {
  ACCEPTED = 'accepted',
  REJECTED = 'rejected',
}
registerEnumType(AmendmentDecision, { name: 'AmendmentDecision' });

@InputType()
export class DecideAmendmentInput {
  @Field(() => ID)
  amendmentId!: string;

  @Field(() => AmendmentDecision)
  decision!: AmendmentDecision;

  @Field(() => String, { description: "The committee's answer to the author and the network." })
  @MaxLength(5000)
  reply!: string;

  @Field(() => String, {
    nullable: true,
    description: 'When accepting: the text retained, if the committee rewords or merges the proposal.',
  })
  @MaxLength(20000)
  adoptedBody?: string | null;
}

@ArgsType()
export class AmendmentsArgs extends PageArgs {
  @Field(() => AmendmentStatus, { nullable: true })
  status?: AmendmentStatus | null;

  @Field(() => Int, { nullable: true, description: 'Only amendments to this article number.' })
  articleNumber?: number | null;
}

@ArgsType()
export class AmendmentCommentsArgs extends PageArgs {
  @Field(() => ID)
  amendmentId!: string;
}

@InputType()
export class CharterSettingsInput {
  @Field(() => Boolean, { description: 'Require a signature of the current version to publish events, time-bank posts and projects.' })
  signatureRequiredToPublish!: boolean;
}
