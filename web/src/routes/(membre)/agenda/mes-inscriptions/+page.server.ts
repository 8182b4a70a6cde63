import { graphql } from '$lib/graphql';
import { mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const MINE = graphql(`
  query AgendaMyRegistrations($past: Boolean, $after: String) {
    hasCalendarLink
    myRegistrations(past: $past, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          title
          startsAt
          timeZone
          endsAt
          level
          commune
          online
          organizerName
          placeName
          seriesPosition
          seriesSize
          remainingSeats
          myStatus
          myWaitlistPosition
        }
      }
    }
  }
`);
const RENEW = graphql(`
  mutation RenewCalendarLink {
    renewCalendarLink {
      url
    }
  }
`);
const REVOKE = graphql(`
  mutation RevokeCalendarLink {
    revokeCalendarLink
  }
`);

export const load: PageServerLoad = async (event) => {
  const past = event.url.searchParams.get('passes') === '1';
  const data = await query(event, MINE, { past, after: event.url.searchParams.get('apres') });
  return { registrations: data.myRegistrations, hasCalendarLink: data.hasCalendarLink, past };
};

export const actions: Actions = {
  renew: async (event) => {
    const result = await mutate(event, RENEW, {});
    if (!result.ok) return result.failure;
    return { feedUrl: result.data.renewCalendarLink.url };
  },
  revoke: async (event) => {
    const result = await mutate(event, REVOKE, {});
    if (!result.ok) return result.failure;
    return { revoked: true };
  },
};
