import { redirect, type RequestEvent } from '@sveltejs/kit';
import { graphql, type ResultOf } from '$lib/graphql';
import { api } from './api';

const SIGNED_IN = graphql(`
  query SignedIn {
    me {
      id
      displayName
      role
      departement
      emailVerified
    }
  }
`);

/** The signed-in member as every page sees it (`event.locals.user`, `data.me`). */
export type SignedInUser = NonNullable<ResultOf<typeof SIGNED_IN>['me']>;

/** The API's session cookie (server/src/http/session-cookie.ts): without it, nobody is signed in. */
const SESSION_COOKIE = 'maillage_session';

/**
 * Who sends this request, asked to the API with their session cookie: null for a visitor, without asking
 * (or when the API cannot be reached, as a visitor sees the site).
 */
export async function signedInUser(event: RequestEvent): Promise<SignedInUser | null> {
  if (!event.cookies.get(SESSION_COOKIE)) return null;
  const result = await api(event).query(SIGNED_IN, {}).toPromise();
  return result.data?.me ?? null;
}

/** Sends a visitor to the sign-in page, which brings them back to this very page (query included) afterwards. */
export function toSignIn(url: URL): never {
  redirect(303, `/connexion?retour=${encodeURIComponent(url.pathname + url.search)}`);
}
