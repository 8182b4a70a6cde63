import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { formValues, mutate } from '$lib/server/forms';
import { signedIn } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

const REGISTER = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      message
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  if (await signedIn(event)) redirect(303, '/profil');
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    const result = await mutate(
      event,
      REGISTER,
      { input: { email: values.email ?? '', displayName: values.displayName ?? '', password: String(data.get('password') ?? '') } },
      values,
    );
    if (!result.ok) return result.failure;
    // Nobody is signed in yet: the link sent by e-mail confirms the address first (the same answer for a known address).
    return { sent: true, email: values.email?.trim() ?? '' };
  },
};
