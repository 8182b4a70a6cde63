import { redirect } from '@sveltejs/kit';
import { safeReturnPath } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

/** The language switch of the footer: remembered for a year. */
export const actions: Actions = {
  default: async ({ request, cookies }) => {
    const data = await request.formData();
    const lang = data.get('lang') === 'en' ? 'en' : 'fr';
    cookies.set('lang', lang, { path: '/', maxAge: 365 * 24 * 3600, httpOnly: false, sameSite: 'lax' });
    redirect(303, safeReturnPath(String(data.get('retour') ?? '/')));
  },
};
