import { error, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { postFieldsFromForm } from '$lib/banque-de-temps/post-form';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const POST = graphql(`
  query TimebankPostEdit($id: ID!) {
    timebankPost(id: $id) {
      id
      kind
      title
      description
      category
      tags
      departement
      commune
      availability
      status
      author {
        id
      }
    }
  }
`);

const UPDATE = graphql(`
  mutation UpdateTimebankPost($input: UpdateTimebankPostInput!) {
    updateTimebankPost(input: $input) {
      id
    }
  }
`);

/** Its author corrects an offer or a request; the form is the one of publishing, filled in. */
export const load: PageServerLoad = async (event) => {
  const [{ timebankPost: post }, { me }] = await Promise.all([query(event, POST, { id: event.params.id }), event.parent()]);
  if (!post) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  if (post.author.id !== me?.id) error(403, { message: translate(event.locals.lang, 'banque-de-temps.edit.forbidden') });
  return {
    post: { id: post.id, kind: post.kind, title: post.title, status: post.status },
    values: {
      title: post.title,
      description: post.description,
      category: post.category,
      tags: post.tags.join(', '),
      commune: post.commune ?? '',
      departement: post.departement ?? '',
      availability: post.availability ?? '',
    },
  };
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, UPDATE, { input: { postId: event.params.id, ...postFieldsFromForm(values) } }, values);
    if (!result.ok) return result.failure;
    redirect(303, `/banque-de-temps/annonces/${result.data.updateTimebankPost.id}?modifiee=1`);
  },
};
