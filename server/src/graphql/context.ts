import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import type { Lang } from '../i18n/lang.js';
import type { User } from '../modules/comptes/user.entity.js';
import type { Viewer } from '../modules/comptes/viewer.js';
import type { AppConfig } from '../config.js';

/**
 * What every resolver receives: a fresh EntityManager for this request, who asks, in which language.
 * Over the WebSocket (subscriptions, live/socket.ts) there is no HTTP request nor response: `req` and
 * `res` are absent there; resolvers that set cookies or read headers use `overHttp(ctx)`.
 */
export interface Context {
  em: EntityManager;
  /** The signed-in member as an entity, made when first read (operations that change them). */
  user: User | null;
  /** Who asks, for reads and the auth checker: no entity made (comptes/viewer.ts). */
  readonly viewer: Viewer | null;
  sessionId: string | null;
  lang: Lang;
  ip: string;
  req?: Request;
  res?: Response;
  config: AppConfig;
}

/**
 * The context of one operation over HTTP. Its member is read from the session when first asked: making them an
 * entity of `em` is a twentieth of a short read's time, and most reads never ask who is there. A getter on the
 * class, not on the object: Apollo copies the context's own fields for each operation (`Object.assign`), which
 * would read it at once. Signing in or out during the operation sets it.
 */
export class HttpContext implements Context {
  sessionId: string | null;
  /** Who signed in or out during this operation (sign-in, deletion), once they did. */
  private changedUser: { user: User | null } | undefined = undefined;

  constructor(
    private readonly session: { id: string; readonly viewer: Viewer; readonly user: User } | null,
    public em: EntityManager,
    public lang: Lang,
    public ip: string,
    public req: Request,
    public res: Response,
    public config: AppConfig,
  ) {
    this.sessionId = session?.id ?? null;
  }

  get user(): User | null {
    return this.changedUser ? this.changedUser.user : (this.session?.user ?? null);
  }

  set user(user: User | null) {
    this.changedUser = { user };
  }

  get viewer(): Viewer | null {
    return this.changedUser ? this.changedUser.user : (this.session?.viewer ?? null);
  }
}

/** The HTTP request and response of an operation that only makes sense over HTTP (sign-in, cookies). */
export function overHttp(ctx: Context): { req: Request; res: Response } {
  if (!ctx.req || !ctx.res) throw new Error('this operation needs an HTTP request (not available over the WebSocket)');
  return { req: ctx.req, res: ctx.res };
}
