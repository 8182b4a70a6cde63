import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { formValues, mutate } from '$lib/server/forms';
import type { Actions } from './$types';

const CREATE = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
      slug
    }
  }
`);

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData());
    const kind = (['LIEU', 'STRUCTURE', 'RESEAU'].includes(values.kind) ? values.kind : 'LIEU') as 'LIEU';
    const result = await mutate(event, CREATE, { input: { name: values.name ?? '', kind } }, values);
    if (!result.ok) return result.failure;
    redirect(303, `/organisations/${result.data.createOrganization.slug}`);
  },
};
