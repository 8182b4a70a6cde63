import { afterNavigate, beforeNavigate } from '$app/navigation';

/**
 * With the service worker (web/src/service-worker.ts): a page reached by a link inside the app is kept
 * for offline reading too, and offline, a link loads the whole page so the kept copy and its
 * "hors ligne" notice are shown (instead of the app asking the network for the page's data).
 * Call once, from the root layout.
 */
export function keepPagesForOffline(): void {
  afterNavigate((navigation) => {
    if (navigation.type === 'enter' || !navigation.to) return;
    navigator.serviceWorker?.controller?.postMessage({ keep: navigation.to.url.pathname + navigation.to.url.search });
  });
  beforeNavigate((navigation) => {
    if (navigator.onLine || !navigation.to || navigation.willUnload) return;
    if (navigation.to.url.origin !== location.origin) return;
    navigation.cancel();
    location.href = navigation.to.url.href;
  });
}
