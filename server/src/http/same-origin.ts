import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../config.js';

/**
 * Whether a request comes from the site's own pages: its Origin is PUBLIC_URL's when set, else the host the
 * request was sent to. Browsers always send Origin on a POST and on a WebSocket upgrade; another site's page cannot
 * forge it, so the session cookie cannot be used from there (the live socket, the import's upload).
 */
export function sameOrigin(req: IncomingMessage, config: AppConfig): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (config.publicUrl) return url.origin === new URL(config.publicUrl).origin;
  return url.host === req.headers.host;
}
