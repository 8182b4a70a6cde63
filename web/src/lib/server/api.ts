import { env } from '$env/dynamic/private';
import type { RequestEvent } from '@sveltejs/kit';
import { Client, fetchExchange } from '@urql/core';
import { graphqlFetch } from './api-transport';
import { FLASH_COOKIE } from './flash';

/**
 * A GraphQL client for ONE request of one person (never shared): it forwards their cookies,
 * language and address to the API, and hands the cookies the API sets (session) back to the browser.
 */
export function api(event: RequestEvent): Client {
  const url = env.MAILLAGE_API_URL || new URL('/graphql', event.url).href;
  return new Client({
    url,
    exchanges: [fetchExchange],
    requestPolicy: 'network-only',
    preferGetMethod: false,
    fetch: forwardingFetch(event, graphqlFetch),
  });
}

/**
 * A plain HTTP route of the API beside /graphql (the directory import's progress…), asked with the same
 * cookies and headers as the GraphQL client.
 */
export function apiFetch(event: RequestEvent, path: string, init?: RequestInit): Promise<Response> {
  return forwardingFetch(event)(new URL(path, env.MAILLAGE_API_URL || event.url).href, init);
}

/**
 * `transport` (`fetch` by default) with the person's cookies, language and address forwarded, and the API's
 * cookies relayed back.
 */
function forwardingFetch(event: RequestEvent, transport: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    // A flash message (flash.ts) is for the page alone: the API has no use for a name it may hold.
    const cookies = event.cookies.getAll().filter(({ name }) => name !== FLASH_COOKIE);
    if (cookies.length) headers.set('cookie', cookies.map(({ name, value }) => `${name}=${encodeURIComponent(value)}`).join('; '));
    headers.set('accept-language', event.locals.lang);
    // The browser's own description, kept with a new session for "Mes sessions" ("Firefox sur Windows").
    const userAgent = event.request.headers.get('user-agent');
    if (userAgent) headers.set('user-agent', userAgent);
    // The visitor's address, believed by the API only with this process's secret (server/src/http/client-address.ts).
    if (env.MAILLAGE_API_URL && env.MAILLAGE_INTERNAL_SECRET) {
      headers.set('x-maillage-client-address', clientAddress(event));
      headers.set('x-maillage-internal', env.MAILLAGE_INTERNAL_SECRET);
    }
    headers.set('x-forwarded-host', event.url.host);
    headers.set('x-forwarded-proto', event.url.protocol.replace(':', ''));
    // The page's request id (set by the API's Express in front, server/src/http/request-id.ts): one id in the logs.
    const requestId = event.request.headers.get('x-request-id');
    if (requestId) headers.set('x-request-id', requestId);
    // Over loopback (`npm start`: the API in the same process), compressing the answer only to inflate it again
    // costs both sides CPU while the person waits for the page.
    if (isLoopback(input)) headers.set('accept-encoding', 'identity');
    const response = await transport(input, { ...init, headers });
    if (response.status === 503) unavailable.add(event.request);
    for (const line of response.headers.getSetCookie()) relayCookie(event, line);
    return response;
  };
}

function isLoopback(input: RequestInfo | URL): boolean {
  const { hostname } = new URL(input instanceof Request ? input.url : input);
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/** The requests during which the API answered 503 (its database is down): hooks.server.ts answers 503 too. */
// Keyed by the Request: loaders and actions see copies of the event, never of its request.
const unavailable = new WeakSet<Request>();

export function apiWasUnavailable(event: RequestEvent): boolean {
  return unavailable.has(event.request);
}

/**
 * Inside `npm start`, the address Express computed with TRUST_PROXY (main.ts points ADDRESS_HEADER at it).
 * A web app run on its own reads it as adapter-node is configured (ADDRESS_HEADER, XFF_DEPTH).
 */
function clientAddress(event: RequestEvent): string {
  try {
    return event.getClientAddress();
  } catch {
    return '';
  }
}

/** Copies one Set-Cookie of the API onto the page's response. */
function relayCookie(event: RequestEvent, line: string): void {
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  const separator = pair.indexOf('=');
  const name = pair.slice(0, separator);
  const value = decodeURIComponent(pair.slice(separator + 1));
  const attribute = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(key))?.split('=')[1];
  const maxAge = attribute('max-age');
  const expires = attribute('expires');
  const expired = (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && new Date(expires).getTime() < Date.now());
  const options = {
    path: attribute('path') ?? '/',
    httpOnly: attributes.some((a) => a.toLowerCase() === 'httponly'),
    secure: attributes.some((a) => a.toLowerCase() === 'secure'),
    sameSite: 'lax' as const,
  };
  if (expired || value === '') event.cookies.delete(name, options);
  else event.cookies.set(name, value, { ...options, ...(maxAge ? { maxAge: Number(maxAge) } : {}) });
}
