import { Field, ID, ObjectType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { User } from '../comptes/user.entity.js';
import { Membership } from './membership.entity.js';
import { NetworkMembership } from './network-membership.entity.js';
import { Organization, OrganizationKind } from './organization.entity.js';

@ObjectType()
export class OrganizationConnection extends connectionOf(Organization) {}

@ObjectType()
export class MembershipConnection extends connectionOf(Membership) {}

@ObjectType()
export class NetworkMembershipConnection extends connectionOf(NetworkMembership) {}

@ObjectType({ description: 'A managed account and the link to hand to the person so they choose their password.' })
export class ManagedAccountPayload {
  @Field(() => User)
  user!: User;

  @Field(() => String, { description: 'Single-use; expires after `expiresAt`.' })
  activationUrl!: string;

  @Field(() => Date)
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
