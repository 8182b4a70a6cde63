import type { Handle } from '@sveltejs/kit';
import { pickLang } from '$lib/i18n';
import { signedInUser } from '$lib/server/user';

/**
 * Every request: its language (the `lang` cookie, the switch in the footer, else the browser's),
 * then who is signed in, asked to the API once here so loaders and layouts read `event.locals.user`.
 */
export const handle: Handle = async ({ event, resolve }) => {
  event.locals.lang = pickLang(event.cookies.get('lang'), event.request.headers.get('accept-language'));
  event.locals.user = await signedInUser(event);
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang),
  });
};
