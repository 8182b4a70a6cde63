import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Express, Request } from 'express';
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { CloseCode, type Context as SocketState } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppConfig } from '../config.js';
import { isDatabaseUnavailable } from '../db/outage.js';
import type { Context } from '../graphql/context.js';
import { AppError, formatError } from '../graphql/errors.js';
import { checkOperation } from '../graphql/input-limits.js';
import { clientAddress } from '../http/client-address.js';
import { sameOrigin } from '../http/same-origin.js';
import { SESSION_COOKIE } from '../http/session-cookie.js';
import { pickLang, requestLang, say, type Lang } from '../i18n/lang.js';
import { logger } from '../logger.js';
import { findSession } from '../modules/comptes/comptes.service.js';
import type { User } from '../modules/comptes/user.entity.js';

/** Open sockets per signed-in session (a few tabs), and per address (visitors behind one office NAT). */
export const MAX_SOCKETS_PER_SESSION = 16;
export const MAX_SOCKETS_PER_ADDRESS = 64;
/** Subscriptions on one socket: a page needs a handful. */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;
/** Largest message a client may send: a subscription is a short query. */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** Time a client has to send `connection_init` after the upgrade. */
const CONNECTION_INIT_TIMEOUT_MS = 5_000;
/** How often every signed-in socket's session is checked again (revoked, expired, account suspended). */
const SESSION_SWEEP_MS = 60_000;

/** Who is on one socket: found once at the upgrade, from the session cookie. */
interface Visitor {
  token: string | null;
  user: User | null;
  sessionId: string | null;
  lang: Lang;
  ip: string;
  socket?: WebSocket;
  /** The check of the session under way, shared by the subscriptions that fire on the same change. */
  recheck?: Promise<boolean>;
}

export interface LiveSocketOptions {
  app: Express;
  orm: MikroORM;
  config: AppConfig;
  schema: GraphQLSchema;
  /** graphql-armor's rules (depth, cost, aliases, directives), the same as over HTTP (app.ts). */
  validationRules: readonly ValidationRule[];
  /** graphql-armor's token limit, applied at parse time as over HTTP. */
  maxTokens: number;
}

export interface LiveSocket {
  /** Takes the WebSocket upgrades of `/graphql` on this HTTP server. */
  attach(server: Server): void;
  /** Tells every client "server restarting" (1012, they reconnect elsewhere) and stops taking new ones. */
  close(): Promise<void>;
  /** Open sockets and active subscriptions, for /metrics. */
  counts(): { sockets: number; subscriptions: number };
}

/**
 * GraphQL subscriptions over WebSocket (protocol graphql-transport-ws, the graphql-ws library) on
 * the same port and path as HTTP GraphQL. The same armor as HTTP: origin check at the upgrade
 * (cross-site WebSocket hijacking), the session cookie read once at the upgrade, graphql-armor's
 * limits and the input limits on every subscription, bounded sockets and subscriptions, and a
 * revoked or expired session's socket closed at its next event or sweep. Only subscriptions run
 * here: queries and mutations go over HTTP, with their cookies and CSRF protection.
 */
