import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config.js';

/**
 * What no other site may do with our responses, on every response (API, CSV, calendars, pages):
 * no framing (X-Frame-Options for old browsers, `frame-ancestors` for the others), no MIME
 * sniffing, the origin only as referrer to other sites, HTTPS remembered when the site is served
 * over HTTPS.
 *
 * The Content-Security-Policy here is the strict one of data (JSON, CSV, iCalendar, Atom): nothing
 * may load from it. Pages carry their own, with a nonce per page, set by SvelteKit
 * (`kit.csp` in web/svelte.config.js): adapter-node replaces this header when it answers a page,
 * so a response never has two policies.
 */
export function securityHeaders(config: AppConfig): RequestHandler[] {
  const https = (config.publicUrl ?? '').startsWith('https:');
  const headers = helmet({
    contentSecurityPolicy: false,
    // One year; subdomains are left to whoever runs the domain.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  const dataPolicy = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
  });
  // The service worker runs under its script's policy: it fetches the site's own pages and files, nothing else
  // (web/src/service-worker.ts).
  const workerPolicy = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], connectSrc: ["'self'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
  });
  // Apollo's landing page (development only: production has none) loads its sandbox from a CDN.
  const landingPage = (path: string, method: string) => !config.production && path === '/graphql' && method === 'GET';
  return [
    headers,
    (req, res, next) =>
      landingPage(req.path, req.method)
        ? next()
        : req.path === '/service-worker.js'
          ? workerPolicy(req, res, next)
          : dataPolicy(req, res, next),
  ];
}
