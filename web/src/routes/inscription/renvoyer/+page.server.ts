import { graphql } from '$lib/graphql';
import { mutate } from '$lib/server/forms';
import { toSignIn, signedIn } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

const RESEND = graphql(`
  mutation ResendVerificationEmail {
    resendVerificationEmail {
      message
    }
  }
`);

/** "Renvoyer le lien" (the banner of every page posts here, so it works without JavaScript). */
export const load: PageServerLoad = async (event) => {
  if (!(await signedIn(event))) toSignIn(event.url);
};

export const actions: Actions = {
  default: async (event) => {
    if (!(await signedIn(event))) toSignIn(event.url);
    const result = await mutate(event, RESEND, {});
    if (!result.ok) return result.failure;
    return { sent: result.data.resendVerificationEmail.message };
  },
};
