/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, version } from '$service-worker';
import { formatDateTime } from '$lib/format';
import { withFrenchSpaces } from '$lib/i18n/format';
import { en, fr as frenchAsWritten } from '$lib/i18n/messages/informations';

/*
 * Maillage on a phone with a poor connection: the pages one visited (my agenda, my registrations, a
 * place's page…) stay readable offline, and nothing stale is shown as fresh.
 * - The app's files (this build's scripts and styles) come from the cache of this version, once a page has used them:
 *   they are kept as pages ask for them (so MapLibre, hundreds of kilobytes, only once the map was opened), not all
 *   fetched at install — a phone on a slow line would download every page's script the first time it came. Only
 *   the few files of web/static (icons, manifest) are fetched at install; the help page's pictures when seen.
 *   The root layout registers this worker once the page has loaded and the browser is idle (web/src/lib/offline.ts).
 * - Pages are always asked to the network first; the copy kept from the last visit is shown only when the
 *   network does not answer, with a "Vous êtes hors ligne : cette page date du …" notice on top.
 * - Never kept: anything but GET, the API (/graphql, /api/…, calendars, feeds), the pages that hold
 *   secrets or change an account (sign-in, sign-up, password, activation, profile, my data, moderation).
 *   Signing in or out forgets every kept page, so the next person on the same browser sees none.
 */

const sw = self as unknown as ServiceWorkerGlobalScope;
/** The notices in French with the no-break spaces every page's messages get ("hors ligne : cette page…"). */
const fr = Object.fromEntries(
  Object.entries(frenchAsWritten).map(([key, text]) => [key, withFrenchSpaces(text)]),
) as typeof frenchAsWritten;
const ASSETS = `maillage-assets-${version}`;
const PAGES = 'maillage-pages';
const SAVED_AT = 'x-maillage-saved-at';
const assets = new Set([...build, ...files]);
/** Fetched at install: the small files of web/static (not the help page's screenshots). */
const PRECACHED = files.filter((file) => !file.startsWith('/aide/'));

const NEVER_KEPT = [
  '/graphql',
  '/api/',
  '/ical/',
  '/flux/',
  '/auth/',
  '/healthz',
  '/connexion',
  '/inscription',
  '/deconnexion',
  '/mot-de-passe',
  '/activation',
  '/profil',
  '/mes-donnees',
  '/moderation',
  '/langue',
];
/** Pages whose POST changes who is signed in: every kept page is forgotten. */
const SIGN_IN_OR_OUT = ['/connexion', '/deconnexion', '/inscription', '/mes-donnees/supprimer', '/auth/'];

const startsWithAny = (pathname: string, prefixes: string[]) =>
  prefixes.some((prefix) => pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(ASSETS)
      .then((cache) => cache.addAll(PRECACHED))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key.startsWith('maillage-assets-') && key !== ASSETS).map((key) => caches.delete(key))),
      )
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (request.method !== 'GET') {
    if (request.method === 'POST' && startsWithAny(url.pathname, SIGN_IN_OR_OUT)) event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (assets.has(url.pathname)) {
    event.respondWith(fromAssets(request));
    return;
  }
  if (request.mode !== 'navigate' || startsWithAny(url.pathname, NEVER_KEPT)) return;
  event.respondWith(networkFirst(request));
});

// A page reached by a link inside the app (no full load, so not seen above): the page asks to keep it. And the
// app's files a page has loaded, some perhaps before this worker was in control: kept too, else a kept page whose
// script is missing would fail to start offline, and SvelteKit would reload it again and again.
sw.addEventListener('message', (event) => {
  const data = event.data as { keep?: unknown; lang?: unknown; files?: unknown } | null;
  if (Array.isArray(data?.files)) {
    event.waitUntil(keepFiles(data.files.slice(0, 1000)));
    return;
  }
  if (typeof data?.keep !== 'string') return;
  const url = new URL(data.keep, sw.location.origin);
  if (url.origin !== sw.location.origin || startsWithAny(url.pathname, NEVER_KEPT)) return;
  // In the page's language: the worker's own requests may carry another Accept-Language than the page's.
  const headers = data.lang === 'fr' || data.lang === 'en' ? { 'accept-language': data.lang } : undefined;
  event.waitUntil(networkFirst(new Request(url.href, { credentials: 'same-origin', headers })).then(() => undefined));
});

/** A file of this version: the kept copy, else the network's, kept for next time (a file of a version never changes). */
async function fromAssets(request: Request): Promise<Response> {
  const cache = await caches.open(ASSETS);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.status === 200) await cache.put(request, response.clone()).catch(() => undefined);
  return response;
}

/** The app's files a page has loaded, kept as `fromAssets` keeps them (one that cannot be fetched is skipped). */
async function keepFiles(files: unknown[]): Promise<void> {
  const ours = files.filter((file): file is string => typeof file === 'string' && assets.has(file));
  await Promise.all(ours.map((file) => fromAssets(new Request(file)).catch(() => undefined)));
}

async function networkFirst(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    const type = response.headers.get('content-type') ?? '';
    if (response.status === 200 && type.startsWith('text/html') && !/no-store/.test(response.headers.get('cache-control') ?? '')) {
      const copy = response.clone();
      const headers = new Headers(copy.headers);
      headers.set(SAVED_AT, new Date().toISOString());
      const body = await copy.blob();
      const cache = await caches.open(PAGES);
      await cache.put(request.url, new Response(body, { status: 200, headers }));
    }
    return response;
  } catch {
    const cached = await (await caches.open(PAGES)).match(request.url);
    return cached ? withOfflineNotice(cached) : offlinePage();
  }
}

/** The kept page with the notice first in its body, in the page's language, dated in Paris time. */
async function withOfflineNotice(cached: Response): Promise<Response> {
  const html = await cached.text();
  const english = /<html[^>]*\slang="en"/.test(html);
  const savedAt = cached.headers.get(SAVED_AT);
  const date = savedAt ? formatDateTime(savedAt, english ? 'en' : 'fr') : null;
  const messages = english ? en : fr;
  const text = date ? messages['informations.offline'].replace('{date}', date) : messages['informations.offlineNoDate'];
  const notice = `<div class="notice notice-info offline-notice" role="status" style="margin:0;border-radius:0"><p style="margin:0">${escapeHtml(text)}</p></div>`;
  const body = html.replace(/<body[^>]*>/, (tag) => `${tag}${notice}`);
  const headers = new Headers(cached.headers);
  headers.delete('content-length');
  return new Response(body, { status: 200, headers });
}

function offlinePage(): Response {
  const html = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Hors ligne · Maillage</title></head>
<body>
<main>
<h1>Hors ligne</h1>
<p>${escapeHtml(fr['informations.offlineMissing'])}</p>
<p lang="en">${escapeHtml(en['informations.offlineMissing'])}</p>
<p><a href="">Réessayer</a></p>
</main>
</body>
</html>
`;
  return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
