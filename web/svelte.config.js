import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // The Node server (server/src/main.ts) mounts build/handler.js behind /graphql on one port.
    // precompress: .br and .gz of every built file, served by the handler to browsers that accept them.
    adapter: adapter({ out: 'build', precompress: true }),
    // The service worker is registered by the root layout once the page has loaded and the browser is idle
    // (web/src/lib/offline.ts), not at `load` as SvelteKit would: nothing competes with a phone's first drawing.
    serviceWorker: { register: false },
    // The Content-Security-Policy of every page: SvelteKit adds a nonce per page to its own inline
    // script (a hash on prerendered pages). The map's tiles come through this site (/tuiles/…), so no
    // tile server is named; the ProConnect provider is added to form-action by web/src/lib/server/csp.ts.
    // Other security headers (X-Frame-Options, nosniff, Referrer-Policy, HSTS) come from the
    // Express app, for pages and API alike (server/src/http/security-headers.ts).
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        // Stylesheets from this site only; style="" attributes (the app.html wrapper) are allowed.
        'style-src': ['self'],
        'style-src-attr': ['unsafe-inline'],
        // Logos and project pictures are addresses on other sites; MapLibre draws tiles from blob: and
        // its stylesheet inlines data: icons.
        'img-src': ['self', 'data:', 'blob:', 'https:'],
        'font-src': ['self'],
        // 'self' also covers the live updates' WebSocket on this origin (ws:/wss:, CSP 3; Chrome 71+, Safari 16+,
        // Firefox); an older browser refuses it and simply shows the pages without live updates (web/src/lib/live.ts).
        'connect-src': ['self'],
        // MapLibre runs its worker from a blob: address.
        'worker-src': ['self', 'blob:'],
        'child-src': ['blob:'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
