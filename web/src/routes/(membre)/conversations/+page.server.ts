import { graphql } from '$lib/graphql';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const CONVERSATIONS = graphql(`
  query ConversationsPage($archived: Boolean, $after: String) {
    conversations(archived: $archived, first: 20, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          asTeam
          unreadCount
          lastMessageAt
          organization {
            name
          }
          others {
            id
            displayName
            deleted
          }
          lastMessage {
            authorName
            excerpt
            mine
          }
        }
      }
    }
  }
`);

/** The member's conversations, latest first; `?archives=1` for those put aside. */
export const load: PageServerLoad = async (event) => {
  const archived = event.url.searchParams.get('archives') === '1';
  const data = await query(event, CONVERSATIONS, { archived, after: event.url.searchParams.get('apres') });
  return { conversations: data.conversations, archived };
};
