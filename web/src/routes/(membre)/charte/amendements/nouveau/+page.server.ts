import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const NEW_AMENDMENT = graphql(`
  query NewAmendmentPage {
    charter {
      id
      number
      articles {
        id
        number
        title
        body
      }
    }
    myCharterStatus {
      canAmend
    }
  }
`);

const PROPOSE = graphql(`
  mutation ProposeAmendmentPage($input: ProposeAmendmentInput!) {
    proposeAmendment(input: $input) {
      id
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, NEW_AMENDMENT, {});
  const number = Number(event.url.searchParams.get('article'));
  return {
    charter: data.charter,
    canAmend: data.myCharterStatus?.canAmend ?? false,
    articleNumber: Number.isInteger(number) && number > 0 ? number : null,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      PROPOSE,
      {
        input: {
          articleId: values.articleId ?? '',
          proposedTitle: values.proposedTitle || null,
          proposedBody: values.proposedBody ?? '',
          reason: values.reason ?? '',
        },
      },
      values,
    );
    if (!result.ok) return result.failure;
    redirect(303, `/charte/amendements/${result.data.proposeAmendment.id}?propose=1`);
  },
};
