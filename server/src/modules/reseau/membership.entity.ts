import { Entity, Enum, Index, ManyToOne, Unique, type Rel } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Organization } from './organization.entity.js';

export enum MemberRole {
  /** Maintains the organization's page, its members and its content. */
  ADMIN = 'admin',
  /** Publishes and edits the organization's content. */
  EDITOR = 'editor',
  MEMBER = 'member',
}
registerEnumType(MemberRole, { name: 'MemberRole' });

@ObjectType({ description: "A person's role in an organization.", simpleResolvers: true })
@Entity({ tableName: 'membership' })
@Unique({ properties: ['organization', 'user'] })
// A place's members page by page in their order (admins, editors, members, each in the order they joined): a walk of
// this index that stops after the page, however many members the place has (organisations.service.ts, membersOf).
@Index({ name: 'membership_members_page_index', properties: ['organization', 'role', 'createdAt', 'id'] })
export class Membership extends BaseEntity<'role'> {
  @Field(() => Organization)
  @ManyToOne({ entity: () => Organization, deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  // A person's organizations (the people directory's cards, "mes organisations"): read through this index.
  @Field(() => User)
  @Index()
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;

  @Field(() => MemberRole)
  @Enum({ items: () => MemberRole, nativeEnumName: 'member_role', default: MemberRole.MEMBER })
  role: MemberRole = MemberRole.MEMBER;
}
