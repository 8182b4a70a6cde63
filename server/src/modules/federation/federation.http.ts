/**
 * fedify's routes on Express: WebFinger, the actors, their inboxes, outboxes and followers, the
 * events as ActivityPub objects. Only these paths reach fedify (it reads the body of what it
 * serves); everything else, and a browser asking an actor's address for HTML, goes on to the site.
 */
import { Readable } from 'node:stream';
import type { Request as ExpressRequest } from 'express';
import { logger } from '../../logger.js';
import type { HttpRoutes } from '../commun/section.js';
import { startFederation } from './federation.js';

function isFederationPath(path: string): boolean {
  return (
    path === '/.well-known/webfinger' ||
    path.startsWith('/federation/acteurs/') ||
    path.startsWith('/federation/evenements/') ||
    path === '/federation/inbox'
  );
}

function toFetchRequest(req: ExpressRequest, origin: URL): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.originalUrl, origin), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    // @ts-expect-error -- Node's fetch needs `duplex` for a streamed body; the DOM types do not know it yet.
    duplex: hasBody ? 'half' : undefined,
  });
}

export const mountFederation: HttpRoutes = (app, { orm, config }) => {
  if (!config.federation.enabled || !config.publicUrl) return;
  const origin = new URL(config.publicUrl);
  const { federation } = startFederation(orm, origin, config.federation.allowPrivateAddress);
  logger.info({ origin: origin.origin }, 'federation ready');
  app.use(async (req, res, next) => {
    if (!isFederationPath(req.path)) return next();
    let passOn = false;
    try {
      const response = await federation.fetch(toFetchRequest(req, origin), {
        contextData: undefined,
        onNotFound: () => {
          passOn = true;
          return new Response(null, { status: 404 });
        },
        onNotAcceptable: () => {
          passOn = true;
          return new Response(null, { status: 406 });
        },
      });
      if (passOn) return next();
      res.status(response.status);
      response.headers.forEach((value, name) => res.setHeader(name, value));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      next(error);
    }
  });
};
