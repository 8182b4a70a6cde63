import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { initORM } from '../../server/src/db/orm.js';
import { createScratchDatabase } from '../../server/src/db/scratch.js';

/** A database of this test file's own, copied from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; orm: MikroORM; drop: () => Promise<void> }> {
  const serverUrl = process.env.MAILLAGE_TEST_SERVER_URL;
  const template = process.env.MAILLAGE_TEST_TEMPLATE;
  if (!serverUrl || !template) throw new Error('tests/setup/global-setup.ts did not run');
  const database = await createScratchDatabase(serverUrl, 'maillage_test', template);
  const orm = await initORM(database.url, { pool: { min: 0, max: 20 } });
  return {
    url: database.url,
    orm,
    drop: async () => {
      await orm.close(true);
      await database.drop();
    },
  };
}
