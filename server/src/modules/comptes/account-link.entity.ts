import { Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from './user.entity.js';

/** What a single-use link sent to a person lets them do. */
export enum AccountLinkPurpose {
  /** A tutored person chooses their password (the account was opened for them). */
  ACTIVATION = 'activation',
  /** "Mot de passe oublié ?": choose a new password. */
  PASSWORD_RESET = 'password_reset',
  /** The person confirms they receive mail at their address. */
  EMAIL_VERIFICATION = 'email_verification',
  /** The person confirms a new address (`newEmail`) before it replaces the old one. */
  EMAIL_CHANGE = 'email_change',
}

/**
 * A single-use, expiring link sent by e-mail. Only the SHA-256 of its random token is stored,
 * so a copy of the database gives away no live link.
 */
@Entity({ tableName: 'account_link' })
@Index({ properties: ['user', 'purpose'] })
export class AccountLink extends BaseEntity {
  @Property({ type: 'string', length: 64 })
  @Unique()
  tokenHash!: string;

  @Enum({ items: () => AccountLinkPurpose, nativeEnumName: 'account_link_purpose' })
  purpose!: AccountLinkPurpose;

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;

  /** Who sent it, when it is not the person themselves (an organisation's admin opening an account). */
  @ManyToOne({ entity: () => User, deleteRule: 'set null', nullable: true })
  createdBy?: Rel<User> | null;

  /** For EMAIL_CHANGE: the address that replaces the current one once confirmed. */
  @Property({ type: 'string', length: 254, nullable: true })
  newEmail?: string | null;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date | null;
}
