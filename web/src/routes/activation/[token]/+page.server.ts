import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { api } from '$lib/server/api';
import { mutate } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const ACTIVATION = graphql(`
  query Activation($token: String!) {
    activation(token: $token) {
      displayName
    }
  }
`);
const ACTIVATE = graphql(`
  mutation ActivateAccount($input: ActivateAccountInput!) {
    activateAccount(input: $input) {
      id
      displayName
    }
  }
`);

/** A tutored person opens the link their organization gave them. */
export const load: PageServerLoad = async (event) => {
  const result = await api(event).query(ACTIVATION, { token: event.params.token }).toPromise();
  return {
    name: result.data?.activation?.displayName ?? null,
    invalid: result.error?.graphQLErrors[0]?.message ?? null,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const result = await mutate(event, ACTIVATE, { input: { token: event.params.token, password: String(data.get('password') ?? '') } });
    if (!result.ok) return result.failure;
    redirect(303, '/profil?active=1');
  },
};
