import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { MaxLength } from '../../graphql/input-limits.js';

@InputType()
export class FollowRemoteActorInput {
  @Field(() => ID, { description: 'The organization that follows (you are one of its admins).' })
  organizationId!: string;

  @Field(() => String, { description: '"@collectif@mobilizon.example", or the actor’s https address.' })
  @MaxLength(500)
  handle!: string;
}

@ArgsType()
export class RemoteEventsArgs {
  @Field(() => Int, { defaultValue: 20, description: 'At most 50.' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'The `cursor` of the last item of the previous page.' })
  @MaxLength(2100)
  after?: string | null;
}
