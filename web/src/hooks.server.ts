import type { Handle, HandleServerError } from '@sveltejs/kit';
// Every message in both languages, before any page is rendered (the browser gets each page's own: web/messages-by-page.ts).
import '$lib/server/messages';
import { pickLang, translate } from '$lib/i18n';
import { carriesSession } from '$lib/server/user';
import { withRuntimeSources } from '$lib/server/csp';
import { apiWasUnavailable } from '$lib/server/api';
import { tooLargeMessage } from '$lib/server/fichiers';
import { withHeader } from '$lib/server/headers';

/**
 * Every request: its language (the `lang` cookie, the switch in the footer, else the browser's). Who is signed in
 * is not asked here, before the page's own requests, but beside them by whatever needs it (`signedIn(event)`,
 * $lib/server/user.ts): the root layout for a page rendered whole, a loader that depends on who is there.
 */
export const handle: Handle = async ({ event, resolve }) => {
  event.locals.lang = pickLang(event.cookies.get('lang'), event.request.headers.get('accept-language'));
  const response = await resolve(event, {
    transformPageChunk: ({ html }) => withDescription(html.replace('%lang%', event.locals.lang), event.locals.lang),
  });
  // The API answered 503 (its database is down) while this page was being made: say so, whatever the page did of it.
  if (apiWasUnavailable(event)) return unavailable();
  // A page asked with a session (a signed-in person's page, and its data) is theirs: no shared cache keeps it, and
  // the browser asks again each time rather than show a stale copy. Not `no-store`: the service worker keeps the
  // pages a member visited for reading offline (pages with secrets say `no-store` themselves), and forgets them when
  // they sign out. A visitor's page is not made public either: its Content-Security-Policy nonce is new on every
  // answer (public reads are cached at the API, server/src/graphql/cache-hints.ts).
  const answer =
    carriesSession(event) && !response.headers.has('cache-control') ? withHeader(response, 'cache-control', 'private, no-cache') : response;
  // The page's Content-Security-Policy (web/svelte.config.js) plus the ProConnect provider, known at run time.
  return withRuntimeSources(answer);
};

/**
 * A form posted over the body limit (a file sent without JavaScript, bigger than UPLOAD_MAX_BYTES): adapter-node
 * answers 413 "Payload Too Large"; the page says it in the person's language instead. Other errors are logged as
 * SvelteKit does by default.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
  if (status === 413) return { message: tooLargeMessage(event.locals.lang ?? 'fr') };
  console.error(error);
  return { message };
};

/**
 * Every page has a `<meta name="description">` (search engines show it): the site's own when the page set
 * none (its SharingMeta sets one on public pages). The head is whole in the first chunk SvelteKit sends.
 */
function withDescription(html: string, lang: 'fr' | 'en'): string {
  if (!html.includes('</head>') || html.includes('<meta name="description"')) return html;
  const text = translate(lang, 'partage.defaultDescription').replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return html.replace('</head>', `<meta name="description" content="${text}">\n</head>`);
}

/** A plain page for an outage: 503 and Retry-After, so browsers, proxies and robots come back later. */
function unavailable(): Response {
  const html = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Service momentanément indisponible · Maillage</title></head>
<body>
<main>
<h1>Service momentanément indisponible</h1>
<p>Le service est momentanément indisponible. Réessayez dans un instant.</p>
<p><a href="">Réessayer</a></p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '5', 'cache-control': 'no-store' },
  });
}