export function createLiveSocket({ app, orm, config, schema, validationRules, maxTokens }: LiveSocketOptions): LiveSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const visitors = new WeakMap<IncomingMessage, Visitor>();
  const open = new Set<SocketState<Record<string, unknown> | undefined, Extra>>();
  const perSession = new Map<string, number>();
  const perAddress = new Map<string, number>();
  const contexts = new WeakMap<object, Visitor>();
  const format = formatError(config.production);
  const rules = [...specifiedRules, ...validationRules];
  let closing = false;

  const visitorOf = (state: SocketState<Record<string, unknown> | undefined, Extra>): Visitor => visitors.get(state.extra.request)!;
  const inLang = <T>(visitor: Visitor, run: () => T): T => requestLang.run(visitor.lang, run);
  const formatAll = (visitor: Visitor, errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    inLang(visitor, () => errors.map((error) => format(error.toJSON(), withoutSuggestions(error, config.production))));

  /** Still signed in? Checked before every event (one check for the events of one change); a dead session closes the socket. */
  const stillSignedIn = (visitor: Visitor): Promise<boolean> => {
    if (!visitor.token) return Promise.resolve(true);
    if (visitor.recheck) return visitor.recheck;
    const ok = findSession(orm.em.fork(), visitor.token).then(
      (session) => {
        if (session) {
          visitor.user = session.user;
          return true;
        }
        visitor.socket?.close(CloseCode.Unauthorized, 'Session ended');
        return false;
      },
      // The database is down: keep the socket, the next check decides.
      (error: unknown) => {
        if (!isDatabaseUnavailable(error)) logger.error({ err: error }, 'live updates: session check failed');
        return true;
      },
    );
    visitor.recheck = ok;
    void ok.finally(() => {
      if (visitor.recheck === ok) visitor.recheck = undefined;
    });
    return ok;
  };

  const sweep = setInterval(() => {
    for (const state of open) void stillSignedIn(visitorOf(state));
  }, SESSION_SWEEP_MS);
  sweep.unref();

  const graphqlWs = useServer<Record<string, unknown> | undefined>(
    {
      schema,
      connectionInitWaitTimeout: CONNECTION_INIT_TIMEOUT_MS,
      onConnect: (state) => {
        if (closing) return false;
        open.add(state);
        return true;
      },
      onClose: (state) => {
        open.delete(state);
      },
      context: (state): Context => {
        const visitor = visitorOf(state);
        const context: Context = {
          em: orm.em.fork(),
          user: visitor.user,
          viewer: visitor.user,
          sessionId: visitor.sessionId,
          lang: visitor.lang,
          ip: visitor.ip,
          config,
        };
        contexts.set(context, visitor);
        return context;
      },
      onSubscribe: (state, _id, payload) => {
        const visitor = visitorOf(state);
        if (Object.keys(state.subscriptions).length > MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return [
            appError(
              new AppError(
                'RATE_LIMITED',
                say(
                  `Trop d’abonnements sur cette connexion : ${MAX_SUBSCRIPTIONS_PER_SOCKET} au plus.`,
                  `Too many subscriptions on this connection: ${MAX_SUBSCRIPTIONS_PER_SOCKET} at most.`,
                ),
              ),
            ),
          ];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens });
        } catch (error) {
          return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [withCode(new GraphQLError('Unable to identify the operation'), 'BAD_USER_INPUT')];
        if (operation.operation !== 'subscription') {
          return [
            appError(
              new AppError(
                'FORBIDDEN',
                say(
                  'Seuls les abonnements passent par la WebSocket : envoyez les requêtes et mutations en HTTP.',
                  'Only subscriptions go over the WebSocket: send queries and mutations over HTTP.',
                ),
              ),
            ),
          ];
        }
        const problem = inLang(visitor, () => checkOperation(schema, document, operation, payload.variables ?? undefined));
        if (problem) return [appError(problem)];
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      subscribe: (args) => subscribeWithFreshContexts(args),
      onNext: (state, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        return { ...result, errors: formatAll(visitorOf(state), result.errors) };
      },
      onError: (state, _id, _payload, errors) => formatAll(visitorOf(state), errors),
    },
    wss,
  );

  /**
   * graphql-js would execute every event with the one context of the subscribe: each event gets its own
   * here (a fresh EntityManager and fresh loaders: nothing cached from an earlier event), after checking
   * that the socket's session is still alive.
   */
  async function subscribeWithFreshContexts(args: ExecutionArgs) {
    const base = args.contextValue as Context;
    const visitor = contexts.get(base)!;
    const source = await inLang(visitor, () => createSourceEventStream(args));
    if (!isAsyncIterable(source)) return source;
    return mapEvents(source, async (payload) => {
      if (!(await stillSignedIn(visitor))) return undefined;
      const context: Context = { ...base, em: orm.em.fork(), user: visitor.user, viewer: visitor.user };
      return inLang(visitor, () => execute({ ...args, rootValue: payload, contextValue: context }));
    });
  }

  const refuse = (socket: Duplex, status: number, reason: string) => {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  };

  const count = (map: Map<string, number>, key: string, delta: number) => {
    const next = (map.get(key) ?? 0) + delta;
    if (next > 0) map.set(key, next);
    else map.delete(key);
  };

  const upgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/graphql') return refuse(socket, 404, 'Not Found');
    if (closing) return refuse(socket, 503, 'Service Unavailable');
    if (!sameOrigin(req, config)) return refuse(socket, 403, 'Forbidden');
    const cookies = parseCookies(req.headers.cookie);
    const ip = addressOf(app, req);
    const token = cookies[SESSION_COOKIE] || null;
    let session: Awaited<ReturnType<typeof findSession>> = null;
    if (token) {
      try {
        session = await findSession(orm.em.fork(), token);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) logger.error({ err: error }, 'live updates: session lookup failed');
        return refuse(socket, 503, 'Service Unavailable');
      }
    }
    if ((perAddress.get(ip) ?? 0) >= MAX_SOCKETS_PER_ADDRESS) return refuse(socket, 429, 'Too Many Requests');
    if (session && (perSession.get(session.id) ?? 0) >= MAX_SOCKETS_PER_SESSION) return refuse(socket, 429, 'Too Many Requests');
    const visitor: Visitor = {
      // A cookie that names no live session is a visitor's: nothing to check again later.
      token: session ? token : null,
      user: session?.user ?? null,
      sessionId: session?.id ?? null,
      lang: pickLang(cookies.lang, req.headers['accept-language']),
      ip,
    };
    visitors.set(req, visitor);
    // Counted at once (no await between the check and here), until the connection closes, upgraded or not.
    count(perAddress, ip, 1);
    if (visitor.sessionId) count(perSession, visitor.sessionId, 1);
    socket.once('close', () => {
      count(perAddress, ip, -1);
      if (visitor.sessionId) count(perSession, visitor.sessionId, -1);
    });
    wss.handleUpgrade(req, socket, head, (ws) => {
      visitor.socket = ws;
      wss.emit('connection', ws, req);
    });
  };

  return {
    attach(server) {
      server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        upgrade(req, socket, head).catch((error: unknown) => {
          logger.error({ err: error }, 'live updates: upgrade failed');
          socket.destroy();
        });
      });
    },
    async close() {
      closing = true;
      clearInterval(sweep);
      const clients = [...wss.clients];
      const gone = Promise.all(
        clients.map((ws) => new Promise<void>((resolve) => (ws.readyState === ws.CLOSED ? resolve() : ws.once('close', () => resolve())))),
      );
      for (const ws of clients) ws.close(1012, 'Server restarting');
      // Clients that do not answer the closing handshake are cut after a second.
      const timer = setTimeout(() => clients.forEach((ws) => ws.terminate()), 1000);
      await gone;
      clearTimeout(timer);
      await graphqlWs.dispose();
    },
    counts() {
      let subscriptions = 0;
      for (const state of open) subscriptions += Object.keys(state.subscriptions).length;
      return { sockets: wss.clients.size, subscriptions };
    },
  };
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 1) continue;
    const name = part.slice(0, at).trim();
    try {
      cookies[name] ??= decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // A malformed cookie is ignored, as cookie-parser does.
    }
  }
  return cookies;
}

