import { error, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { formValues, mutate, query } from '$lib/server/forms';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const EDIT_ANSWER = graphql(`
  query EntraideEditAnswer($id: ID!) {
    answer(id: $id) {
      id
      questionId
      body
      viewerCanEdit
    }
  }
`);
const UPDATE = graphql(`
  mutation EntraideUpdateAnswer($input: UpdateAnswerInput!) {
    updateAnswer(input: $input) {
      id
      questionId
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, EDIT_ANSWER, { id: event.params.id });
  if (!data.answer) error(404, { message: translate(event.locals.lang, 'entraide.notFound') });
  if (!data.answer.viewerCanEdit) error(403, { message: translate(event.locals.lang, 'entraide.editForbidden') });
  return { answer: data.answer };
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, UPDATE, { input: { id: event.params.id, body: values.body ?? '' } }, values);
    if (!result.ok) return result.failure;
    const { id, questionId } = result.data.updateAnswer;
    redirect(303, `/entraide/questions/${questionId}#reponse-${id}`);
  },
};
