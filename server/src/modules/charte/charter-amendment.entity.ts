import { Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { CharterArticle, CharterVersion } from './charter-version.entity.js';

export enum AmendmentStatus {
  /** Under discussion: members comment and support it. */
  OPEN = 'open',
  /** Accepted by the committee: goes into the next version. */
  ACCEPTED = 'accepted',
  REJECTED = 'rejected',
  /** Withdrawn by its author before a decision. */
  WITHDRAWN = 'withdrawn',
}
registerEnumType(AmendmentStatus, { name: 'AmendmentStatus' });

/** A proposal to rewrite one article, made by a signatory of the version it amends. */
@Entity({ tableName: 'charter_amendment' })
@Index({ properties: ['status', 'createdAt'] })
export class CharterAmendment extends BaseEntity<
  'status' | 'proposedTitle' | 'decidedAt' | 'decidedBy' | 'decisionReply' | 'adoptedBody' | 'incorporatedIn' | 'hiddenAt' | 'hiddenReason'
> {
  @ManyToOne({ entity: () => CharterArticle, deleteRule: 'cascade' })
  article!: Rel<CharterArticle>;

  @ManyToOne({ entity: () => User })
  author!: Rel<User>;

  /** A new title for the article, when the proposal changes it. */
  @Property({ type: 'string', length: 200, nullable: true })
  proposedTitle?: string | null;

  @Property({ type: 'text' })
  proposedBody!: string;

  /** Why the author proposes it. */
  @Property({ type: 'text' })
  reason!: string;

  @Enum({ items: () => AmendmentStatus, nativeEnumName: 'charter_amendment_status', default: AmendmentStatus.OPEN })
  status: AmendmentStatus = AmendmentStatus.OPEN;

  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  decidedBy?: Rel<User> | null;

  /** The committee's answer to the author and the network. */
  @Property({ type: 'text', nullable: true })
  decisionReply?: string | null;

  /** The text the committee retained when it merged or reworded the proposal (else `proposedBody`). */
  @Property({ type: 'text', nullable: true })
  adoptedBody?: string | null;

  /** The version that carries this accepted amendment, once published. */
  @ManyToOne({ entity: () => CharterVersion, nullable: true, deleteRule: 'set null' })
  incorporatedIn?: Rel<CharterVersion> | null;

  @Property({ type: 'datetime', nullable: true })
  hiddenAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  hiddenReason?: string | null;
}

/** "Je soutiens": one per member and amendment. */
@Entity({ tableName: 'charter_amendment_support' })
@Unique({ properties: ['amendment', 'user'] })
export class CharterAmendmentSupport extends BaseEntity {
  @ManyToOne({ entity: () => CharterAmendment, deleteRule: 'cascade' })
  amendment!: Rel<CharterAmendment>;

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;
}

@Entity({ tableName: 'charter_amendment_comment' })
@Index({ properties: ['amendment', 'createdAt'] })
export class CharterAmendmentComment extends BaseEntity<'hiddenAt' | 'hiddenReason'> {
  @ManyToOne({ entity: () => CharterAmendment, deleteRule: 'cascade' })
  amendment!: Rel<CharterAmendment>;

  @ManyToOne({ entity: () => User })
  author!: Rel<User>;

  /** Markdown as written. */
  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'datetime', nullable: true })
  hiddenAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  hiddenReason?: string | null;
}
