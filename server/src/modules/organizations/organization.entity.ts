import { Collection, Entity, Enum, OneToMany, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { Membership } from './membership.entity.js';

export enum OrganizationKind {
  /** A place that welcomes the public (EPN, FabLab, médiathèque, tiers-lieu…). */
  LIEU = 'lieu',
  /** A structure without a public place of its own (association, company, service). */
  STRUCTURE = 'structure',
  /** A local network of organizations. */
  RESEAU = 'reseau',
}
registerEnumType(OrganizationKind, { name: 'OrganizationKind' });

@ObjectType({ description: 'A place (lieu), a structure or a local network (réseau).' , simpleResolvers: true })
@Entity({ tableName: 'organization' })
export class Organization extends BaseEntity<'kind'> {
  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, { description: 'Readable identifier used in addresses (e.g. "amicale-laique-savenay").' })
  @Property({ type: 'string', length: 120 })
  @Unique()
  slug!: string;

  @Field(() => OrganizationKind)
  @Enum({ items: () => OrganizationKind, nativeEnumName: 'organization_kind', default: OrganizationKind.LIEU })
  kind: OrganizationKind = OrganizationKind.LIEU;

  @OneToMany({ entity: () => Membership, mappedBy: 'organization' })
  memberships = new Collection<Membership>(this);
}
