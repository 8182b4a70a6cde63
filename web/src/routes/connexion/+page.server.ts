import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { formValues, mutate, safeReturnPath } from '$lib/server/forms';
import { proConnectEnabled, proConnectError } from '$lib/server/proconnect';
import { signedIn } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

const LOGIN = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      id
      displayName
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const url = event.url;
  if (await signedIn(event)) redirect(303, safeReturnPath(url.searchParams.get('retour'), '/profil'));
  return {
    proConnect: proConnectEnabled(),
    proConnectError: proConnectError(url),
    retour: safeReturnPath(url.searchParams.get('retour'), '/'),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    const result = await mutate(
      event,
      LOGIN,
      { input: { email: values.email ?? '', password: String(data.get('password') ?? '') } },
      values,
    );
    if (!result.ok) return result.failure;
    redirect(303, safeReturnPath(event.url.searchParams.get('retour'), '/profil'));
  },
};
