import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Express, RequestHandler } from 'express';
import { getOperationAST } from 'graphql';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppConfig } from '../config.js';
import { poolUse } from '../db/sql.js';
import { logger } from '../logger.js';
import { outboxBacklog, type JobRunHook } from '../modules/commun/notifications/email-worker.js';

/** At most this many distinct operation names, routes or error codes: clients choose them, the labels stay bounded. */
export const LABEL_CAP = 200;
const OPERATION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,60}$/;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,40}$/;

/** A label whose values are taken as they come until `cap` distinct ones, then "other". */
export class BoundedLabel {
  private readonly seen = new Set<string>();
  constructor(
    private readonly cap: number,
    private readonly accept: (value: string) => boolean = () => true,
  ) {}

  value(raw: string): string {
    if (this.seen.has(raw)) return raw;
    if (!this.accept(raw) || this.seen.size >= this.cap) return 'other';
    this.seen.add(raw);
    return raw;
  }
}

const UUID_OR_NUMBER = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;
/** Sections whose next segment is a slug (web/src/routes/…/[slug]), unless it is one of the pages beside it. */
const SLUG_PARENTS = new Set(['projets', 'lieux', 'organisations', 'mots-cles']);
const BESIDE_SLUGS = new Set(['nouveau', 'nouvelle', 'campagnes', 'import']);

/**
 * The route label of a path: the SvelteKit route id is not visible from Express, so ids, tokens and
 * slugs become `:id` / `:slug` (`/agenda/evenements/:id/programme`), built assets one `/_app` label,
 * other files one `/static` label, and at most 4 segments are kept.
 */
export function routeOf(path: string): string {
  if (path.startsWith('/_app/')) return '/_app';
  const segments = path.split('/').filter(Boolean).slice(0, 5);
  if (segments.length > 0 && segments[segments.length - 1].includes('.')) return '/static';
  const kept = segments.slice(0, 4).map((segment, index) => {
    if (UUID_OR_NUMBER.test(segment) || /\d/.test(segment) || segment.length > 24 || !/^[a-z][a-z-]*$/.test(segment)) return ':id';
    if (index > 0 && SLUG_PARENTS.has(segments[index - 1]) && !BESIDE_SLUGS.has(segment)) return ':slug';
    return segment;
  });
  return `/${kept.join('/')}`;
}

export interface Metrics {
  registry: Registry;
  /** Counts and times every GraphQL operation, by name and error code. */
  graphqlPlugin<T extends object>(): ApolloServerPlugin<T>;
  /** Counts and times every HTTP request, by route and status. */
  httpMiddleware: RequestHandler;
  /** For the background jobs (email-worker.ts): one call per run. */
  jobRun: JobRunHook;
  /** Adds the gauges read from the database at scrape time: the pool, the e-mail outbox. */
  watchDatabase(orm: MikroORM): void;
  /** Adds the gauges of live updates: open WebSockets and active subscriptions (live/socket.ts). */
  watchLive(read: () => { sockets: number; subscriptions: number }): void;
}

