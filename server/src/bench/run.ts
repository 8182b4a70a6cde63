import 'reflect-metadata';
import { readConfig } from '../config.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { benchTimebank } from './timebank.bench.js';

/**
 * `npm run bench [name…]`: each benchmark builds its own scratch database on the PostgreSQL of
 * DATABASE_URL (or an embedded one) and prints its figures. Not a test: numbers depend on the machine.
 */
const benches: Record<string, (serverUrl: string) => Promise<Record<string, unknown>>> = {
  timebank: benchTimebank,
};

const config = readConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
const serverUrl = config.databaseUrl ?? embedded!.url;
const wanted = process.argv.slice(2);
try {
  for (const [name, bench] of Object.entries(benches)) {
    if (wanted.length && !wanted.includes(name)) continue;
    console.log(`\n== ${name}`);
    console.table(await bench(serverUrl));
  }
} finally {
  await embedded?.stop();
}
