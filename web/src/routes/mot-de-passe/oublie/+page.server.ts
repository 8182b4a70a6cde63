import { graphql } from '$lib/graphql';
import { formValues, mutate } from '$lib/server/forms';
import type { Actions } from './$types';

const REQUEST_RESET = graphql(`
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input)
  }
`);

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, REQUEST_RESET, { input: { email: values.email ?? '' } }, values);
    if (!result.ok) return result.failure;
    // The same answer whether an account exists or not.
    return { sent: true, values };
  },
};
