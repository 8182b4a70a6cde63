import { graphql } from '$lib/graphql';
import { api } from '$lib/server/api';
import type { LayoutServerLoad } from './$types';

const LAYOUT = graphql(`
  query Layout {
    me { id displayName role }
    unreadNotificationCount
  }
`);

/** Who is signed in and their unread count, for the header of every page. */
export const load: LayoutServerLoad = async (event) => {
  const result = await api(event).query(LAYOUT, {}).toPromise();
  return {
    lang: event.locals.lang,
    me: result.data?.me ?? null,
    unreadCount: result.data?.unreadNotificationCount ?? 0,
  };
};
