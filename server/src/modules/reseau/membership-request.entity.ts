import { Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Organization } from './organization.entity.js';
import { PlaceRequestStatus } from './place-claim.entity.js';

/** How long a word to the admins may be. */
export const MEMBERSHIP_REQUEST_MESSAGE_MAX = 500;

/**
 * "Demander à rejoindre ce lieu": a member asks to become a plain member of a place (or a network, a structure);
 * its admins accept or refuse (membership-requests.service.ts). One pending request per person and place; a
 * person who becomes a member some other way (added by an admin, ProConnect) has theirs answered by the
 * database (migration `membership_requests`).
 */
@ObjectType({ description: 'A request to join an organization as a member ("Demander à rejoindre ce lieu").', simpleResolvers: true })
@Entity({ tableName: 'membership_request' })
@Index({
  name: 'membership_request_pending_unique',
  expression: `create unique index "membership_request_pending_unique" on "membership_request" ("organization_id", "user_id") where status = 'pending'`,
})
// The admins' list, oldest first: a page is a walk of this index.
@Index({
  name: 'membership_request_pending_page_index',
  expression: `create index "membership_request_pending_page_index" on "membership_request" ("organization_id", "created_at", "id") where status = 'pending'`,
})
@Index({ properties: ['organization', 'user'] })
export class MembershipRequest extends BaseEntity<'status'> {
  @Field(() => Organization)
  @ManyToOne({ entity: () => Organization, deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Field(() => User)
  @Index()
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;

  @Field(() => String, { nullable: true, description: 'A word to the admins: who the person is for this place.' })
  @Property({ type: 'string', length: MEMBERSHIP_REQUEST_MESSAGE_MAX, nullable: true })
  message?: string | null;

  @Field(() => PlaceRequestStatus)
  @Enum({ items: () => PlaceRequestStatus, nativeEnumName: 'place_request_status', default: PlaceRequestStatus.PENDING })
  status: PlaceRequestStatus = PlaceRequestStatus.PENDING;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  decidedBy?: Rel<User> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;
}
