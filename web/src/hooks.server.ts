import type { Handle } from '@sveltejs/kit';
import { pickLang } from '$lib/i18n';

/** The language of every page: the `lang` cookie (the switch in the footer), else the browser's. */
export const handle: Handle = async ({ event, resolve }) => {
  event.locals.lang = pickLang(event.cookies.get('lang'), event.request.headers.get('accept-language'));
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang),
  });
};
