import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { ConversationKind } from './conversation.entity.js';

@ObjectType({ description: 'A member as a conversation names them.', simpleResolvers: true })
export class ConversationMember {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: '"Compte supprimé" once they deleted their account.' })
  displayName!: string;

  @Field(() => Boolean)
  deleted!: boolean;
}

@ObjectType({ simpleResolvers: true })
export class ConversationOrganization {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  slug!: string;
}

@ObjectType({ simpleResolvers: true })
export class ConversationPreview {
  @Field(() => String)
  authorName!: string;

  @Field(() => String, { description: 'The first 140 characters.' })
  excerpt!: string;

  @Field(() => Boolean)
  mine!: boolean;
}

@ObjectType('Conversation', { description: 'A private conversation, as one of its participants sees it.', simpleResolvers: true })
export class ConversationView {
  @Field(() => ID)
  id!: string;

  @Field(() => ConversationKind)
  kind!: ConversationKind;

  @Field(() => ConversationOrganization, { nullable: true, description: 'The organization whose team a TEAM conversation is with.' })
  organization!: ConversationOrganization | null;

  @Field(() => Boolean, { description: 'The viewer takes part as one of the organization’s team.' })
  asTeam!: boolean;

  @Field(() => [ConversationMember], {
    description: 'The other side: the other member, the team (for the person who wrote to it), or that person (for the team).',
  })
  others!: ConversationMember[];

  @Field(() => Date)
  lastMessageAt!: Date;

  @Field(() => Int, { description: 'Messages from others since the viewer last read it.' })
  unreadCount!: number;

  @Field(() => Boolean)
  archived!: boolean;

  @Field(() => ConversationPreview, { nullable: true })
  lastMessage!: ConversationPreview | null;

  @Field(() => Boolean, { description: 'ONE-TO-ONE: the viewer blocked the other member.' })
  blockedByMe!: boolean;

  @Field(() => Boolean, { description: 'The viewer can write here (not blocked, the other account not deleted).' })
  canWrite!: boolean;
}

@ObjectType('ConversationMessage', { simpleResolvers: true })
export class ConversationMessageView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  authorId!: string;

  @Field(() => String)
  authorName!: string;

  @Field(() => String, { description: 'Empty when hidden by moderation (for others than its author) or erased.' })
  body!: string;

  @Field(() => Boolean)
  mine!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Boolean)
  hidden!: boolean;

  @Field(() => String, { nullable: true, description: 'Why moderation hid it: for its author only.' })
  hiddenReason!: string | null;

  @Field(() => Boolean, { description: 'Its author deleted their account: "Message supprimé".' })
  erased!: boolean;
}

@ObjectType({ simpleResolvers: true })
export class BlockedMember {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => Date)
  blockedAt!: Date;
}

@ObjectType()
export class ConversationConnection extends connectionOf(ConversationView) {}

@ObjectType()
export class ConversationMessageConnection extends connectionOf(ConversationMessageView) {}

@ObjectType()
export class BlockedMemberConnection extends connectionOf(BlockedMember) {}
