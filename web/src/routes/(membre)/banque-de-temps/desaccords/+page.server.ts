import { graphql } from '$lib/graphql';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const DISPUTES = graphql(`
  query TimebankDisputes($after: String) {
    disputedExchanges(first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          minutes
          spentMinutes
          disputedAt
          disputeReason
          post {
            title
          }
          provider {
            displayName
          }
          beneficiary {
            displayName
          }
        }
      }
    }
  }
`);

/** Exchanges with a flagged disagreement, for moderators (others get the API's FORBIDDEN page). */
export const load: PageServerLoad = async (event) => {
  const data = await query(event, DISPUTES, { after: event.url.searchParams.get('apres') });
  return { disputes: data.disputedExchanges };
};
