import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RequestHandler } from 'express';
import { createApp } from './app.js';
import { projectRoot, readConfig } from './config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.js';
import { initORM, migrate } from './db/orm.js';
import { CLIENT_ADDRESS_HEADER, internalSecret } from './http/client-address.js';
import { logger } from './logger.js';
import { seedDemoIfEmpty } from './seed/demo.js';
import { startEmailWorker } from './modules/commun/notifications/email-worker.js';

/** `npm start`: PostgreSQL (embedded unless DATABASE_URL), migrations, demo data, then API + web on one port. */
async function main(): Promise<void> {
  process.env.NODE_ENV ??= 'production';
  const config = readConfig();
  let embedded: EmbeddedDatabase | undefined;
  const databaseUrl = config.databaseUrl ?? (embedded = await startEmbeddedPostgres(config.dataDir)).url;

  const orm = await initORM(databaseUrl);
  await migrate(orm);
  logger.info('migrations applied');
  if (config.seedDemo) await seedDemoIfEmpty(orm, { log: true });

  const emailWorker = startEmailWorker(orm, config);
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
  const webHandler = await loadWebHandler();
  const { app, stop } = await createApp({ orm, config, webHandler });
  const server = app.listen(config.port, () => {
    logger.info({ port: config.port, url: `http://localhost:${config.port}` }, 'Maillage is ready');
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    server.close();
    server.closeAllConnections();
    emailWorker.stop();
    await stop().catch(() => undefined);
    await orm.close(true);
    if (embedded) await embedded.stop();
    logger.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

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
  logger.fatal({ err: error, reason: String(error) }, 'Maillage could not start');
  process.exit(1);
});
