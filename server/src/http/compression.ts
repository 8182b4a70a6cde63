import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';
import { SESSION_COOKIE } from './session-cookie.js';

/**
 * Pages (HTML), API answers (JSON), CSV, calendars and feeds compressed on the fly: brotli when the browser
 * accepts it, else gzip (`compression` prefers br). The web app's own files are compressed once at build time
 * (adapter-node `precompress`) and served as .br/.gz by its handler, which sets Content-Encoding itself, so they
 * are not compressed again here. Never compressed: server-sent events (each event must leave at once) and the
 * WebSocket (the upgrade never reaches Express); answers under 1 KB (not worth it).
 *
 * BREACH (guessing a secret from the compressed size of answers that reflect the attacker's input): no answer
 * carries a secret in its body — the session is an HttpOnly cookie, forms are protected by the Origin check and
 * the API by Apollo's CSRF prevention, not by a token in the page. What a signed-in person's pages show is
 * personal, though, so an answer to a request started by another site (`Sec-Fetch-Site: cross-site`, the way an
 * attacker's page would make the browser ask) that carries the session cookie is sent uncompressed.
 */
export function compressAnswers(): RequestHandler {
  const compress = compression({ threshold: 1024, filter: shouldCompress });
  // A request that accepts no compression (the web app's own, over loopback, asks `identity`) is not wrapped at all:
  // the wrapping costs a short API answer a fiftieth of its time for nothing.
  return (req, res, next) => (ACCEPTS_COMPRESSION.test(req.get('accept-encoding') ?? '') ? compress(req, res, next) : next());
}

const ACCEPTS_COMPRESSION = /\b(br|gzip|deflate)\b/i;

function shouldCompress(req: Request, res: Response): boolean {
  const type = String(res.getHeader('Content-Type') ?? '');
  if (type.startsWith('text/event-stream')) return false;
  if (req.get('sec-fetch-site') === 'cross-site' && (req.get('cookie') ?? '').includes(`${SESSION_COOKIE}=`)) return false;
  return compression.filter(req, res);
}
