import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { formValues, mutate } from '$lib/server/forms';
import type { Actions } from './$types';

const PUBLISH = graphql(`
  mutation PublishTimebankPost($input: PublishTimebankPostInput!) {
    publishTimebankPost(input: $input) {
      id
    }
  }
`);

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData());
    const kind = values.kind === 'REQUEST' ? 'REQUEST' : 'OFFER';
    const category = (values.category || 'AUTRE') as 'AUTRE';
    const result = await mutate(
      event,
      PUBLISH,
      {
        input: {
          kind,
          category,
          title: values.title ?? '',
          description: values.description ?? '',
          tags: (values.tags ?? '')
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean),
          departement: values.departement || null,
          commune: values.commune || null,
          availability: values.availability || null,
        },
      },
      values,
    );
    if (!result.ok) return result.failure;
    redirect(303, `/banque-de-temps/annonces/${result.data.publishTimebankPost.id}?publiee=1`);
  },
};
