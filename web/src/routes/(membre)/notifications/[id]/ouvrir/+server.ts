import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { api } from '$lib/server/api';
import { safeReturnPath } from '$lib/server/forms';
import type { RequestHandler } from './$types';

const MARK_READ = graphql(`
  mutation OpenNotification($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input)
  }
`);

/**
 * "Voir" on a notification: it is read once opened, then the person goes where it points (a path of this site only,
 * so a crafted link cannot send them elsewhere). An endpoint, not a page: SvelteKit never preloads it on hover.
 */
export const GET: RequestHandler = async (event) => {
  await api(event)
    .mutation(MARK_READ, { input: { ids: [event.params.id] } })
    .toPromise();
  redirect(303, safeReturnPath(event.url.searchParams.get('vers'), '/notifications'));
};
