import { Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Organization } from './organization.entity.js';

export enum NetworkMembershipStatus {
  /** The organization asked to join; the network's admins have not answered yet. */
  PENDING = 'pending',
  ACCEPTED = 'accepted',
  DECLINED = 'declined',
}
registerEnumType(NetworkMembershipStatus, { name: 'NetworkMembershipStatus' });

@ObjectType({ description: 'An organization in a local network (réseau), or its request to join it.' })
@Entity({ tableName: 'network_membership' })
@Unique({ properties: ['network', 'member'] })
export class NetworkMembership extends BaseEntity<'status'> {
  @Field(() => Organization)
  @ManyToOne({ entity: () => Organization, deleteRule: 'cascade' })
  network!: Rel<Organization>;

  @Field(() => Organization)
  @Index()
  @ManyToOne({ entity: () => Organization, deleteRule: 'cascade' })
  member!: Rel<Organization>;

  @Field(() => NetworkMembershipStatus)
  @Enum({ items: () => NetworkMembershipStatus, nativeEnumName: 'network_membership_status', default: NetworkMembershipStatus.PENDING })
  status: NetworkMembershipStatus = NetworkMembershipStatus.PENDING;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  requestedBy?: Rel<User> | null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  decidedBy?: Rel<User> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'A word from the organization asking to join.' })
  @Property({ type: 'string', length: 500, nullable: true })
  message?: string | null;
}
