import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { api } from '$lib/server/api';
import { unreadCounts } from '$lib/server/user';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const CONVERSATION = graphql(`
  query ConversationPage($id: ID!, $after: String) {
    conversation(id: $id) {
      id
      kind
      asTeam
      unreadCount
      archived
      blockedByMe
      canWrite
      organization {
        name
        slug
      }
      others {
        id
        displayName
        deleted
      }
    }
    conversationMessages(conversationId: $id, first: 30, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          authorId
          authorName
          body
          mine
          createdAt
          hidden
          hiddenReason
          erased
        }
      }
    }
  }
`);
const MARK_READ = graphql(`
  mutation ConversationRead($id: ID!) {
    markConversationRead(conversationId: $id) {
      unreadCount
    }
  }
`);
const SEND = graphql(`
  mutation ConversationSend($input: SendConversationMessageInput!) {
    sendConversationMessage(input: $input) {
      id
    }
  }
`);
const ARCHIVE = graphql(`
  mutation ConversationArchive($input: ArchiveConversationInput!) {
    archiveConversation(input: $input) {
      archived
    }
  }
`);
const BLOCK = graphql(`
  mutation ConversationBlock($id: ID!) {
    blockMember(memberId: $id)
  }
`);
const UNBLOCK = graphql(`
  mutation ConversationUnblock($id: ID!) {
    unblockMember(memberId: $id)
  }
`);

/** One conversation, for its participants (anyone else gets "not found"); opening it marks it read. */
export const load: PageServerLoad = async (event) => {
  const data = await query(event, CONVERSATION, { id: event.params.id, after: event.url.searchParams.get('apres') });
  if (!data.conversation) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  if (data.conversation.unreadCount > 0) {
    await api(event).mutation(MARK_READ, { id: event.params.id }).toPromise();
    // The header's count was asked before this conversation was read (with the member, or by the layout at the
    // same time): the count after reading, which the layout shows instead.
    const unread = await unreadCounts(event);
    return { conversation: data.conversation, messages: data.conversationMessages, unreadConversations: unread?.conversations };
  }
  return { conversation: data.conversation, messages: data.conversationMessages };
};

export const actions: Actions = {
  send: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, SEND, { input: { conversationId: event.params.id, body: values.body ?? '' } }, values);
    if (!result.ok) return result.failure;
    return { sent: true };
  },
  archive: async (event) => {
    const values = formValues(await event.request.formData());
    const archived = values.archived === 'true';
    const result = await mutate(event, ARCHIVE, { input: { conversationId: event.params.id, archived } });
    if (!result.ok) return result.failure;
    return { archivedNow: archived, unarchivedNow: !archived };
  },
  block: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, BLOCK, { id: values.memberId ?? '' });
    if (!result.ok) return result.failure;
    return { blockedNow: true };
  },
  unblock: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, UNBLOCK, { id: values.memberId ?? '' });
    if (!result.ok) return result.failure;
    return { unblockedNow: true };
  },
};
