import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { mutate } from '$lib/server/forms';
import type { Actions } from './$types';

const LOGOUT = graphql(`
  mutation Logout {
    logout
  }
`);
const LOGOUT_EVERYWHERE = graphql(`
  mutation LogoutEverywhere {
    logoutEverywhere
  }
`);

export const actions: Actions = {
  ici: async (event) => {
    const result = await mutate(event, LOGOUT, {});
    if (!result.ok) return result.failure;
    redirect(303, '/');
  },
  partout: async (event) => {
    const result = await mutate(event, LOGOUT_EVERYWHERE, {});
    if (!result.ok) return result.failure;
    redirect(303, '/');
  },
};
