import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const PLACES = graphql(`
  query OrienterPlaces($search: String) {
    orientationPlaces(search: $search) {
      id
      name
      commune
    }
  }
`);

const SEND = graphql(`
  mutation OrienterSend($input: SendOrientationInput!) {
    sendOrientation(input: $input) {
      id
    }
  }
`);

/** Step 1 searches the places that have a team (GET `lieu`), step 2 is the orientation form (POST). */
export const load: PageServerLoad = async (event) => {
  const search = (event.url.searchParams.get('lieu') ?? '').slice(0, 200);
  const places = search ? (await query(event, PLACES, { search })).orientationPlaces : [];
  return { search, places };
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      SEND,
      {
        input: {
          organizationId: values.organizationId ?? '',
          personName: values.personName ?? '',
          personContact: values.personContact || null,
          need: values.need ?? '',
          note: values.note || null,
          consent: values.consent === 'oui',
        },
      },
      values,
    );
    if (!result.ok) return result.failure;
    redirect(303, `/orienter/orientations/${result.data.sendOrientation.id}`);
  },
};
