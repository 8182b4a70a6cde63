import { unreadCounts, visitOf } from '$lib/server/user';
import type { LayoutServerLoad } from './$types';

/** Who is signed in and their unread count, for the header of every page. */
export const load: LayoutServerLoad = async (event) => {
  const { user: me, unread: asked } = await visitOf(event);
  // A visitor has no notifications: no need to ask. A page rendered whole had them asked with the user ($lib/server/user).
  const unread = asked ?? (me ? await unreadCounts(event) : null);
  return {
    lang: event.locals.lang,
    me,
    unreadCount: unread?.notifications ?? 0,
    unreadConversations: unread?.conversations ?? 0,
  };
};
