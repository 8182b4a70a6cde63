import { graphql } from '$lib/graphql';
import { mutate } from '$lib/server/forms';
import { forgetWhoIsSignedIn } from '$lib/server/user';
import type { Actions } from './$types';

const CONFIRM_EMAIL_CHANGE = graphql(`
  mutation ConfirmEmailChange($input: EmailLinkInput!) {
    confirmEmailChange(input: $input) {
      id
      email
    }
  }
`);

/** The link sent to the new address: a button confirms it (a POST: a mail filter fetching links ahead does not use it up). */
export const actions: Actions = {
  default: async (event) => {
    const result = await mutate(event, CONFIRM_EMAIL_CHANGE, { input: { token: event.params.token } });
    if (!result.ok) return result.failure;
    forgetWhoIsSignedIn(event);
    return { done: true, email: result.data.confirmEmailChange.email ?? '' };
  },
};
