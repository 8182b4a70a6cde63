import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

export const REQUEST_ID_HEADER = 'x-request-id';

/** An id a proxy (or the web app) may hand us: a short plain token, nothing to inject into logs. */
const SANE_ID = /^[A-Za-z0-9._-]{1,100}$/;

const store = new AsyncLocalStorage<string>();

/** The id of the request being served, for the log lines written meanwhile (logger.ts). */
export function currentRequestId(): string | undefined {
  return store.getStore();
}

/** The incoming `X-Request-Id` when it is a sane token, else a new one. */
export function requestIdFrom(incoming: string | undefined): string {
  return incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Every request gets an id, returned in `X-Request-Id` and carried by every log line written while
 * serving it. The web app's calls to the API forward it, so a page and its API calls share one id.
 * Mounted first in app.ts.
 */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const id = requestIdFrom(req.get(REQUEST_ID_HEADER));
    req.headers[REQUEST_ID_HEADER] = id;
    res.setHeader('X-Request-Id', id);
    store.run(id, next);
  };
}
