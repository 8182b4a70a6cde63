import { graphql } from '$lib/graphql';
import { api } from '$lib/server/api';
import type { UnreadCounts } from '$lib/server/user';
import type { RequestEvent } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

const UNREAD = graphql(`
  query LayoutUnread {
    unreadNotificationCount
    unreadConversationCount
  }
`);

/** Who is signed in (resolved in hooks.server.ts) and their unread count, for the header of every page. */
export const load: LayoutServerLoad = async (event) => {
  const me = event.locals.user;
  // A visitor has no notifications: no need to ask. A page rendered whole had them asked with the user (hooks).
  const unread = event.locals.unread ?? (me ? await askUnread(event) : null);
  return {
    lang: event.locals.lang,
    me,
    unreadCount: unread?.notifications ?? 0,
    unreadConversations: unread?.conversations ?? 0,
  };
};

async function askUnread(event: RequestEvent): Promise<UnreadCounts | null> {
  const { data } = await api(event).query(UNREAD, {}).toPromise();
  return data ? { notifications: data.unreadNotificationCount, conversations: data.unreadConversationCount } : null;
}
