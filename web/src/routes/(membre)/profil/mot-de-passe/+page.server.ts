import { graphql } from '$lib/graphql';
import { mutate } from '$lib/server/forms';
import type { Actions } from './$types';

const CHANGE_PASSWORD = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      id
    }
  }
`);

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const result = await mutate(event, CHANGE_PASSWORD, {
      input: { currentPassword: String(data.get('currentPassword') ?? ''), newPassword: String(data.get('newPassword') ?? '') },
    });
    if (!result.ok) return result.failure;
    return { saved: true };
  },
};
