import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const ATTENDEES = graphql(`
  query AgendaAttendees($id: ID!) {
    event(id: $id) {
      id
      title
      dateText
      capacity
      confirmedCount
      waitlistCount
      canEdit
      attendanceSheetUrl
      confirmed: attendees(status: CONFIRMED, first: 100) {
        totalCount
        edges {
          node {
            registrationId
            displayName
            email
            phone
            registeredAt
          }
        }
      }
      waiting: attendees(status: WAITLISTED, first: 100) {
        totalCount
        edges {
          node {
            registrationId
            displayName
            email
            phone
            waitlistPosition
            registeredAt
          }
        }
      }
    }
  }
`);

/** The organizers' view: who comes, who waits, in which order. */
export const load: PageServerLoad = async (event) => {
  const data = await query(event, ATTENDEES, { id: event.params.id });
  if (!data.event) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return { event: data.event };
};
