import { graphql } from '$lib/graphql';
import { NOTIFICATION_FIELDS } from '$lib/commun/notification-fields';
import { mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const NOTIFICATIONS = graphql(
  `
    query Notifications($after: String) {
      notifications(first: 30, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...NotificationFields
          }
        }
      }
    }
  `,
  [NOTIFICATION_FIELDS],
);
const MARK_READ = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input)
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, NOTIFICATIONS, { after: event.url.searchParams.get('apres') });
  return { notifications: data.notifications };
};

export const actions: Actions = {
  markAll: async (event) => {
    const result = await mutate(event, MARK_READ, { input: {} });
    if (!result.ok) return result.failure;
    return { marked: result.data.markNotificationsRead };
  },
};
