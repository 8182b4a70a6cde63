import { graphql } from '$lib/graphql';
import { api } from '$lib/server/api';
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
  // A visitor has no notifications: no need to ask.
  const result = me ? await api(event).query(UNREAD, {}).toPromise() : null;
  return {
    lang: event.locals.lang,
    me,
    unreadCount: result?.data?.unreadNotificationCount ?? 0,
    unreadConversations: result?.data?.unreadConversationCount ?? 0,
  };
};
