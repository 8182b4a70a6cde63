import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const BASE = graphql(`
  query RessourcesBaseForEdit($slug: String!) {
    resourceBase(slug: $slug) {
      id
      slug
      name
      description
      viewerCanManage
    }
  }
`);

const UPDATE = graphql(`
  mutation RessourcesUpdateBase($input: UpdateResourceBaseInput!) {
    updateResourceBase(input: $input) {
      slug
    }
  }
`);

/** Only the admins of the base's organization edit its name and description (docs/ressources.md). */
export const load: PageServerLoad = async (event) => {
  const data = await query(event, BASE, { slug: event.params.slug });
  if (!data.resourceBase) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  if (!data.resourceBase.viewerCanManage) error(403, { message: translate(event.locals.lang, 'ressources.editBase.forbidden') });
  return { base: data.resourceBase };
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      UPDATE,
      // An empty description clears it; the name is required (3 characters at least, the API says so).
      { input: { id: values.id ?? '', name: values.name ?? '', description: values.description ?? '' } },
      values,
    );
    if (!result.ok) return result.failure;
    return { saved: true };
  },
};
