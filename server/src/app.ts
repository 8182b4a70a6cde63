import 'reflect-metadata';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { MikroORM } from '@mikro-orm/postgresql';
import cookieParser from 'cookie-parser';
import express, { type Express, type RequestHandler } from 'express';
import type { AppConfig } from './config.js';
import { query, sql } from './db/sql.js';
import { HttpContext, type Context } from './graphql/context.js';
import { formatError, serviceUnavailable } from './graphql/errors.js';
import { getSchema } from './graphql/schema.js';
import { pickLang, requestLang } from './i18n/lang.js';
import { logger } from './logger.js';
import { findSession } from './modules/comptes/comptes.service.js';
import { httpRoutes } from './sections.js';
import { SESSION_COOKIE, sessionToken } from './http/session-cookie.js';
import { securityHeaders } from './http/security-headers.js';
import { compressAnswers } from './http/compression.js';
import { graphqlBody } from './http/graphql-body.js';
import { inputLimits } from './graphql/input-limits.js';
import { clientAddress, tellWebTheClientAddress, trustProxy } from './http/client-address.js';
import { createMetrics, mountMetrics, type Metrics } from './http/metrics.js';
import { requestId } from './http/request-id.js';
import { surviveVanishedFiles } from './http/vanished-files.js';
import { databaseOutage, isDatabaseUnavailable } from './db/outage.js';
import { outageStatus, slowOperations } from './graphql/operation-plugins.js';
import { publicReadCaching } from './graphql/cache-hints.js';
import { createLiveSocket, type LiveSocket } from './live/socket.js';

export interface AppOptions {
  orm: MikroORM;
  config: AppConfig;
  /** The SvelteKit app (adapter-node's handler), served for every other path. */
  webHandler?: RequestHandler;
  /** The metrics registry (main.ts shares it with the background jobs); a new one when not given. */
  metrics?: Metrics;
}

/** The most tokens a GraphQL document may have (over HTTP and over the WebSocket, live/socket.ts). */
export const MAX_TOKENS = 3000;

/** Limits on what one GraphQL request may ask for (depth, cost, aliases, tokens). */
export function armor(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: 10, ignoreIntrospection: true, flattenFragments: true },
    costLimit: { maxCost: 20000 },
    maxAliases: { n: 20 },
    maxDirectives: { n: 20 },
    maxTokens: { n: MAX_TOKENS },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}

export async function createApp({
  orm,
  config,
  webHandler,
  metrics = createMetrics(),
}: AppOptions): Promise<{ app: Express; stop: () => Promise<void>; metrics: Metrics; live: LiveSocket }> {
  const app = express();
  app.disable('x-powered-by');
  metrics.watchDatabase(orm);
  app.use(metrics.httpMiddleware);
  // First: every request has its id (X-Request-Id), carried by every log line written while serving it.
  app.use(requestId());
  app.use(securityHeaders(config));
  // Pages and API answers compressed (br or gzip); the web app's files come precompressed (http/compression.ts).
  app.use(compressAnswers());
  // Which proxies may tell the visitor's address (X-Forwarded-For): the one on this host by default;
  // behind another proxy, set TRUST_PROXY (Express syntax). See http/client-address.ts and the README.
  app.set('trust proxy', trustProxy(process.env.TRUST_PROXY));

  // Liveness: the process answers (no database call). Readiness: database reachable, migrations applied.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const database = await query(orm.em.fork(), sql`select 1`).then(
      () => {
        databaseOutage.reachable();
        return 'ok' as const;
      },
      (error: unknown) => {
        if (!isDatabaseUnavailable(error)) logger.error({ err: error }, 'readiness check: database error');
        databaseOutage.failed(error);
        return 'unreachable' as const;
      },
    );
    const migrations = database === 'ok' ? await migrationsApplied(orm) : 'unknown';
    const ready = database === 'ok' && migrations === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'error', database, migrations });
  });

  mountMetrics(app, metrics, config);

  const protection = armor(config.production);
  const schema = await getSchema();
  const apollo = new ApolloServer<Context>({
    schema,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    introspection: !config.production,
    includeStacktraceInErrorResponses: !config.production,
    formatError: formatError(config.production),
    // graphql-armor is built against Apollo's CommonJS types; the plugins are the same at run time.
    plugins: [
      ...(protection.plugins as ApolloServerPlugin<Context>[]),
      inputLimits<Context>(),
      metrics.graphqlPlugin<Context>(),
      outageStatus(),
      slowOperations<Context>(config.slowMs),
      // Cache hints for public reads (GET, nobody signed in) only: Apollo's default cache-control plugin would wrap
      // every field's resolver to compute a policy for every request, POSTs included (a tenth of a list's time).
      publicReadCaching(),
      ApolloServerPluginCacheControlDisabled(),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
    validationRules: protection.validationRules,
    // main.ts stops Apollo itself, after the requests under way have finished.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  // The language of every answer, from the `lang` cookie or Accept-Language.
  const withLanguage: RequestHandler = (req, _res, next) => {
    const lang = pickLang(req.cookies?.lang, req.get('accept-language'));
    requestLang.run(lang, next);
  };

  app.use(
    '/graphql',
    cookieParser(),
    withLanguage,
    ...graphqlBody(),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        // One EntityManager per request: the identity map never leaks between people.
        const em = orm.em.fork();
        const token = sessionToken(req);
        const session = token
          ? await findSession(em, token).catch((error: unknown) => {
              throw isDatabaseUnavailable(error) ? serviceUnavailable(error) : error;
            })
          : null;
        if (token && !session) res.clearCookie(SESSION_COOKIE, { path: '/' });
        return new HttpContext(session, em, requestLang.getStore() ?? 'fr', clientAddress(req), req, res, config);
      },
    }),
  );

  for (const mount of httpRoutes) mount(app, { orm, config });

  if (webHandler) {
    app.use(tellWebTheClientAddress, surviveVanishedFiles);
    app.use((req, _res, next) => {
      // Express knows the real protocol and host (trusting only the configured proxies).
      req.headers['x-maillage-proto'] = req.protocol;
      req.headers['x-maillage-host'] =
        req.get('x-forwarded-host') && req.app.get('trust proxy fn')(req.socket.remoteAddress ?? '', 0)
          ? req.get('x-forwarded-host')
          : req.get('host');
      next();
    }, webHandler);
  }

  // Subscriptions over WebSocket on the same port and path (live/socket.ts); main.ts attaches it to the server.
  const live = createLiveSocket({ app, orm, config, schema, validationRules: protection.validationRules ?? [], maxTokens: MAX_TOKENS });
  metrics.watchLive(() => live.counts());

  return { app, stop: () => apollo.stop(), metrics, live };
}

/** Once every migration is applied it stays so: remembered; pending ones are looked at again on the next check. */
const migrated = new WeakSet<MikroORM>();
async function migrationsApplied(orm: MikroORM): Promise<'ok' | 'pending' | 'unknown'> {
  if (migrated.has(orm)) return 'ok';
  try {
    const pending = await orm.getMigrator().getPendingMigrations();
    if (pending.length > 0) return 'pending';
    migrated.add(orm);
    return 'ok';
  } catch (error) {
    logger.error({ err: error }, 'readiness check: could not list the migrations');
    return 'unknown';
  }
}
