import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An actor of another instance (Mobilizon, Gancio, Maillage…) an organization follows.', simpleResolvers: true })
export class RemoteFollowing {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => String, { description: 'Its ActivityPub address.' })
  actorUri!: string;

  @Field(() => String, { description: '"@collectif@mobilizon.example".' })
  handle!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: 'The other instance accepted the follow.' })
  accepted!: boolean;

  @Field(() => Date)
  followedAt!: Date;
}

@ObjectType({ description: 'An event received from an actor followed on another instance (plain text).', simpleResolvers: true })
export class RemoteEvent {
  @Field(() => ID, { description: 'Its ActivityPub address.' })
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Plain text: the remote HTML with its tags removed.' })
  content!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date, { nullable: true })
  endsAt!: Date | null;

  @Field(() => String, { nullable: true })
  location!: string | null;

  @Field(() => String, { nullable: true, description: 'Its page on the other instance (http or https only).' })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'Who published it (the followed actor).' })
  actorName!: string | null;

  @Field(() => String, { nullable: true })
  actorHandle!: string | null;

  @Field(() => String, { description: 'Cursor of this item (pass it as `after`).' })
  cursor!: string;
}

@ObjectType({ description: 'Whether this site is on the fediverse, and how its organizations are found there.', simpleResolvers: true })
export class FederationStatus {
  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: 'The host in handles, "maillage.example" in @slug@maillage.example.' })
  host!: string | null;
}
