import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { api } from '$lib/server/api';
import { mutate } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const PASSWORD_RESET = graphql(`
  query PasswordReset($token: String!) {
    passwordReset(token: $token) {
      displayName
    }
  }
`);
const RESET_PASSWORD = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      id
    }
  }
`);

/** The link of a "mot de passe oublié" e-mail: whom it is for, or why it no longer works. */
export const load: PageServerLoad = async (event) => {
  const result = await api(event).query(PASSWORD_RESET, { token: event.params.token }).toPromise();
  return {
    name: result.data?.passwordReset?.displayName ?? null,
    invalid: result.data?.passwordReset ? null : (result.error?.graphQLErrors[0]?.message ?? result.error?.message ?? null),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const result = await mutate(event, RESET_PASSWORD, {
      input: { token: event.params.token, password: String(data.get('password') ?? '') },
    });
    if (!result.ok) return result.failure;
    // Signed in now (the API set the session cookie): the list of devices shows that only this one is left.
    redirect(303, '/profil/sessions?motdepasse=nouveau');
  },
};
