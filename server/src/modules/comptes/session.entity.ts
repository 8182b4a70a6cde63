import { Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from './user.entity.js';

/** A signed-in browser. Only the SHA-256 of its random token is stored. */
@Entity({ tableName: 'user_session' })
export class Session extends BaseEntity<'lastSeenAt'> {
  @Property({ type: 'string', length: 64 })
  @Unique()
  tokenHash!: string;

  /** Indexed: "mes sessions", signing out everywhere and a password change find a person's sessions. */
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  @Index()
  user!: Rel<User>;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  lastSeenAt: Date = new Date();

  @Property({ type: 'string', length: 300, nullable: true })
  userAgent?: string | null;

  /**
   * A session opened by ProConnect: the provider's ID token, sent back as `id_token_hint` when the
   * member signs out (to end their ProConnect session too). Never shown; gone with the session.
   */
  @Property({ type: 'text', nullable: true, lazy: true })
  idToken?: string | null;
}
