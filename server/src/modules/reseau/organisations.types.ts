import { Field, ID, ObjectType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { Membership } from './membership.entity.js';
import { MembershipRequest } from './membership-request.entity.js';
import { NetworkMembership } from './network-membership.entity.js';
import { Organization, OrganizationKind } from './organization.entity.js';

@ObjectType()
export class OrganizationConnection extends connectionOf(Organization) {}

@ObjectType()
export class MembershipConnection extends connectionOf(Membership) {}

@ObjectType()
export class MembershipRequestConnection extends connectionOf(MembershipRequest) {}

@ObjectType()
export class NetworkMembershipConnection extends connectionOf(NetworkMembership) {}

@ObjectType({
  description:
    'The answer to an organisation opening an account: the activation link went by e-mail to the person, never to the organisation. The same whether or not the address already had an account.',
  simpleResolvers: true,
})
export class ManagedAccountPayload {
  @Field(() => String, { description: 'What to tell the admin, in their language.' })
  message!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String)
  email!: string;

  @Field(() => Date, { description: 'When the activation link sent to the person stops working.' })
  expiresAt!: Date;
}

@ObjectType({ description: 'An organization named in another item (its name and address on Maillage).' })
export class OrganizationRef {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;
}

@ObjectType({ description: "A day of the place's week, written the French way." })
export class WeekDayHours {
  @Field(() => String, { description: '"lundi".' })
  day!: string;

  @Field(() => String, { description: '"9 h – 12 h, 14 h – 18 h 30" or "fermé".' })
  hours!: string;
}

@ObjectType({ description: 'An opening range of a day, as schema.org writes it (for search engines).', simpleResolvers: true })
export class OpeningRange {
  @Field(() => String, { description: '"Monday" (schema.org\'s day names).' })
  dayOfWeek!: string;

  @Field(() => String, { description: '"09:00", in the place\'s own time.' })
  opens!: string;

  @Field(() => String, { description: '"12:30"; "23:59" when the range ends at midnight.' })
  closes!: string;
}

@ObjectType({ description: 'A source that gave this place (an import), and the date of its data.', simpleResolvers: true })
export class PlaceSourceView {
  @Field(() => String, { description: 'Who collected the data (the standard\'s `source`: "Cartographie nationale", "dora"…).' })
  source!: string;

  @Field(() => String, { description: "The place's `id` in that source." })
  sourceId!: string;

  @Field(() => String, { nullable: true, description: "The source's `date_maj` for the place, YYYY-MM-DD." })
  dateMaj!: string | null;
}
