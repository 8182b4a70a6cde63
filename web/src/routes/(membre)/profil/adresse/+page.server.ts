import { graphql } from '$lib/graphql';
import { formValues, mutate, query } from '$lib/server/forms';
import { toSignIn } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

const MY_ADDRESS = graphql(`
  query MyAddress {
    me {
      id
      email
    }
  }
`);

const CHANGE_EMAIL = graphql(`
  mutation ChangeEmail($input: ChangeEmailInput!) {
    changeEmail(input: $input) {
      message
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, MY_ADDRESS, {});
  if (!data.me) toSignIn(event.url);
  return { email: data.me.email };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    const result = await mutate(
      event,
      CHANGE_EMAIL,
      { input: { newEmail: values.newEmail ?? '', password: String(data.get('password') ?? '') } },
      values,
    );
    if (!result.ok) return result.failure;
    return { sent: result.data.changeEmail.message };
  },
};
