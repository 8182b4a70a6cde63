import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import type { Lang } from '../i18n/lang.js';
import type { User } from '../modules/comptes/user.entity.js';
import type { AppConfig } from '../config.js';

/**
 * What every resolver receives: a fresh EntityManager for this request, who asks, in which language.
 * Over the WebSocket (subscriptions, live/socket.ts) there is no HTTP request nor response: `req` and
 * `res` are absent there; resolvers that set cookies or read headers use `overHttp(ctx)`.
 */
export interface Context {
  em: EntityManager;
  user: User | null;
  sessionId: string | null;
  lang: Lang;
  ip: string;
  req?: Request;
  res?: Response;
  config: AppConfig;
}

/** The HTTP request and response of an operation that only makes sense over HTTP (sign-in, cookies). */
export function overHttp(ctx: Context): { req: Request; res: Response } {
  if (!ctx.req || !ctx.res) throw new Error('this operation needs an HTTP request (not available over the WebSocket)');
  return { req: ctx.req, res: ctx.res };
}
