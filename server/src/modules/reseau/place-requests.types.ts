import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { MaxLength } from '../../graphql/input-limits.js';
import { User } from '../comptes/user.entity.js';
import { Organization } from './organization.entity.js';
import { PlaceClaim, PlaceRequestStatus } from './place-claim.entity.js';

@ObjectType({ description: 'One field of a suggested correction: its value then, and the value suggested.', simpleResolvers: true })
export class SuggestedChange {
  @Field(() => String, { description: 'The field (camelCase of the standard’s column).' })
  field!: string;

  @Field(() => String, { description: 'Its French name.' })
  label!: string;

  @Field(() => String, { nullable: true, description: 'The value when the correction was suggested (lists one value a line).' })
  from!: string | null;

  @Field(() => String, { nullable: true, description: 'The value suggested (null: cleared).' })
  to!: string | null;
}

@ObjectType('PlaceSuggestion', { description: '"Signaler une erreur": a suggested correction of a place.', simpleResolvers: true })
export class PlaceSuggestionView {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => PlaceRequestStatus)
  status!: PlaceRequestStatus;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => Organization)
  organization!: Organization;

  @Field(() => User, { nullable: true, description: 'Null once its author deleted their account.' })
  author!: User | null;

  @Field(() => [SuggestedChange])
  changes!: SuggestedChange[];
}

@ObjectType()
export class PlaceClaimConnection extends connectionOf(PlaceClaim) {}

@ObjectType()
export class PlaceSuggestionConnection extends connectionOf(PlaceSuggestionView) {}

@InputType()
export class ClaimPlaceInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String, { nullable: true, description: 'Who you are for this place, for the people who decide.' })
  @MaxLength(1000)
  message?: string | null;
}

@InputType()
export class DecidePlaceClaimInput {
  @Field(() => ID)
  claimId!: string;

  @Field(() => Boolean)
  accept!: boolean;
}

@InputType()
export class WithdrawPlaceClaimInput {
  @Field(() => ID)
  claimId!: string;
}

@InputType({ description: 'A new value for one field of a place: lists one value a line; empty clears the field.' })
export class SuggestedValueInput {
  @Field(() => String)
  @MaxLength(60)
  field!: string;

  @Field(() => String, { nullable: true })
  @MaxLength(20000)
  value?: string | null;
}

@InputType()
export class SuggestPlaceChangesInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => [SuggestedValueInput], { description: 'Only the fields you correct.' })
  changes!: SuggestedValueInput[];

  @Field(() => String, { nullable: true, description: 'What you know, for the people who decide.' })
  @MaxLength(1000)
  comment?: string | null;
}

@InputType()
export class DecidePlaceSuggestionInput {
  @Field(() => ID)
  suggestionId!: string;

  @Field(() => Boolean)
  accept!: boolean;
}
