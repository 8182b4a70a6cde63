import { error, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import { deskResult, guestActions } from '$lib/server/agenda-guests';
import type { Actions, PageServerLoad } from './$types';

const EVENT = graphql(`
  query AgendaEvent($id: ID!) {
    event(id: $id) {
      id
      kind
      title
      description
      descriptionHtml
      image {
        url
        alt
      }
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
      guestsAllowed
      hidden
      cancelledAt
      cancellationReason
      publishedAt
      previousStartAt
      myCoOrganizationInvitations {
        status
        organization {
          id
          name
        }
      }
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
      messageReach {
        confirmedReachable
        confirmedUnreachable
        waitlistedReachable
        waitlistedUnreachable
      }
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
          cancelled
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

const ANSWER_CO_ORGANIZATION = {
  accept: graphql(`
    mutation AcceptCoOrganization($input: CoOrganizationAnswerInput!) {
      acceptCoOrganization(input: $input) {
        status
      }
    }
  `),
  decline: graphql(`
    mutation DeclineCoOrganization($input: CoOrganizationAnswerInput!) {
      declineCoOrganization(input: $input) {
        status
      }
    }
  `),
};
const PUBLISH_EVENT = graphql(`
  mutation PublishEvent($input: EventIdInput!) {
    publishEvent(input: $input) {
      id
    }
  }
`);
const DELETE_EVENT = graphql(`
  mutation DeleteEvent($input: EventIdInput!) {
    deleteEvent(input: $input)
  }
`);

const WRITE_TO_REGISTRANTS = graphql(`
  mutation MessageRegistrants($input: MessageRegistrantsInput!) {
    messageRegistrants(input: $input) {
      id
      recipientCount
      unreachableCount
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, EVENT, { id: event.params.id });
  if (!data.event) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  // Read (and cleared) whoever asks: only the organizer who sent the desk form has one.
  const desk = deskResult(event);
  return { event: data.event, desk: data.event.canEdit ? desk : null };
};

export const actions: Actions = {
  ...guestActions,
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
    return {
      messageSent: result.data.messageRegistrants.recipientCount,
      messageUnreachable: result.data.messageRegistrants.unreachableCount ?? 0,
    };
  },
  // An admin of an invited organization answers (the link of the notification leads here).
  acceptCoOrganization: async (event) => {
    const values = formValues(await event.request.formData());
    const input = { eventId: event.params.id, organizationId: values.organizationId ?? '' };
    const result = await mutate(event, ANSWER_CO_ORGANIZATION.accept, { input });
    if (!result.ok) return result.failure;
    return { coOrganizationAnswered: 'ACCEPTED' };
  },
  declineCoOrganization: async (event) => {
    const values = formValues(await event.request.formData());
    const input = { eventId: event.params.id, organizationId: values.organizationId ?? '' };
    const result = await mutate(event, ANSWER_CO_ORGANIZATION.decline, { input });
    if (!result.ok) return result.failure;
    return { coOrganizationAnswered: 'DECLINED' };
  },
  publishEvent: async (event) => {
    const result = await mutate(event, PUBLISH_EVENT, { input: { eventId: event.params.id } });
    if (!result.ok) return result.failure;
    return { eventPublished: true };
  },
  deleteEvent: async (event) => {
    const result = await mutate(event, DELETE_EVENT, { input: { eventId: event.params.id } });
    if (!result.ok) return result.failure;
    redirect(303, '/agenda');
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
