/**
 * `npm run bench` (issue #15, point 4): each list through the whole stack against a floor that runs
 * exactly the SQL the app ran. One scratch database (BENCH_ROWS, default 10,000 rows per table,
 * scale-data.ts); the real built server (`server/dist/main.js`, web + API on one port) asked with a
 * signed-in session cookie; its statements captured (MAILLAGE_SQL_CAPTURE) for one request of each list,
 * then replayed with their captured values by the floor — plain `pg` + `node:http` + `JSON.stringify` in a
 * process of its own. The load comes from a third process (keep-alive connections, latencies recorded).
 * Sides interleaved (app, floor, floor, app…) and repeated (BENCH_REPEATS ≥ 3); printed: min and median
 * req/s of each side, their ratio against ≥ 0.6, and the ratio of the median p95 latencies against ≤ 1.5× (three
 * decimals, so that a ratio just under 0.6 does not read "0.60").
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../config.js';
import { createScratchDatabase } from '../db/scratch.js';
import { freePort } from '../shared/free-port.js';
import { fillWithSignedInMember, startBuiltServer, stopServer } from './built-server.js';
import { benchTimebank } from './timebank.bench.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const REPEATS = Math.max(3, Number(process.env.BENCH_REPEATS ?? 3));

const LISTS: Array<{ name: string; query: string }> = [
  { name: 'home', query: `{ home { figures { key value } sections { kind items { id title link at } } } }` },
  { name: 'organizations(first: 20)', query: `{ organizations(first: 20) { totalCount edges { cursor node { id name slug commune } } } }` },
  {
    name: 'questions(first: 20)',
    query: `{ questions(first: 20) { totalCount edges { cursor node { id title score answerCount createdAt } } } }`,
  },
  { name: 'timebankPosts(first: 20)', query: `{ timebankPosts(first: 20) { totalCount edges { cursor node { id title } } } }` },
];

interface Captured {
  text: string;
  values: unknown[];
  prepared: boolean;
}

/** The floor: for `/<i>`, the statements captured for list i run in order on one pooled connection; the last one's rows as JSON. */
const FLOOR_SOURCE = `
  const http = require('node:http');
  const pg = require('pg');
  const { databaseUrl, lists, connections } = JSON.parse(require('node:fs').readFileSync(process.env.FLOOR_DATA, 'utf8'));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  const server = http.createServer(async (req, res) => {
    const statements = lists[Number(req.url.slice(1))];
    req.resume();
    const client = await pool.connect();
    try {
      let rows = [];
      for (const [i, statement] of statements.entries()) {
        // A statement the app prepares (sql.ts, prepared()) is prepared here too: the same work for PostgreSQL.
        const query = statement.prepared ? { name: 'floor_' + req.url.slice(1) + '_' + i, text: statement.text, values: statement.values } : { text: statement.text, values: statement.values };
        rows = (await client.query(query)).rows;
      }
      const body = JSON.stringify({ data: { rows } });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } catch (error) {
      res.writeHead(500); res.end(String(error));
    } finally { client.release(); }
  });
  server.listen(Number(process.env.FLOOR_PORT), '127.0.0.1', () => process.send('ready'));
`;

/** The load: CONNECTIONS keep-alive loops for SECONDS; answers per second and the p95 latency. */
const LOAD_SOURCE = `
  const http = require('node:http');
  const { url, body, cookie, connections, seconds } = JSON.parse(process.env.LOAD_DATA);
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const deadline = Date.now() + seconds * 1000;
  const latencies = []; let errors = 0;
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie };
  function one() {
    return new Promise((resolve) => {
      const started = performance.now();
      const req = http.request(target, { method: 'POST', agent, headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode !== 200 || text.includes('"errors"')) errors++; else latencies.push(performance.now() - started);
          resolve();
        });
      });
      req.on('error', () => { errors++; resolve(); });
      req.end(body);
    });
  }
  async function loop() { while (Date.now() < deadline) await one(); }
  const started = Date.now();
  Promise.all(Array.from({ length: connections }, loop)).then(() => {
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const elapsed = (Date.now() - started) / 1000;
    process.stdout.write(JSON.stringify({ perSecond: latencies.length / elapsed, p50: latencies[Math.floor(latencies.length * 0.5)] ?? 0, p95: latencies[Math.floor(latencies.length * 0.95)] ?? 0, errors }));
  });
`;

interface Measure {
  perSecond: number;
  p50: number;
  p95: number;
  errors: number;
}

