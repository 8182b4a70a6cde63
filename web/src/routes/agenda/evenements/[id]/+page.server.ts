import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const EVENT = graphql(`
  query AgendaEvent($id: ID!) {
    event(id: $id) {
      id
      kind
      title
      descriptionHtml
      startsAt
      endsAt
      dateText
      capacity
      address
      postalCode
      commune
      departement
      onlineUrl
      level
      publics
      accessibility
      fees
      themes
      registrationOpensAt
      registrationState
      hidden
      confirmedCount
      waitlistCount
      remainingSeats
      canEdit
      calendarUrl
      attendanceSheetUrl
      organizer {
        id
        name
        slug
      }
      coOrganizers {
        id
        name
        slug
      }
      place {
        id
        name
        slug
      }
      myRegistration {
        status
        waitlistPosition
      }
      series {
        id
        sessionCount
        sessions {
          id
          startsAt
          endsAt
          seriesPosition
          remainingSeats
          myStatus
          myWaitlistPosition
        }
      }
    }
  }
`);
const REGISTER = graphql(`
  mutation RegisterToEvent($input: RegisterToEventInput!) {
    registerToEvent(input: $input) {
      status
      waitlistPosition
    }
  }
`);
const REGISTER_SERIES = graphql(`
  mutation RegisterToSeries($input: RegisterToSeriesInput!) {
    registerToSeries(input: $input) {
      eventId
      status
    }
  }
`);
const CANCEL = graphql(`
  mutation CancelRegistration($input: CancelRegistrationInput!) {
    cancelRegistration(input: $input) {
      status
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, EVENT, { id: event.params.id });
  if (!data.event) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return { event: data.event };
};

export const actions: Actions = {
  register: async (event) => {
    const result = await mutate(event, REGISTER, { input: { eventId: event.params.id } });
    if (!result.ok) return result.failure;
    return { registered: result.data.registerToEvent };
  },
  registerSeries: async (event) => {
    const values = Object.fromEntries(await event.request.formData()) as Record<string, string>;
    const result = await mutate(event, REGISTER_SERIES, { input: { seriesId: values.seriesId ?? '' } });
    if (!result.ok) return result.failure;
    return { seriesRegistered: result.data.registerToSeries.length };
  },
  cancel: async (event) => {
    const result = await mutate(event, CANCEL, { input: { eventId: event.params.id } });
    if (!result.ok) return result.failure;
    return { cancelled: true };
  },
  // "Tout le cycle": every session still to come where I am registered or waiting, this one included.
  cancelSeries: async (event) => {
    const data = await query(event, EVENT, { id: event.params.id });
    const now = Date.now();
    const mine = (data.event?.series?.sessions ?? []).filter(
      (session) => (session.myStatus === 'CONFIRMED' || session.myStatus === 'WAITLISTED') && new Date(session.startsAt).getTime() > now,
    );
    let cancelled = 0;
    for (const session of mine) {
      const result = await mutate(event, CANCEL, { input: { eventId: session.id } });
      if (!result.ok) return result.failure;
      cancelled++;
    }
    return { cancelledSeries: cancelled };
  },
};
