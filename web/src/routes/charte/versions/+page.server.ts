import { graphql } from '$lib/graphql';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const VERSIONS = graphql(`
  query CharterVersionsPage($after: String) {
    charterVersions(first: 30, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          publishedAt
          changelog
          signatureCount
          amendmentCount
          isCurrent
        }
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, VERSIONS, { after: event.url.searchParams.get('apres') });
  return { versions: data.charterVersions };
};
