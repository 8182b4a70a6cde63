import { Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Organization } from '../reseau/organization.entity.js';

/** One-to-one between two members, or a member writing to an organization's team (its admins). */
export enum ConversationKind {
  DIRECT = 'direct',
  TEAM = 'team',
}
registerEnumType(ConversationKind, { name: 'ConversationKind' });

/**
 * A private conversation. `pairKey` finds the one conversation of two members (`direct:<a>:<b>`, ids
 * sorted) or of a member with a team (`team:<organization>:<member>`), so writing again continues it.
 */
@Entity({ tableName: 'conversation' })
export class Conversation extends BaseEntity<'lastMessageAt' | 'pairKey' | 'organization'> {
  @Property({ type: 'text' })
  kind!: ConversationKind;

  @ManyToOne({ entity: () => Organization, nullable: true, deleteRule: 'set null', index: true })
  organization?: Rel<Organization> | null;

  /** Erased (null) when one of the two people deletes their account: the key holds their id. */
  @Property({ type: 'text', nullable: true, unique: true })
  pairKey?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  lastMessageAt: Date = new Date();
}

/** Who takes part in a conversation, what they have read, whether they put it aside. */
@Entity({ tableName: 'conversation_participant' })
@Unique({ properties: ['user', 'conversation'] })
// The header's count: the conversations a person has unread messages in.
@Index({
  name: 'conversation_participant_unread_index',
  expression: `create index "conversation_participant_unread_index" on "conversation_participant" ("user_id") where "unread_count" > 0 and not "archived"`,
})
export class ConversationParticipant extends BaseEntity<'lastReadAt' | 'archived' | 'unreadCount' | 'team'> {
  @ManyToOne({ entity: () => Conversation, deleteRule: 'cascade', index: true })
  conversation!: Rel<Conversation>;

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;

  /** Takes part as one of the organization's team (a team conversation), not as the person who wrote to it. */
  @Property({ type: 'boolean', default: false })
  team: boolean = false;

  @Property({ type: 'datetime', nullable: true })
  lastReadAt?: Date | null;

  /** Messages from others since the person last read the conversation (kept as messages come: the header's count reads it). */
  @Property({ type: 'integer', default: 0 })
  unreadCount: number = 0;

  @Property({ type: 'boolean', default: false })
  archived: boolean = false;
}

/** A message. Erased bodies (the author deleted their account) keep their place: "Message supprimé". */
@Entity({ tableName: 'conversation_message' })
@Index({ properties: ['conversation', 'createdAt'] })
export class ConversationMessage extends BaseEntity<'hiddenAt' | 'hiddenReason' | 'erasedAt'> {
  @ManyToOne({ entity: () => Conversation, deleteRule: 'cascade' })
  conversation!: Rel<Conversation>;

  @ManyToOne({ entity: () => User, deleteRule: 'cascade', index: true })
  author!: Rel<User>;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'datetime', nullable: true })
  hiddenAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  hiddenReason?: string | null;

  @Property({ type: 'datetime', nullable: true })
  erasedAt?: Date | null;
}

/** A member who no longer wants to hear from another one. */
@Entity({ tableName: 'member_block' })
@Unique({ properties: ['blocker', 'blocked'] })
export class MemberBlock extends BaseEntity {
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  blocker!: Rel<User>;

  @ManyToOne({ entity: () => User, deleteRule: 'cascade', index: true })
  blocked!: Rel<User>;
}
