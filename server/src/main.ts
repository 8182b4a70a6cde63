import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RequestHandler } from 'express';
import { createApp } from './app.js';
import { projectRoot, readConfig, type AppConfig } from './config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.js';
import { initORM, migrate } from './db/orm.js';
import { CLIENT_ADDRESS_HEADER, internalSecret } from './http/client-address.js';
import { createMetrics, startMetricsServer } from './http/metrics.js';
import { logger } from './logger.js';
import { seedDemoIfEmpty } from './seed/demo.js';
import { startEmailWorker } from './modules/commun/notifications/email-worker.js';
import { startSectionJobs } from './modules/commun/jobs.js';
import { startPlaceOpeningsWorker } from './modules/reseau/place-openings.js';
import { startLiveBus } from './live/start.js';

/** `npm start`: PostgreSQL (embedded unless DATABASE_URL), migrations, demo data, then API + web on one port. */
async function main(): Promise<void> {
  process.env.NODE_ENV ??= 'production';
  const config = readConfig();
  // A stop asked for while starting is carried out once the server is ready (the same orderly stop);
  // asked twice, the process ends at once.
  process.on('SIGINT', deferStop);
  process.on('SIGTERM', deferStop);
  let embedded: EmbeddedDatabase | undefined;
  const databaseUrl = config.databaseUrl ?? (embedded = await startEmbeddedPostgres(config.dataDir, { callerHandlesSignals: true })).url;
  // From here on a failed start stops the embedded PostgreSQL it started (no orphan holding the folder).
  try {
    await run(config, databaseUrl, embedded);
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}

async function run(config: AppConfig, databaseUrl: string, embedded: EmbeddedDatabase | undefined): Promise<void> {
  const orm = await initORM(databaseUrl);
  await migrate(orm);
  logger.info('migrations applied');
  if (config.seedDemo) await seedDemoIfEmpty(orm, { log: true });

  const metrics = createMetrics();
  const emailWorker = startEmailWorker(orm, config, metrics.jobRun);
  // The sections' own jobs: the erasure of closed orientations after 3 months (orienter), … (commun/jobs.ts).
  const jobs = startSectionJobs(orm);
  // "Open now": places' hours compiled ahead into place_opening (reseau/place-openings.ts).
  const openingsWorker = startPlaceOpeningsWorker(orm);
  // METRICS_PORT: /metrics on a port of its own (else on the main port with METRICS_TOKEN, see http/metrics.ts).
  const metricsServer = config.metricsPort ? await startMetricsServer(metrics, config.metricsPort, config.metricsHost) : undefined;
  // The web app's server-side rendering reaches the API in this same process, over loopback.
  process.env.MAILLAGE_API_URL ??= `http://127.0.0.1:${config.port}/graphql`;
  // SvelteKit checks that form posts come from its own origin: tell it the origin Express saw
  // (see app.ts), or the public URL when one is configured.
  if (config.publicUrl) process.env.ORIGIN ??= config.publicUrl;
  process.env.PROTOCOL_HEADER ??= 'x-maillage-proto';
  process.env.HOST_HEADER ??= 'x-maillage-host';
  // The visitor's address is the one Express computed with TRUST_PROXY, and the web app passes it to
  // the API with this process's secret (http/client-address.ts); adapter-node's own ADDRESS_HEADER and
  // XFF_DEPTH serve only when the web app runs on its own.
  if (process.env.ADDRESS_HEADER && process.env.ADDRESS_HEADER.toLowerCase() !== CLIENT_ADDRESS_HEADER)
    logger.warn('ADDRESS_HEADER is ignored by npm start: set TRUST_PROXY to trust a reverse proxy (README)');
  process.env.ADDRESS_HEADER = CLIENT_ADDRESS_HEADER;
  internalSecret();
  // Without JavaScript a file goes with its page's form to the form action (docs/fichiers.md), so adapter-node's
  // body limit (BODY_SIZE_LIMIT, 512 kB by default, read when the handler loads) is the largest upload plus room
  // for the form's other fields; above it the page says in French that the file is too big (web hooks' handleError).
  process.env.BODY_SIZE_LIMIT ??= String(config.uploadMaxBytes + FORM_FIELDS_BYTES);
  process.env.MAILLAGE_UPLOAD_MAX_BYTES = String(config.uploadMaxBytes);
  const webHandler = await loadWebHandler();
  const { app, stop, live } = await createApp({ orm, config, webHandler, metrics });
  // Live updates: LISTEN/NOTIFY on one connection of its own, or Redis when REDIS_URL is set (live/start.ts).
  const stopLiveBus = await startLiveBus({ databaseUrl, redisUrl: config.redisUrl, channel: config.liveChannel });
  const server = app.listen(config.port, () => {
    logger.info({ port: config.port, url: `http://localhost:${config.port}` }, 'Maillage is ready');
  });
  live.attach(server);

  // Graceful stop (SIGTERM from systemd/docker, Ctrl-C): no new connection, the requests under way
  // finish (up to SHUTDOWN_GRACE_MS, then their connections are cut), then the workers, Apollo, the
  // pool and the embedded PostgreSQL stop, in that order.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'stopping: finishing the requests under way');
    // WebSockets first ("server restarting", 1012: clients reconnect to another process): server.close()
    // would otherwise wait for them.
    const liveClosed = live.close().catch((error: unknown) => logger.error({ err: error }, 'closing the WebSockets failed'));
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections with no request under way would hold server.close() until they time out.
    server.closeIdleConnections();
    const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), config.shutdownGraceMs);
    });
    if ((await Promise.race([closed, graceOver])) === 'timeout') {
      logger.warn('requests still under way after the grace period: closing their connections');
      server.closeAllConnections();
      await closed;
    }
    clearTimeout(timer);
    clearInterval(idleSweep);
    // The e-mail being sent finishes and is recorded as sent before the pool closes (no new one is claimed).
    await emailWorker.stop(config.shutdownGraceMs);
    await jobs.stop();
    await openingsWorker.stop();
    metricsServer?.close();
    await liveClosed;
    await stopLiveBus().catch((error: unknown) => logger.error({ err: error }, 'stopping the live bus failed'));
    await stop().catch((error: unknown) => logger.error({ err: error }, 'stopping Apollo failed'));
    await orm.close(true);
    if (embedded) await embedded.stop();
    logger.info('stopped cleanly');
    process.exit(0);
  };
  const onSignal = (signal: string) => {
    void shutdown(signal).catch((error: unknown) => {
      logger.fatal({ err: error, reason: describeError(error) }, 'Maillage did not stop cleanly');
      process.exit(1);
    });
  };
  process.removeListener('SIGINT', deferStop);
  process.removeListener('SIGTERM', deferStop);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A promise nobody awaited (a query failing during a database outage) must not take the whole site down.
  process.on('unhandledRejection', (error: unknown) => {
    logger.error({ err: error, reason: describeError(error) }, 'unhandled rejection (the request it belonged to failed)');
  });
  if (stopAskedWhileStarting) onSignal(stopAskedWhileStarting);
}