function load(url: string, body: string, cookie: string): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', LOAD_SOURCE], {
      cwd: projectRoot,
      env: { ...process.env, LOAD_DATA: JSON.stringify({ url, body, cookie, connections: CONNECTIONS, seconds: SECONDS }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Measure) : reject(new Error(`load exited ${code}`))));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error('bench needs DATABASE_URL (a PostgreSQL server where it may create scratch databases)');
  const scratch = await createScratchDatabase(baseUrl, 'maillage_stack');
  let server: ChildProcess | undefined;
  let floor: ChildProcess | undefined;
  const captureFile = path.join(os.tmpdir(), `maillage-stack-${process.pid}.sql.jsonl`);
  fs.writeFileSync(captureFile, '');
  const floorData = path.join(os.tmpdir(), `maillage-stack-floor-${process.pid}.json`);
  try {
    const { cookie } = await fillWithSignedInMember(scratch.url, ROWS);
    const port = await freePort();
    server = await startBuiltServer(scratch.url, port, { DB_POOL_MAX: String(CONNECTIONS), MAILLAGE_SQL_CAPTURE: captureFile });
    const appUrl = `http://127.0.0.1:${port}/graphql`;
    // One request of each list, signed in: the reads it ran are what the floor replays.
    const captured: Captured[][] = [];
    for (const list of LISTS) {
      const before = fs.statSync(captureFile).size;
      const response = await fetch(appUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ query: list.query }),
      });
      const text = await response.text();
      if (!response.ok || text.includes('"errors"')) throw new Error(`${list.name}: ${text.slice(0, 300)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      captured.push(
        fs
          .readFileSync(captureFile)
          .subarray(before)
          .toString('utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Captured)
          .filter((statement) => /^\s*(select|with)\b/i.test(statement.text)),
      );
    }
    const floorPort = await freePort();
    // The captured statements go through a file: an environment variable is too small for them.
    fs.writeFileSync(floorData, JSON.stringify({ databaseUrl: scratch.url, lists: captured, connections: CONNECTIONS }));
    floor = spawn(process.execPath, ['-e', FLOOR_SOURCE], {
      cwd: projectRoot,
      env: {
        ...process.env,
        FLOOR_PORT: String(floorPort),
        FLOOR_DATA: floorData,
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    await new Promise((resolve) => floor!.once('message', resolve));

    console.log(
      `Maillage stack benchmark — ${ROWS} rows per table, ${CONNECTIONS} connections, ${SECONDS} s per measure, ${REPEATS} rounds, ${os.cpus().length} cores`,
    );
    const results = LISTS.map(() => ({
      app: [] as Measure[],
      floor: [] as Measure[],
    }));
    for (let round = 0; round < REPEATS; round++) {
      for (const [i, list] of LISTS.entries()) {
        const body = JSON.stringify({ query: list.query });
        const sides = round % 2 === 0 ? (['app', 'floor'] as const) : (['floor', 'app'] as const);
        for (const side of sides) {
          const result = await load(side === 'app' ? appUrl : `http://127.0.0.1:${floorPort}/${i}`, body, cookie);
          if (result.errors > 0) throw new Error(`${list.name} (${side}): ${result.errors} failed requests`);
          results[i][side].push(result);
        }
      }
    }
    console.log(
      '\n| list | statements | floor req/s (min–median) | app req/s (min–median) | req/s ratio (medians) ≥ 0.6 | median latency ratio (1 ÷ req/s ratio) | p95 floor | p95 app | p95 ratio ≤ 1.5 |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [i, list] of LISTS.entries()) {
      const { app, floor: base } = results[i];
      const rate = (side: typeof app) => side.map((r) => r.perSecond);
      const ratio = median(rate(app)) / median(rate(base));
      const p95App = median(app.map((r) => r.p95));
      const p95Floor = median(base.map((r) => r.p95));
      const p50Ratio = median(app.map((r) => r.p50)) / median(base.map((r) => r.p50));
      console.log(
        `| ${list.name} | ${captured[i].length} | ${Math.min(...rate(base)).toFixed(0)}–${median(rate(base)).toFixed(0)} | ${Math.min(...rate(app)).toFixed(0)}–${median(rate(app)).toFixed(0)} | ${ratio.toFixed(3)} ${ratio >= 0.6 ? 'yes' : 'NO'} | ${p50Ratio.toFixed(2)} (${(1 / ratio).toFixed(2)}) | ${p95Floor.toFixed(1)} ms | ${p95App.toFixed(1)} ms | ${(p95App / p95Floor).toFixed(3)} ${p95App / p95Floor <= 1.5 ? 'yes' : 'NO'} |`,
      );
    }
    console.log("\nLatency is connections ÷ req/s on both sides (a closed loop): p95 ≤ 1.5× needs about ≥ 0.67 of the floor's req/s.");
  } finally {
    await stopServer(floor);
    await stopServer(server);
    fs.rmSync(captureFile, { force: true });
    fs.rmSync(floorData, { force: true });
    await scratch.drop();
  }
  // transferTime over HTTP (the built server, signed-in members) against begin / posting function / commit.
  console.log('\n== banque de temps');
  console.table(await benchTimebank(baseUrl));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
