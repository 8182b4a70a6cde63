import { Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Organization } from './organization.entity.js';

/** Where a request about a place stands: a claim ("revendiquer ce lieu") or a suggested correction. */
export enum PlaceRequestStatus {
  PENDING = 'pending',
  ACCEPTED = 'accepted',
  DECLINED = 'declined',
  /** The person took their claim back before anyone decided. */
  WITHDRAWN = 'withdrawn',
}
registerEnumType(PlaceRequestStatus, { name: 'PlaceRequestStatus' });

/**
 * A member asks to manage a place (often an imported one): the place's admins, else its networks'
 * admins, else the platform's admins decide. Accepted, the member becomes an admin of the place.
 */
@ObjectType({ description: 'A request to manage a place ("revendiquer ce lieu").', simpleResolvers: true })
@Entity({ tableName: 'place_claim' })
// One pending claim per person and place (docs: reseau, "revendiquer ce lieu").
@Index({
  name: 'place_claim_pending_unique',
  expression: `create unique index "place_claim_pending_unique" on "place_claim" ("organization_id", "user_id") where status = 'pending'`,
})
export class PlaceClaim extends BaseEntity<'status' | 'bySiret'> {
  @Field(() => Organization)
  @Index()
  @ManyToOne({ entity: () => Organization, deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Field(() => User)
  @Index()
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;

  @Field(() => String, { nullable: true, description: 'Who the person is for this place, in their words.' })
  @Property({ type: 'string', length: 1000, nullable: true })
  message?: string | null;

  @Field(() => PlaceRequestStatus)
  @Enum({ items: () => PlaceRequestStatus, nativeEnumName: 'place_request_status', default: PlaceRequestStatus.PENDING })
  status: PlaceRequestStatus = PlaceRequestStatus.PENDING;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  decidedBy?: Rel<User> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;

  @Field(() => Boolean, { description: 'Accepted at once: ProConnect gave the place’s SIRET for this person.' })
  @Property({ type: 'boolean', default: false })
  bySiret: boolean = false;
}
