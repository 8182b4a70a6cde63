import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import pg from 'pg';
import { createApp } from '../app.js';
import { readConfig } from '../config.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { initORM } from '../db/orm.js';
import { createScratchDatabase } from '../db/scratch.js';
import { benchCases, type BenchCase } from './cases.js';
import { ANSWERS, QUESTIONS, benchEntraide, generateEntraide } from './entraide.bench.js';
import { PLACES, benchReseau, generatePlaces } from './reseau.bench.js';
import { benchTimebank } from './timebank.bench.js';

/**
 * `npm run bench`: each list of the API against the floor — the same rows through plain
 * `node:http` + `pg` + `JSON.stringify` — measured side by side in one run, reported as ratios.
 * Options: BENCH_SECONDS (default 5), BENCH_CONNECTIONS (default 10).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function measure(url: string, body?: string): Promise<number> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json' } : {},
    body,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

async function main(): Promise<void> {
  const config = { ...readConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent' }) };
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
  const scratch = await createScratchDatabase(config.databaseUrl ?? embedded!.url, 'maillage_bench');
  const orm = await initORM(scratch.url);
  const pool = new pg.Pool({ connectionString: scratch.url, max: 10 });
  try {
    await orm.getMigrator().up();
    const { app, stop } = await createApp({ orm, config });
    const apiServer = http.createServer(app);
    const apiUrl = await listen(apiServer);
    console.log(`Maillage benchmark — ${CONNECTIONS} connections, ${SECONDS} s per measure, Node ${process.version}\n`);
    const rows: string[] = [];
    for (const benchCase of benchCases) rows.push(await runCase(benchCase, orm, pool, apiUrl));
    console.log('\n| list | floor (pg + JSON) req/s | Maillage API req/s | ratio |\n| --- | ---: | ---: | ---: |');
    for (const row of rows) console.log(row);
    apiServer.close();
    await stop();

    // Entraide: question list and search over 100,000 questions (BENCH_QUESTIONS / BENCH_ANSWERS).
    await generateEntraide(orm);
    console.log(`\nentraide: ${QUESTIONS} questions, ${ANSWERS} answers`);
    const entraide = await benchEntraide(orm, scratch.url, { seconds: SECONDS, connections: CONNECTIONS });
    console.log('| operation | SQL statements | floor req/s | Maillage API req/s | ratio |\n| --- | ---: | ---: | ---: | ---: |');
    for (const line of entraide) {
      console.log(
        `| ${line.operation} | ${line.statements} | ${line.floorPerSecond.toFixed(0)} | ${line.graphqlPerSecond.toFixed(0)} | ${Math.round(line.ratio * 100)} % |`,
      );
    }

    // Réseau: distance and text search over 10,000 places (BENCH_PLACES).
    await generatePlaces(orm);
    console.log(`\nréseau: ${PLACES} places`);
    const reseau = await benchReseau(orm, scratch.url, { seconds: SECONDS, connections: CONNECTIONS });
    console.log('| operation | SQL statements | floor req/s | Maillage API req/s | ratio |\n| --- | ---: | ---: | ---: | ---: |');
    for (const line of reseau) {
      console.log(
        `| ${line.operation} | ${line.statements} | ${line.floorPerSecond.toFixed(0)} | ${line.graphqlPerSecond.toFixed(0)} | ${Math.round(line.ratio * 100)} % |`,
      );
    }

    // Banque de temps: transfers per second through GraphQL against plain pg, ledger invariants checked.
    console.log('\n== banque de temps');
    console.table(await benchTimebank(config.databaseUrl ?? embedded!.url));
  } finally {
    await pool.end();
    await orm.close(true);
    await scratch.drop();
    await embedded?.stop();
  }
}

async function runCase(benchCase: BenchCase, orm: Awaited<ReturnType<typeof initORM>>, pool: pg.Pool, apiUrl: string): Promise<string> {
  await benchCase.prepare(orm.em.fork());
  const floor = http.createServer(async (_req, res) => {
    const { rows } = await pool.query(benchCase.floorSql, benchCase.floorParams ?? []);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: rows }));
  });
  const floorUrl = await listen(floor);
  // Warm both up, then measure side by side.
  await measure(floorUrl).catch(() => undefined);
  const floorRate = await measure(floorUrl);
  const apiRate = await measure(`${apiUrl}/graphql`, JSON.stringify({ query: benchCase.query, variables: benchCase.variables ?? {} }));
  floor.close();
  const ratio = apiRate / floorRate;
  console.log(`${benchCase.name}: floor ${floorRate.toFixed(0)} req/s, API ${apiRate.toFixed(0)} req/s (${(ratio * 100).toFixed(0)} %)`);
  return `| ${benchCase.name} | ${floorRate.toFixed(0)} | ${apiRate.toFixed(0)} | ${(ratio * 100).toFixed(0)} % |`;
}

await main();
