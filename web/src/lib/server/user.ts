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
      commune
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
      commune
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
 * layout, or a loader or action that depends on who is there. A loader awaits it beside its own requests rather
 * than before them: the page's data and the question "who is this?" travel side by side.
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

/** What only a member has (their applications, their results…), asked as soon as they are known; `none` for a visitor. */
export async function forMember<T>(event: RequestEvent, ask: (me: SignedInUser) => Promise<T>, none: T): Promise<T> {
  const me = await signedIn(event);
  return me ? ask(me) : none;
}

/**
 * Who is there and the header's unread counts, for the root layout. A page rendered whole has both in one request
 * (`visitOf`); after a form sent or a page's data reloaded (an action, "Tout marquer comme lu"…) the counts are
 * asked on their own, as they are after the change, beside who is there rather than after.
 */
export async function visitWithCounts(event: RequestEvent): Promise<Visit> {
  const counts = carriesSession(event) && !wholePage(event) ? unreadCounts(event) : null;
  const { user, unread } = await visitOf(event);
  return { user, unread: user ? (unread ?? (await counts)) : null };
}

/**
 * After something that changes who is signed in or how they are shown (a sign-in confirmed, a profile saved, the
 * account deleted): the page drawn next in this same request asks the API again.
 */
export function forgetWhoIsSignedIn(event: RequestEvent): void {
  event.locals.visit = undefined;
}

/** Whether the request carries a session (signed in, or was): without it nobody is asked, and with it the answer is nobody else's to keep. */
export function carriesSession(event: RequestEvent): boolean {
  return !!event.cookies.get(SESSION_COOKIE);
}

/** A page to be rendered whole (not a form sent, not a page's data asked by the browser). */
const wholePage = (event: RequestEvent) => event.request.method === 'GET' && !event.isDataRequest;

/**
 * Who sends this request, asked with their session cookie (null for a visitor, without asking, or when the API
 * cannot be reached, as a visitor sees the site) and, for a page rendered whole, their unread counts in the same
 * request rather than in a second one by the layout.
 */
async function signedInVisit(event: RequestEvent): Promise<Visit> {
  if (!carriesSession(event)) return { user: null, unread: null };
  if (!wholePage(event)) {
    const { data } = await api(event).query(SIGNED_IN, {}).toPromise();
    return { user: data?.me ?? null, unread: null };
  }
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
