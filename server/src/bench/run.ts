/**
 * `npm run bench`: generates data in a scratch database (DATABASE_URL's server, or the embedded PostgreSQL),
 * measures, prints a table, and drops the database. Not a test: numbers depend on the machine.
 * BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 10) tune the load.
 */
import 'reflect-metadata';
import path from 'node:path';
import { projectRoot } from '../config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded.js';
import { initORM, migrate } from '../db/orm.js';
import { createScratchDatabase } from '../db/scratch.js';
import { ANSWERS, QUESTIONS, benchEntraide, generateEntraide } from './entraide.bench.js';

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'silent';
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
  let embedded: EmbeddedDatabase | undefined;
  const serverUrl = process.env.DATABASE_URL || (embedded = await startEmbeddedPostgres(path.join(projectRoot, '.data/bench'))).url;
  const database = await createScratchDatabase(serverUrl, 'maillage_bench');
  const orm = await initORM(database.url, { pool: { min: 0, max: 10 } });
  try {
    await migrate(orm);
    let started = Date.now();
    await generateEntraide(orm);
    console.log(`entraide: ${QUESTIONS.toLocaleString('en')} questions and ${ANSWERS.toLocaleString('en')} answers generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    started = Date.now();
    const lines = await benchEntraide(orm, database.url, { seconds, connections });
    console.log(`\n${connections} connections, ${seconds} s per measure; floor = the same SQL through plain pg + node:http + JSON.stringify\n`);
    console.table(lines.map((line) => ({
      operation: line.operation,
      'SQL statements': line.statements,
      'GraphQL req/s': line.graphqlPerSecond,
      'floor req/s': line.floorPerSecond,
      'ratio to floor': `${Math.round(line.ratio * 100)} %`,
    })));
  } finally {
    await orm.close(true);
    await database.drop();
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
