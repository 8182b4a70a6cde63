import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../../shared/base.entity.js';
import { User } from '../../comptes/user.entity.js';

export enum SanctionKind {
  WARNING = 'warning',
  SUSPENSION = 'suspension',
  /** A suspension lifted before its end. */
  LIFTED = 'lifted',
}
registerEnumType(SanctionKind, { name: 'SanctionKind' });

/** A warning or a suspension given to a member by a moderator (their history, for the next decision). */
@Entity({ tableName: 'account_sanction' })
export class AccountSanction extends BaseEntity {
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;

  @ManyToOne({ entity: () => User, deleteRule: 'set null', nullable: true })
  moderator?: Rel<User> | null;

  @Enum({ items: () => SanctionKind, nativeEnumName: 'sanction_kind' })
  kind!: SanctionKind;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'datetime', nullable: true })
  until?: Date | null;
}
