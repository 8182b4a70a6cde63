import { Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from './user.entity.js';

/** An identity provider a member signs in with, beside (or instead of) a password. */
export enum IdentityProvider {
  PROCONNECT = 'proconnect',
}

/**
 * A member's account at an identity provider (ProConnect): the provider's stable identifier for the
 * person (`subject`, the `sub` claim), and what it last told about them that Maillage uses (the
 * SIRET of the organization they work for).
 */
@Entity({ tableName: 'user_identity' })
@Unique({ properties: ['provider', 'subject'] })
export class UserIdentity extends BaseEntity<'siret' | 'lastUsedAt'> {
  @Property({ type: 'string', length: 30 })
  provider!: IdentityProvider;

  @Property({ type: 'string', length: 255 })
  subject!: string;

  @Index()
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;

  /** The `siret` claim at the last sign-in (14 digits), or null. */
  @Property({ type: 'string', length: 14, nullable: true })
  siret?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  lastUsedAt: Date = new Date();
}
