import { afterNavigate, beforeNavigate } from '$app/navigation';
import { dev } from '$app/environment';

let registered = false;

/**
 * Registers the service worker (web/src/service-worker.ts) once the page has loaded and the browser is idle
 * (web/svelte.config.js turns SvelteKit's own registration at `load` off): on a phone, its start and the files
 * it keeps never compete with the page's first drawing and hydration.
 */
function registerServiceWorkerWhenIdle(): void {
  if (registered || typeof window === 'undefined' || !('serviceWorker' in navigator)) return;
  registered = true;
  const register = () => {
    navigator.serviceWorker.register('/service-worker.js', { type: dev ? 'module' : 'classic' }).catch(() => undefined);
  };
  const whenIdle = () => {
    if ('requestIdleCallback' in window) requestIdleCallback(register, { timeout: 10_000 });
    else setTimeout(register, 3000);
  };
  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
}

/**
 * Tells the service worker which of the app's files this page loads, so that it keeps them for offline use: a
 * PerformanceObserver sees each file once as it comes (the resource timing buffer may fill up on a long visit);
 * those loaded before the worker is in control wait for it.
 */
function sendLoadedFiles(): void {
  const waiting = new Set<string>();
  const send = () => {
    const worker = navigator.serviceWorker.controller;
    if (!worker || waiting.size === 0) return;
    worker.postMessage({ files: [...waiting] });
    waiting.clear();
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const url = new URL(entry.name);
      if (url.origin === location.origin && url.pathname.startsWith('/_app/immutable/')) waiting.add(url.pathname);
    }
    send();
  }).observe({ type: 'resource', buffered: true });
  navigator.serviceWorker.addEventListener('controllerchange', send);
}

/**
 * With the service worker (web/src/service-worker.ts): a page reached by a link inside the app is kept
 * for offline reading too, and offline, a link loads the whole page so the kept copy and its
 * "hors ligne" notice are shown (instead of the app asking the network for the page's data). Also registers the
 * service worker. Call once, from the root layout.
 */
export function keepPagesForOffline(): void {
  registerServiceWorkerWhenIdle();
  if (typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PerformanceObserver' in window) sendLoadedFiles();
  afterNavigate((navigation) => {
    if (navigation.type === 'enter' || !navigation.to) return;
    navigator.serviceWorker?.controller?.postMessage({
      keep: navigation.to.url.pathname + navigation.to.url.search,
      lang: document.documentElement.lang,
    });
  });
  beforeNavigate((navigation) => {
    if (navigator.onLine || !navigation.to || navigation.willUnload) return;
    if (navigation.to.url.origin !== location.origin) return;
    navigation.cancel();
    location.href = navigation.to.url.href;
  });
}
