import { graphql } from '$lib/graphql';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const BLOCKED = graphql(`
  query BlockedMembersPage($after: String) {
    blockedMembers(first: 50, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          displayName
          blockedAt
        }
      }
    }
  }
`);
const UNBLOCK = graphql(`
  mutation BlockedMembersUnblock($id: ID!) {
    unblockMember(memberId: $id)
  }
`);

/** "Membres bloqués": whom the member blocked, each with "Débloquer". */
export const load: PageServerLoad = async (event) => {
  const data = await query(event, BLOCKED, { after: event.url.searchParams.get('apres') });
  return { blocked: data.blockedMembers };
};

export const actions: Actions = {
  unblock: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, UNBLOCK, { id: values.memberId ?? '' });
    if (!result.ok) return result.failure;
    return { unblocked: true };
  },
};