/** One registry with the process's default metrics and Maillage's own (see the README, "Surveiller"). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const operations = new BoundedLabel(LABEL_CAP, (name) => name === 'anonymous' || OPERATION_NAME.test(name));
  const codes = new BoundedLabel(50, (code) => ERROR_CODE.test(code));
  const routes = new BoundedLabel(LABEL_CAP);

  const graphqlRequests = new Counter({
    name: 'maillage_graphql_requests_total',
    help: 'GraphQL operations answered, by operation name and outcome (OK or the error code of extensions.code).',
    labelNames: ['operation', 'code'] as const,
    registers,
  });
  const graphqlDuration = new Histogram({
    name: 'maillage_graphql_duration_seconds',
    help: 'Time to answer a GraphQL operation, by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const httpRequests = new Counter({
    name: 'maillage_http_requests_total',
    help: 'HTTP requests answered (pages, API, files), by route and status.',
    labelNames: ['route', 'status'] as const,
    registers,
  });
  const httpDuration = new Histogram({
    name: 'maillage_http_duration_seconds',
    help: 'Time to answer an HTTP request, by route.',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const jobRuns = new Counter({
    name: 'maillage_job_runs_total',
    help: 'Runs of the background jobs (e-mail outbox drain, weekly digest), by outcome.',
    labelNames: ['job', 'outcome'] as const,
    registers,
  });

  return {
    registry,
    graphqlPlugin<T extends object>(): ApolloServerPlugin<T> {
      return {
        async requestDidStart() {
          const started = process.hrtime.bigint();
          return {
            async willSendResponse(context) {
              const operation = operations.value(
                context.operationName ??
                  (context.document ? getOperationAST(context.document, context.request.operationName)?.name?.value : undefined) ??
                  context.request.operationName ??
                  'anonymous',
              );
              const body = context.response.body;
              const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
              const raw = errors?.length ? errors[0].extensions?.code : 'OK';
              const code = codes.value(typeof raw === 'string' ? raw : 'INTERNAL_SERVER_ERROR');
              graphqlRequests.inc({ operation, code });
              graphqlDuration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
            },
          };
        },
      };
    },
    httpMiddleware: (req, res, next) => {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const route = res.statusCode === 404 ? 'not-found' : routes.value(routeOf(req.originalUrl.split('?')[0]));
        httpRequests.inc({ route, status: String(res.statusCode) });
        httpDuration.observe({ route }, Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    },
    jobRun: (job, outcome) => jobRuns.inc({ job, outcome }),
    watchLive(read) {
      new Gauge({
        name: 'maillage_websocket_connections',
        help: 'Open WebSocket connections (live updates).',
        registers,
        collect() {
          this.set(read().sockets);
        },
      });
      new Gauge({
        name: 'maillage_live_subscriptions',
        help: 'Active GraphQL subscriptions over WebSocket.',
        registers,
        collect() {
          this.set(read().subscriptions);
        },
      });
    },
    watchDatabase(orm) {
      const pool = (read: 'used' | 'free' | 'pending') =>
        function (this: Gauge) {
          this.set(poolUse(orm.em)[read]);
        };
      new Gauge({ name: 'maillage_db_pool_used', help: 'Database connections in use.', registers, collect: pool('used') });
      new Gauge({ name: 'maillage_db_pool_free', help: 'Idle database connections.', registers, collect: pool('free') });
      new Gauge({
        name: 'maillage_db_pool_pending_acquires',
        help: 'Requests waiting for a database connection.',
        registers,
        collect: pool('pending'),
      });
      // Both outbox gauges come from one query per scrape.
      let backlog: Promise<{ pending: number; oldestAgeSeconds: number }> | null = null;
      const readBacklog = () =>
        (backlog ??= outboxBacklog(orm.em.fork())
          .catch((error: unknown) => {
            logger.warn({ err: error }, 'metrics: the e-mail outbox could not be read');
            return { pending: Number.NaN, oldestAgeSeconds: Number.NaN };
          })
          .finally(() => setImmediate(() => (backlog = null))));
      new Gauge({
        name: 'maillage_email_outbox_pending',
        help: 'E-mails waiting in the outbox (counted up to 10001).',
        registers,
        async collect() {
          this.set((await readBacklog()).pending);
        },
      });
      new Gauge({
        name: 'maillage_email_outbox_oldest_age_seconds',
        help: 'How long the oldest e-mail waiting in the outbox has waited (0 when none).',
        registers,
        async collect() {
          this.set((await readBacklog()).oldestAgeSeconds);
        },
      });
    },
  };
}

/** Answers a scrape with the registry's text format. */
function scrape(metrics: Metrics): RequestHandler {
  return async (_req, res) => {
    res.set('content-type', metrics.registry.contentType).set('cache-control', 'no-store');
    res.send(await metrics.registry.metrics());
  };
}

function sameToken(given: string, expected: string): boolean {
  // Hashing first gives both sides one length, so the comparison time says nothing about the token.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `/metrics` on the main port: only with `Authorization: Bearer <METRICS_TOKEN>` (no token: 404, a wrong
 * one: 401), and never when METRICS_PORT serves the metrics on a port of their own.
 */
export function mountMetrics(app: Express, metrics: Metrics, config: Pick<AppConfig, 'metricsPort' | 'metricsToken'>): void {
  const serve = scrape(metrics);
  app.get('/metrics', (req, res, next) => {
    const token = config.metricsPort ? undefined : config.metricsToken;
    const given = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
    if (!token || !given) return void res.status(404).type('text/plain').send('Not Found');
    if (!sameToken(given, token)) return void res.status(401).set('www-authenticate', 'Bearer').type('text/plain').send('Unauthorized');
    return serve(req, res, next);
  });
}

/** METRICS_PORT: a small HTTP server of its own that serves only /metrics (on 127.0.0.1 unless METRICS_HOST). */
export async function startMetricsServer(metrics: Metrics, port: number, host = '127.0.0.1'): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' }).end(text),
      (error: unknown) => {
        logger.error({ err: error }, 'metrics: scrape failed');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  logger.info({ host: address.address, port: address.port }, 'metrics served on /metrics');
  return server;
}
