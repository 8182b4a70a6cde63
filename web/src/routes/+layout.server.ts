import { unreadCounts } from '$lib/server/user';
import type { LayoutServerLoad } from './$types';

/** Who is signed in (resolved in hooks.server.ts) and their unread count, for the header of every page. */
export const load: LayoutServerLoad = async (event) => {
  const me = event.locals.user;
  // A visitor has no notifications: no need to ask. A page rendered whole had them asked with the user (hooks).
  const unread = event.locals.unread ?? (me ? await unreadCounts(event) : null);
  return {
    lang: event.locals.lang,
    me,
    unreadCount: unread?.notifications ?? 0,
    unreadConversations: unread?.conversations ?? 0,
  };
};
