import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const MY_ORGANIZATIONS = graphql(`
  query RessourcesBaseOrganizations {
    myMemberships {
      role
      organization {
        id
        name
      }
    }
  }
`);

const CREATE = graphql(`
  mutation RessourcesCreateBase($input: CreateResourceBaseInput!) {
    createResourceBase(input: $input) {
      slug
    }
  }
`);

/** The organizations the member administers: each may open one base of resources. */
export const load: PageServerLoad = async (event) => {
  const data = await query(event, MY_ORGANIZATIONS, {});
  const organizations = data.myMemberships.filter((membership) => membership.role === 'ADMIN').map((membership) => membership.organization);
  return { organizations };
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      CREATE,
      {
        input: {
          organizationId: values.organizationId ?? '',
          name: values.name?.trim() || null,
          description: values.description?.trim() || null,
        },
      },
      values,
    );
    if (!result.ok) return result.failure;
    redirect(303, `/ressources/bases/${result.data.createResourceBase.slug}`);
  },
};
