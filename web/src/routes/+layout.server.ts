import { visitWithCounts } from '$lib/server/user';
import type { LayoutServerLoad } from './$types';

/** Who is signed in and their unread count, for the header of every page. */
export const load: LayoutServerLoad = async (event) => {
  const { user: me, unread } = await visitWithCounts(event);
  return {
    lang: event.locals.lang,
    me,
    unreadCount: unread?.notifications ?? 0,
    unreadConversations: unread?.conversations ?? 0,
  };
};
