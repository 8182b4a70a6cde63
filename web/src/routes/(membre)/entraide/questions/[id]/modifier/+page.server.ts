import { error, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { formValues, mutate, query } from '$lib/server/forms';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const EDIT_QUESTION = graphql(`
  query EntraideEditQuestion($id: ID!) {
    question(id: $id) {
      id
      title
      body
      departement
      commune
      viewerCanEdit
      tags {
        slug
        label
      }
    }
  }
`);
const UPDATE = graphql(`
  mutation EntraideUpdateQuestion($input: UpdateQuestionInput!) {
    updateQuestion(input: $input) {
      id
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, EDIT_QUESTION, { id: event.params.id });
  if (!data.question) error(404, { message: translate(event.locals.lang, 'entraide.notFound') });
  if (!data.question.viewerCanEdit) error(403, { message: translate(event.locals.lang, 'entraide.editForbidden') });
  return { question: data.question };
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData());
    const tags = (values.tags ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
    const input = {
      id: event.params.id,
      title: values.title ?? '',
      body: values.body ?? '',
      tags,
      departement: values.departement ?? '',
      commune: values.commune ?? '',
    };
    const result = await mutate(event, UPDATE, { input }, values);
    if (!result.ok) return result.failure;
    redirect(303, `/entraide/questions/${event.params.id}`);
  },
};
