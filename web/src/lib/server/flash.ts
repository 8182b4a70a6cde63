import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { env } from '$env/dynamic/private';
import type { RequestEvent } from '@sveltejs/kit';

/**
 * A message for the page a form's 303 leads to, kept out of that page's address: a name written there would stay in
 * the browser's history and in the server's logs. The action calls `setFlash()` before it redirects; the page's load
 * calls `takeFlash()`, which reads it once and clears it, so reloading the page shows nothing again.
 *
 * It is a cookie: HttpOnly (no script reads it), SameSite=Lax, sent only to the page's own path, gone after a minute,
 * and signed (HMAC-SHA256) so that the page shows only what this server wrote.
 */
export const FLASH_COOKIE = 'flash';
const FLASH_SECONDS = 60;

export type FlashValue = Record<string, string | number | boolean>;

let key: Buffer | undefined;
/**
 * The signing key: from MAILLAGE_INTERNAL_SECRET, which `npm start` draws for each process and an operator sets for a
 * web app run on its own (the same for every instance), else drawn here. A flash lives a minute: one lost to a
 * restart only leaves the page without its sentence.
 */
function signingKey(): Buffer {
  key ??= createHmac('sha256', env.MAILLAGE_INTERNAL_SECRET || randomBytes(32))
    .update('flash cookie')
    .digest();
  return key;
}

function signature(path: string, payload: string): string {
  return createHmac('sha256', signingKey()).update(`${path}\n${payload}`).digest('base64url');
}

/** Leaves `value` for the next request to `path` (the page the action redirects to). */
export function setFlash(event: RequestEvent, path: string, value: FlashValue): void {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  event.cookies.set(FLASH_COOKIE, `${payload}.${signature(path, payload)}`, {
    path,
    httpOnly: true,
    sameSite: 'lax',
    secure: event.url.protocol === 'https:',
    maxAge: FLASH_SECONDS,
  });
}

/** The value left for this page, once: the cookie is cleared as it is read. Null when there is none or it was altered. */
export function takeFlash(event: RequestEvent): Record<string, unknown> | null {
  const raw = event.cookies.get(FLASH_COOKIE);
  if (raw === undefined) return null;
  const path = event.url.pathname;
  event.cookies.delete(FLASH_COOKIE, { path, httpOnly: true, sameSite: 'lax', secure: event.url.protocol === 'https:' });
  const [payload = '', given = ''] = raw.split('.');
  const expected = signature(path, payload);
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
