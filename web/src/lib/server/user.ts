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

// The same member, and the unread counts that the header of a page rendered whole shows (+layout.server.ts).
const SIGNED_IN_WITH_UNREAD = graphql(`
  query SignedInWithUnread {
    me {
      id
      displayName
      role
      departement
      emailVerified
    }
    unreadNotificationCount
    unreadConversationCount
  }
`);

/** The signed-in member as every page sees it (`await signedIn(event)`, `data.me`). */
export type SignedInUser = NonNullable<ResultOf<typeof SIGNED_IN>['me']>;

/** The API's session cookie (server/src/http/session-cookie.ts): without it, nobody is signed in. */
const SESSION_COOKIE = 'maillage_session';

/**
 * Who sends this request, asked to the API with their session cookie: null for a visitor, without asking
 * (or when the API cannot be reached, as a visitor sees the site).
 */
async function signedInUser(event: RequestEvent): Promise<SignedInUser | null> {
  if (!event.cookies.get(SESSION_COOKIE)) return null;
  const result = await api(event).query(SIGNED_IN, {}).toPromise();
  return result.data?.me ?? null;
}

/** The counts of the header's badges: unread notifications and conversations. */
export interface UnreadCounts {
  notifications: number;
  conversations: number;
}

/** Who sends a request and, for a page rendered whole, the header's unread counts (null when not asked). */
export interface Visit {
  user: SignedInUser | null;
  unread: UnreadCounts | null;
}

/**
 * Who sends this request, asked to the API at most once per request and only when something needs it: the root
 * layout of a page rendered whole, or a loader or action that depends on who is there. A loader awaits it beside
 * its own requests rather than after it: the page's data and the question "who is this?" travel side by side.
 */
export function visitOf(event: RequestEvent): Promise<Visit> {
  if (!event.locals.visit) {
    event.locals.visit = signedInVisit(event);
    // A loader that started it and then failed on its own request never awaits it: that is no crash.
    event.locals.visit.catch(() => undefined);
  }
  return event.locals.visit;
}

/** The signed-in member sending this request, or null for a visitor. */
export async function signedIn(event: RequestEvent): Promise<SignedInUser | null> {
  return (await visitOf(event)).user;
}

/**
 * After something that changes who is signed in or how they are shown (a sign-in confirmed, a profile saved, the
 * account deleted): the page drawn next in this same request asks the API again.
 */
export function forgetWhoIsSignedIn(event: RequestEvent): void {
  event.locals.visit = undefined;
}

/** Whether the request carries a session (signed in, or was): its answer is then nobody else's to keep. */
export function carriesSession(event: RequestEvent): boolean {
  return !!event.cookies.get(SESSION_COOKIE);
}

/**
 * Who sends this request and, when it is a page to be rendered whole, their unread counts, asked in the same
 * request rather than in a second one by the layout. A form sent or a page's data reloaded (after an action,
 * "Tout marquer comme lu"…) gets no counts here: the layout asks after the change.
 */
async function signedInVisit(event: RequestEvent): Promise<Visit> {
  const wholePage = event.request.method === 'GET' && !event.isDataRequest;
  if (!wholePage || !event.cookies.get(SESSION_COOKIE)) return { user: await signedInUser(event), unread: null };
  const { data } = await api(event).query(SIGNED_IN_WITH_UNREAD, {}).toPromise();
  return data?.me ? { user: data.me, unread: countsOf(data) } : { user: null, unread: null };
}

const UNREAD = graphql(`
  query LayoutUnread {
    unreadNotificationCount
    unreadConversationCount
  }
`);

/** The header's unread counts, asked on their own (after a change, or by a page that has just read something). */
export async function unreadCounts(event: RequestEvent): Promise<UnreadCounts | null> {
  const { data } = await api(event).query(UNREAD, {}).toPromise();
  return data ? countsOf(data) : null;
}

function countsOf(data: { unreadNotificationCount: number; unreadConversationCount: number }): UnreadCounts {
  return { notifications: data.unreadNotificationCount, conversations: data.unreadConversationCount };
}

/** Sends a visitor to the sign-in page, which brings them back to this very page (query included) afterwards. */
export function toSignIn(url: URL): never {
  redirect(303, `/connexion?retour=${encodeURIComponent(url.pathname + url.search)}`);
}
