import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const ATTENDEES = graphql(`
  query AgendaAttendees($id: ID!) {
    event(id: $id) {
      id
      title
      dateText
      capacity
      endsAt
      cancelledAt
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

/** Why the registrations no longer change (the API refuses "Retirer" and "Confirmer" then), or null. */
function settled(event: { cancelledAt?: string | null; endsAt: string }): 'cancelled' | 'over' | null {
  if (event.cancelledAt) return 'cancelled';
  return new Date(event.endsAt) <= new Date() ? 'over' : null;
}

/** The organizers' view: who comes, who waits, in which order. */
export const load: PageServerLoad = async (event) => {
  const data = await query(event, ATTENDEES, { id: event.params.id });
  if (!data.event) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return { event: data.event, settled: settled(data.event) };
};

const REMOVE = graphql(`
  mutation RemoveRegistration($input: RegistrationIdInput!) {
    removeRegistration(input: $input) {
      id
    }
  }
`);
const PROMOTE = graphql(`
  mutation PromoteRegistration($input: RegistrationIdInput!) {
    promoteRegistration(input: $input) {
      id
      capacity
    }
  }
`);

export const actions: Actions = {
  /** "Retirer": a registration made by mistake, or cancelled by phone; the seat goes to the first person waiting. */
  remove: async (event) => {
    const values = formValues(await event.request.formData());
    // The values come back with a refusal: the row's fold opens again beside its message.
    const result = await mutate(event, REMOVE, { input: { registrationId: values.registrationId ?? '' } }, values);
    if (!result.ok) return result.failure;
    return { removed: (values.name ?? '').slice(0, 120) };
  },
  /** "Confirmer": someone from the waitlist gets a seat (one more seat when the event is full). */
  promote: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, PROMOTE, { input: { registrationId: values.registrationId ?? '' } });
    if (!result.ok) return result.failure;
    const capacity = result.data.promoteRegistration.capacity;
    return { promoted: (values.name ?? '').slice(0, 120), capacity, raised: capacity !== null && String(capacity) !== values.capacity };
  },
};
