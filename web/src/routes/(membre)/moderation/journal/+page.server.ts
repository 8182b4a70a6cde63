import { graphql } from '$lib/graphql';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const AUDIT = graphql(`
  query AuditLogPage($action: String, $after: String) {
    auditLog(action: $action, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          createdAt
          action
          summary
          reason
        }
      }
    }
  }
`);

const FILTERS = ['moderation', 'role', 'account'];

export const load: PageServerLoad = async (event) => {
  const action = event.url.searchParams.get('action');
  const filter = action && FILTERS.includes(action) ? action : null;
  const data = await query(event, AUDIT, { action: filter, after: event.url.searchParams.get('apres') });
  return { log: data.auditLog, filter };
};
