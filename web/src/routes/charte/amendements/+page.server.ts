import { graphql } from '$lib/graphql';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const AMENDMENTS = graphql(`
  query CharterAmendmentsPage($after: String, $status: AmendmentStatus) {
    myCharterStatus {
      canAmend
    }
    charterAmendments(first: 20, after: $after, status: $status) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          createdAt
          supportCount
          commentCount
          incorporatedInVersion
          hiddenAt
          article {
            number
            title
            versionNumber
          }
          author {
            id
            displayName
            hasProfile
          }
        }
      }
    }
  }
`);

const STATUSES = ['OPEN', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'] as const;

export const load: PageServerLoad = async (event) => {
  const raw = event.url.searchParams.get('statut');
  const status = STATUSES.find((s) => s === raw) ?? null;
  const data = await query(event, AMENDMENTS, { status, after: event.url.searchParams.get('apres') });
  return { amendments: data.charterAmendments, canAmend: data.myCharterStatus?.canAmend ?? false, status, statuses: STATUSES };
};
