import { error, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const POST = graphql(`
  query TimebankPostPage($id: ID!) {
    timebankPost(id: $id) {
      id
      kind
      title
      descriptionHtml
      category
      tags
      tagList {
        slug
        label
      }
      departement
      commune
      availability
      status
      createdAt
      closedAt
      hidden
      hiddenReason
      author {
        id
        displayName
        hasProfile
        commune
      }
    }
  }
`);
const PROPOSE = graphql(`
  mutation ProposeExchange($input: ProposeExchangeInput!) {
    proposeExchange(input: $input) {
      id
    }
  }
`);
const CLOSE = graphql(`
  mutation CloseTimebankPost($input: CloseTimebankPostInput!) {
    closeTimebankPost(input: $input) {
      id
      status
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, POST, { id: event.params.id });
  if (!data.timebankPost) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return { post: data.timebankPost, published: event.url.searchParams.has('publiee'), edited: event.url.searchParams.has('modifiee') };
};

export const actions: Actions = {
  propose: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      PROPOSE,
      { input: { postId: event.params.id, minutes: Number(values.minutes), message: values.message || null } },
      values,
    );
    if (!result.ok) return result.failure;
    redirect(303, `/banque-de-temps/echanges/${result.data.proposeExchange.id}`);
  },
  close: async (event) => {
    const result = await mutate(event, CLOSE, { input: { postId: event.params.id } });
    if (!result.ok) return result.failure;
    return { closed: true };
  },
};
