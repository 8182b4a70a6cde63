import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { eventInputFrom, formFields } from '$lib/server/event-form';
import { imageFields } from '$lib/server/fichiers';
import { formValues, mutate, query } from '$lib/server/forms';
import { streetLine } from '$lib/reseau/address';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

const MY_ORGANIZATIONS = graphql(`
  query AgendaMyOrganizations {
    myMemberships {
      role
      organization {
        id
        slug
        name
        adresse
        complementAdresse
        codePostal
        commune
      }
    }
  }
`);
const CREATE = graphql(`
  mutation CreateAgendaEvent($input: CreateEventInput!) {
    createEvent(input: $input) {
      id
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, MY_ORGANIZATIONS, {});
  // Each place with the address an event it organizes starts from, in the event's fields: the event has one address
  // line, which takes the place's complement ("Bâtiment B") after its street, as the place's page shows them.
  const organizations = data.myMemberships
    .filter((m) => m.role === 'ADMIN' || m.role === 'EDITOR')
    .map(({ organization }) => ({
      id: organization.id,
      slug: organization.slug,
      name: organization.name,
      address: streetLine(organization),
      postalCode: organization.codePostal ?? '',
      commune: organization.commune ?? '',
    }));
  // Opened from a place's page (?organisation=<slug>), that place organizes; otherwise the first of the list.
  const asked = event.url.searchParams.get('organisation');
  const chosen = organizations.find((organization) => organization.slug === asked || organization.id === asked) ?? organizations[0];
  // The event starts from its organizing place's address, for the member to change (without JavaScript too).
  const values: Record<string, string> = chosen
    ? { organizationId: chosen.id, address: chosen.address, postalCode: chosen.postalCode, commune: chosen.commune }
    : {};
  return { organizations, values };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    const image = await imageFields(event, data, values);
    if (image.error) return fail(400, { message: image.error, fields: { imageFileId: image.error } as Record<string, string>, values });
    const weekly = (values.weeklySessions ?? '').trim();
    const input = {
      ...eventInputFrom(values),
      ...image.input,
      organizationId: values.organizationId ?? '',
      kind: (values.kind || 'ATELIER') as 'ATELIER',
      weeklySessions: weekly === '' ? null : Number(weekly),
      draft: values.draft === 'on',
    };
    const result = await mutate(event, CREATE, { input }, values);
    if (!result.ok) {
      const failure = result.failure;
      return fail(failure.status, formFields(failure.data));
    }
    redirect(303, `/agenda/evenements/${result.data.createEvent.id}`);
  },
};
