import { fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { api } from '$lib/server/api';
import { mutate, query } from '$lib/server/forms';
import { readResourceForm } from '$lib/ressources/editor.server';
import type { Actions, PageServerLoad } from './$types';

const EDITOR_DATA = graphql(`
  query RessourcesEditorData {
    resourceVocabulary {
      themes
      publics
    }
  }
`);
const MY_BASES = graphql(`
  query RessourcesMyBases {
    myResourceBases {
      id
      name
    }
    myMemberships {
      organization {
        id
        name
      }
    }
  }
`);

const CREATE = graphql(`
  mutation RessourcesCreate($input: ResourceInput!) {
    createResource(input: $input) {
      slug
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const [vocabulary, bases] = await Promise.all([query(event, EDITOR_DATA, {}), api(event).query(MY_BASES, {}).toPromise()]);
  return {
    ...vocabulary.resourceVocabulary,
    bases: bases.data?.myResourceBases ?? [],
    organizations: (bases.data?.myMemberships ?? []).map((membership) => membership.organization),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { input, values, lists, uploadError } = await readResourceForm(event);
    if (uploadError) return fail(400, { message: uploadError, fields: { fileIds: uploadError }, values, lists });
    const result = await mutate(event, CREATE, { input }, values);
    if (!result.ok) return fail(result.failure.status, { ...result.failure.data, lists });
    redirect(303, `/ressources/${result.data.createResource.slug}?publiee`);
  },
};
