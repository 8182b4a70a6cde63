import 'reflect-metadata';
import { readConfig } from '../config.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { initORM } from '../db/orm.js';
import { createScratchDatabase } from '../db/scratch.js';

/**
 * `npm run migration:create`: applies the committed migrations to a scratch database,
 * then writes a new migration for whatever the entities add (nothing when they agree).
 */
const config = readConfig();
const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
const scratch = await createScratchDatabase(config.databaseUrl ?? embedded!.url, 'maillage_migration');
const orm = await initORM(scratch.url);
try {
  const migrator = orm.getMigrator();
  await migrator.up();
  const result = await migrator.createMigration(undefined, false, false, process.argv[2]);
  console.log(
    result.diff.up.length ? `migration written: migrations/${result.fileName}` : 'entities and migrations agree: nothing to write',
  );
} finally {
  await orm.close(true);
  await scratch.drop();
  await embedded?.stop();
}
