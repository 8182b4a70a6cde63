import { error, fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { eventInputFrom, formFields, valuesOfEvent } from '$lib/server/event-form';
import { imageFields } from '$lib/server/fichiers';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const EVENT = graphql(`
  query AgendaEventForEdit($id: ID!) {
    event(id: $id) {
      id
      kind
      title
      description
      startsAt
      endsAt
      timeZone
      address
      postalCode
      commune
      onlineUrl
      place {
        id
      }
      capacity
      level
      publics
      accessibility
      fees
      themes
      registrationClosesAt
      guestsAllowed
      image {
        fileId
        alt
      }
      canEdit
      series {
        id
      }
      coOrganizerInvitations {
        status
        organization {
          id
          name
          slug
        }
      }
    }
  }
`);
const UPDATE = graphql(`
  mutation UpdateAgendaEvent($input: UpdateEventInput!) {
    updateEvent(input: $input) {
      id
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, EVENT, { id: event.params.id });
  if (!data.event) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  if (!data.event.canEdit) error(403, { message: translate(event.locals.lang, 'agenda.forbiddenEdit') });
  // The image stays as it is unless the form changes it.
  const image = { imageFileId: data.event.image?.fileId ?? '', imageAlt: data.event.image?.alt ?? '' };
  return { event: data.event, values: { ...valuesOfEvent(data.event), ...image } };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    const image = await imageFields(event, data, values);
    if (image.error) return fail(400, { message: image.error, fields: { imageFileId: image.error } as Record<string, string>, values });
    const input = {
      ...eventInputFrom(values),
      ...image.input,
      id: event.params.id,
      kind: (values.kind || 'ATELIER') as 'ATELIER',
      // "Toutes les séances à venir": this session and every one of its cycle still to come.
      wholeCycle: values.scope === 'upcoming',
    };
    const result = await mutate(event, UPDATE, { input }, values);
    if (!result.ok) return fail(result.failure.status, formFields(result.failure.data));
    redirect(303, `/agenda/evenements/${event.params.id}`);
  },
};
