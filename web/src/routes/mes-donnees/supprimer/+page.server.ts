import { fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { mutate } from '$lib/server/forms';
import { forgetWhoIsSignedIn } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

const DELETE_ACCOUNT = graphql(`
  mutation DeleteMyAccount($input: DeleteMyAccountInput!) {
    deleteMyAccount(input: $input) {
      kept {
        section
        explanation
      }
    }
  }
`);

// No redirect when signed out: right after the deletion this page shows what was kept, to a signed-out person.
export const load: PageServerLoad = async () => ({});

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const lang = event.locals.lang;
    if (data.get('understand') !== 'on') {
      const fields: Record<string, string> = { understand: translate(lang, 'commun.mydata.understandError') };
      const values: Record<string, string> = {};
      return fail(400, { message: translate(lang, 'common.formHasErrors'), fields, values });
    }
    const result = await mutate(event, DELETE_ACCOUNT, { input: { password: String(data.get('password') ?? '') } }, {
      understand: 'on',
    } as Record<string, string>);
    if (!result.ok) return result.failure;
    // The account is gone and signed out: the page drawn next shows the header of a visitor.
    forgetWhoIsSignedIn(event);
    return { kept: result.data.deleteMyAccount.kept };
  },
};
