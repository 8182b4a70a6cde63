import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection.js';
import { MaxLength } from '../../graphql/input-limits.js';
import { MESSAGE_MAX_LENGTH } from './conversations.service.js';

@InputType()
export class StartConversationInput {
  @Field(() => ID, { nullable: true, description: 'Write to this member (from their profile)…' })
  memberId?: string | null;

  @Field(() => ID, { nullable: true, description: '…or to this organization’s team (its admins).' })
  organizationId?: string | null;

  @Field(() => String, { description: `The first message, 1 to ${MESSAGE_MAX_LENGTH} characters.` })
  @MaxLength(MESSAGE_MAX_LENGTH)
  body!: string;
}

@InputType()
export class SendConversationMessageInput {
  @Field(() => ID)
  conversationId!: string;

  @Field(() => String, { description: `1 to ${MESSAGE_MAX_LENGTH} characters.` })
  @MaxLength(MESSAGE_MAX_LENGTH)
  body!: string;
}

@InputType()
export class ArchiveConversationInput {
  @Field(() => ID)
  conversationId!: string;

  @Field(() => Boolean)
  archived!: boolean;
}

@ArgsType()
export class ConversationsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'The conversations put aside (false by default).' })
  archived?: boolean | null;
}

@ArgsType()
export class ConversationMessagesArgs extends PageArgs {
  @Field(() => ID)
  conversationId!: string;
}