let stopAskedWhileStarting: string | undefined;
function deferStop(signal: string): void {
  if (stopAskedWhileStarting) process.exit(130);
  logger.info({ signal }, 'stop asked while starting: Maillage stops once ready');
  stopAskedWhileStarting = signal;
}

/** An error's message, its causes and what PostgreSQL said, for the log line an operator reads first. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(current.message || current.name);
      const output = (current as { postgresOutput?: unknown }).postgresOutput;
      if (typeof output === 'string') parts.push(`PostgreSQL said: ${output}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  return parts.length > 0 ? parts.join(' — caused by: ') : 'unknown error (nothing was thrown)';
}

/** Room for a form's fields besides its file (a place's edit form, its presentations included), in bytes. */
const FORM_FIELDS_BYTES = 1024 * 1024;

/** The built SvelteKit app (web/build/handler.js), when it exists. */
async function loadWebHandler(): Promise<RequestHandler | undefined> {
  const handlerPath = path.join(projectRoot, 'web/build/handler.js');
  if (!fs.existsSync(handlerPath)) {
    logger.warn('web/build is missing: only the API is served (run npm run build)');
    return undefined;
  }
  const module = (await import(pathToFileURL(handlerPath).href)) as { handler: RequestHandler };
  return module.handler;
}

main().catch((error) => {
  logger.fatal({ err: error, reason: describeError(error) }, 'Maillage could not start');
  process.exit(1);
});
