import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { me } = await event.parent();
  if (!me) redirect(303, `/connexion?retour=${encodeURIComponent(event.url.pathname)}`);
  return {};
};
