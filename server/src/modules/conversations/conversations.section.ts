import { say } from '../../i18n/lang.js';
import { defineSection } from '../commun/section.js';
import { Conversation, ConversationMessage, ConversationParticipant, MemberBlock } from './conversation.entity.js';
import { conversationMessageContent, conversationsNotificationKinds, conversationsPrivacy } from './conversations.commun.js';
import { ConversationsResolver } from './conversations.resolver.js';

/** Conversations: private messages between members, one-to-one or to an organization's team (docs/conversations.md). */
export const conversationsSection = defineSection({
  name: 'conversations',
  label: say('Conversations', 'Conversations'),
  tables: ['conversation', 'conversation_participant', 'conversation_message', 'member_block'],
  entities: [Conversation, ConversationParticipant, ConversationMessage, MemberBlock],
  resolvers: [ConversationsResolver],
  notificationKinds: conversationsNotificationKinds,
  moderatedContent: [conversationMessageContent],
  myData: [conversationsPrivacy],
  // The deleted person's messages keep their place, their text erased ("Message supprimé"), signed "Compte supprimé".
  keptAfterAccountDeletion: ['conversation_message.author_id'],
});
