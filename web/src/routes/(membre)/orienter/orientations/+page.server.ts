import { graphql } from '$lib/graphql';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const ORIENTATIONS = graphql(`
  query OrienterOrientations($sentAfter: String, $receivedAfter: String) {
    sentOrientations(first: 20, after: $sentAfter) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          createdAt
          personName
          need
          organizationName
        }
      }
    }
    receivedOrientations(first: 20, after: $receivedAfter) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          createdAt
          personName
          need
          organizationName
          senderName
        }
      }
    }
  }
`);

/** What the member sent, and what the places they belong to received. */
export const load: PageServerLoad = async (event) => {
  const data = await query(event, ORIENTATIONS, {
    sentAfter: event.url.searchParams.get('envoyees'),
    receivedAfter: event.url.searchParams.get('recues'),
  });
  return { sent: data.sentOrientations, received: data.receivedOrientations };
};
