import 'reflect-metadata';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../server/src/db/embedded.js';
import { initORM } from '../../server/src/db/orm.js';
import { createScratchDatabase, withDatabase } from '../../server/src/db/scratch.js';
import { projectRoot } from '../../server/src/config.js';

/**
 * Once per `npm test`: a PostgreSQL server (DATABASE_URL when set, otherwise the embedded one),
 * and a template database with every migration applied. Each test file then copies the template
 * into a database of its own, so files run in parallel without seeing each other's rows.
 */
export default async function setup(): Promise<() => Promise<void>> {
  let embedded: EmbeddedDatabase | undefined;
  const serverUrl = process.env.DATABASE_URL || (embedded = await startEmbeddedPostgres(path.join(projectRoot, '.data/test'))).url;
  const template = await createScratchDatabase(serverUrl, 'maillage_template');
  const orm = await initORM(template.url);
  await orm.getMigrator().up();
  await orm.close(true);
  process.env.MAILLAGE_TEST_SERVER_URL = serverUrl;
  process.env.MAILLAGE_TEST_TEMPLATE = new URL(template.url).pathname.slice(1);
  return async () => {
    await template.drop();
    await embedded?.stop();
  };
}

export { withDatabase };
