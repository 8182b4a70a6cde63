import { graphql } from '$lib/graphql';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const AUDIT = graphql(`
  query AuditLogPage($action: String, $contentType: String, $after: String) {
    auditLog(action: $action, contentType: $contentType, first: 50, after: $after) {
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

/** `?action=` of the page: a family of actions, or the lines about a kind of content ("lieux": the answers about places). */
const FILTERS: Record<string, { action?: string; contentType?: string }> = {
  moderation: { action: 'moderation' },
  role: { action: 'role' },
  account: { action: 'account' },
  lieux: { contentType: 'reseau.place' },
};

export const load: PageServerLoad = async (event) => {
  const asked = event.url.searchParams.get('action');
  const filter = asked && Object.hasOwn(FILTERS, asked) ? asked : null;
  const { action = null, contentType = null } = filter ? FILTERS[filter] : {};
  const data = await query(event, AUDIT, { action, contentType, after: event.url.searchParams.get('apres') });
  return { log: data.auditLog, filter };
};
