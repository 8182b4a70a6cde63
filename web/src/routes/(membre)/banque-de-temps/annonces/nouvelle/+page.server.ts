import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { postFieldsFromForm } from '$lib/banque-de-temps/post-form';
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
    const result = await mutate(event, PUBLISH, { input: { kind, ...postFieldsFromForm(values) } }, values);
    if (!result.ok) return result.failure;
    redirect(303, `/banque-de-temps/annonces/${result.data.publishTimebankPost.id}?publiee=1`);
  },
};
