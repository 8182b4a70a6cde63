import { graphql } from '$lib/graphql';
import { mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const GUEST = graphql(`
  query GuestRegistration($token: String!) {
    guestRegistration(token: $token) {
      firstName
      pending
      status
      waitlistPosition
      canCancel
      calendarUrl
      event {
        id
        title
        startsAt
        endsAt
        timeZone
        address
        postalCode
        commune
        onlineUrl
        cancelledAt
        place {
          name
        }
      }
    }
  }
`);
const CONFIRM = graphql(`
  mutation ConfirmGuestRegistration($input: GuestTokenInput!) {
    confirmGuestRegistration(input: $input) {
      status
    }
  }
`);
const CANCEL = graphql(`
  mutation CancelGuestRegistration($input: GuestTokenInput!) {
    cancelGuestRegistration(input: $input) {
      status
    }
  }
`);
/**
 * A guest's private page (the link of their e-mail). Opening it changes nothing: confirming and
 * cancelling are POSTs, so a mail filter that fetches links ahead neither confirms nor cancels.
 */
export const load: PageServerLoad = async (event) => {
  event.setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
  const data = await query(event, GUEST, { token: event.params.token });
  return { guest: data.guestRegistration };
};

export const actions: Actions = {
  confirm: async (event) => {
    const result = await mutate(event, CONFIRM, { input: { token: event.params.token } });
    if (!result.ok) return result.failure;
    return { confirmed: result.data.confirmGuestRegistration.status };
  },
  cancel: async (event) => {
    const result = await mutate(event, CANCEL, { input: { token: event.params.token } });
    if (!result.ok) return result.failure;
    return { cancelled: true };
  },
};
