import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const ORGANIZATION = graphql(`
  query OrganizationPage($slug: String!) {
    organization(slug: $slug) {
      id
      name
      slug
      kind
      commune
      presentationResume
      updatedAt
      logoUrl
      logo {
        url
        alt
      }
      siteWeb
      myRole
      members(first: 100) {
        totalCount
        edges {
          node {
            id
            role
            user {
              id
              displayName
              status
              metier
            }
          }
        }
      }
    }
  }
`);

const CREATE_MANAGED = graphql(`
  mutation CreateManagedAccount($input: CreateManagedAccountInput!) {
    createManagedAccount(input: $input) {
      message
      displayName
      email
      expiresAt
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, ORGANIZATION, { slug: event.params.slug });
  if (!data.organization) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return { organization: data.organization };
};

export const actions: Actions = {
  managedAccount: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      CREATE_MANAGED,
      { input: { organizationId: values.organizationId ?? '', displayName: values.displayName ?? '', email: values.email ?? '' } },
      values,
    );
    if (!result.ok) return result.failure;
    return { created: result.data.createManagedAccount };
  },
};
