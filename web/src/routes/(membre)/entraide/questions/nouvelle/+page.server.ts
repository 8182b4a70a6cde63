import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { formValues, mutate } from '$lib/server/forms';
import type { Actions } from './$types';

const ASK = graphql(`
  mutation EntraideAsk($input: AskQuestionInput!) {
    askQuestion(input: $input) {
      id
    }
  }
`);

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData());
    const tags = (values.tags ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
    const result = await mutate(
      event,
      ASK,
      {
        input: {
          title: values.title ?? '',
          body: values.body ?? '',
          tags,
          departement: values.departement || null,
          commune: values.commune || null,
        },
      },
      values,
    );
    if (!result.ok) return result.failure;
    redirect(303, `/entraide/questions/${result.data.askQuestion.id}`);
  },
};
