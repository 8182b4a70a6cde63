import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { mutate } from '$lib/server/forms';
import type { Actions } from './$types';

const SIGN_OUT = graphql(`
  mutation SignOut {
    signOut {
      providerLogoutUrl
    }
  }
`);
const LOGOUT_EVERYWHERE = graphql(`
  mutation LogoutEverywhere {
    logoutEverywhere
  }
`);

export const actions: Actions = {
  ici: async (event) => {
    const result = await mutate(event, SIGN_OUT, {});
    if (!result.ok) return result.failure;
    // Signed in with ProConnect: its session ends too, then the provider sends the person back to /auth/proconnect/deconnexion.
    redirect(303, result.data.signOut.providerLogoutUrl ?? '/');
  },
  partout: async (event) => {
    const result = await mutate(event, LOGOUT_EVERYWHERE, {});
    if (!result.ok) return result.failure;
    redirect(303, '/');
  },
};
