import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const EVENT = graphql(`
  query AgendaEvent($id: ID!) {
    event(id: $id) {
      id
      kind
      title
      description
      descriptionHtml
      updatedAt
      startsAt
      endsAt
      dateText
      capacity
      address
      postalCode
      commune
      departement
      latitude
      longitude
      timeZone
      onlineUrl
      level
      publics
      accessibility
      fees
      themes
      registrationOpensAt
      registrationState
      hidden
      cancelledAt
      cancellationReason
      messages {
        id
        body
        authorName
        createdAt
        includesWaitlisted
        wholeCycle
      }
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
        adresse
        complementAdresse
        codePostal
        commune
        latitude
        longitude
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

const CANCEL_EVENT = graphql(`
  mutation CancelEvent($input: CancelEventInput!) {
    cancelEvent(input: $input) {
      id
      cancelledAt
    }
  }
`);

const WRITE_TO_REGISTRANTS = graphql(`
  mutation MessageRegistrants($input: MessageRegistrantsInput!) {
    messageRegistrants(input: $input) {
      id
      recipientCount
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
  writeToRegistrants: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      WRITE_TO_REGISTRANTS,
      {
        input: {
          eventId: event.params.id,
          body: values.body ?? '',
          includesWaitlisted: values.includesWaitlisted === 'on',
          wholeCycle: values.wholeCycle === 'on',
        },
      },
      values,
    );
    if (!result.ok) return result.failure;
    return { messageSent: result.data.messageRegistrants.recipientCount };
  },
  cancelEvent: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, CANCEL_EVENT, { input: { eventId: event.params.id, reason: values.reason || null } }, values);
    if (!result.ok) return result.failure;
    return { eventCancelled: true };
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