/** The client's address as Express computes it for HTTP (TRUST_PROXY), from the upgrade request. */
function addressOf(app: Express, req: IncomingMessage): string {
  const view = Object.create(app.request, {
    app: { value: app },
    headers: { value: req.headers },
    socket: { value: req.socket },
    connection: { value: req.socket },
  }) as Request;
  return clientAddress(view);
}

function withCode(error: unknown, code: string): GraphQLError {
  const base = error instanceof GraphQLError ? error : new GraphQLError(String(error));
  return new GraphQLError(base.message, {
    nodes: base.nodes,
    source: base.source,
    positions: base.positions,
    extensions: { ...base.extensions, code },
  });
}

/** In production, GraphQL's "Did you mean …?" would describe the schema (graphql-armor removes it over HTTP). */
function withoutSuggestions(error: GraphQLError, production: boolean): GraphQLError {
  if (!production || !/Did you mean/.test(error.message)) return error;
  return new GraphQLError(error.message.replace(/ ?Did you mean .*$/, ''), {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

function appError(error: AppError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code } });
}

function isAsyncIterable<T>(value: unknown): value is AsyncIterable<T> {
  return typeof (value as { [Symbol.asyncIterator]?: unknown })?.[Symbol.asyncIterator] === 'function';
}

/**
 * Each event of `source` through `map`, one at a time; `undefined` from `map` ends the stream.
 * Ending it (the client completes, the socket closes) ends the source at once.
 */
function mapEvents<T>(source: AsyncIterable<unknown>, map: (event: unknown) => Promise<T | undefined>): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const end = async (): Promise<IteratorResult<T>> => {
    await iterator.return?.();
    return { value: undefined, done: true };
  };
  return {
    async next() {
      const event = await iterator.next();
      if (event.done) return { value: undefined, done: true };
      const value = await map(event.value);
      return value === undefined ? end() : { value, done: false };
    },
    return: end,
    async throw(error?: unknown) {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
