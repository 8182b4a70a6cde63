import { Field, ObjectType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { User } from '../accounts/user.entity.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';

@ObjectType()
export class OrganizationConnection extends connectionOf(Organization) {}

@ObjectType()
export class MembershipConnection extends connectionOf(Membership) {}

@ObjectType({ description: 'A managed account and the link to hand to the person so they choose their password.' })
export class ManagedAccountPayload {
  @Field(() => User)
  user!: User;

  @Field(() => String, { description: 'Single-use; expires after `expiresAt`.' })
  activationUrl!: string;

  @Field(() => Date)
  expiresAt!: Date;
}
