import type { Handle } from '@sveltejs/kit';
import { pickLang } from '$lib/i18n';
import { signedInUser } from '$lib/server/user';
import { withMapTiles } from '$lib/server/csp';

/**
 * Every request: its language (the `lang` cookie, the switch in the footer, else the browser's),
 * then who is signed in, asked to the API once here so loaders and layouts read `event.locals.user`.
 */
export const handle: Handle = async ({ event, resolve }) => {
  event.locals.lang = pickLang(event.cookies.get('lang'), event.request.headers.get('accept-language'));
  event.locals.user = await signedInUser(event);
  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang),
  });
  // The page's Content-Security-Policy (web/svelte.config.js) plus the map's tile server, known at run time.
  return withMapTiles(response);
};
