import { graphql } from '$lib/graphql';
import { mutate } from '$lib/server/forms';
import { forgetWhoIsSignedIn, signedIn } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

const VERIFY_EMAIL = graphql(`
  mutation VerifyEmail($input: EmailLinkInput!) {
    verifyEmail(input: $input) {
      id
      displayName
    }
  }
`);

/**
 * The link of the sign-up e-mail. Opening it only shows a button: the confirmation (which signs in)
 * is a POST, so a mail filter that fetches links ahead does not use it up, and no other site can
 * sign a visitor in to someone else's account with a link.
 */
export const load: PageServerLoad = async (event) => ({ signedIn: !!(await signedIn(event)) });

export const actions: Actions = {
  default: async (event) => {
    const result = await mutate(event, VERIFY_EMAIL, { input: { token: event.params.token } });
    if (!result.ok) return result.failure;
    // The page is drawn again in this same request (without JavaScript): the header shows the member.
    forgetWhoIsSignedIn(event);
    return { confirmed: true, name: result.data.verifyEmail.displayName };
  },
};
