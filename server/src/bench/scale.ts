/**
 * `npm run bench:scale`: does each read cost the same over 1,000,000 rows as over 10,000? Two scratch
 * databases (10,000 and BENCH_ROWS rows per table, generated in SQL: scale-data.ts), the real built server
 * (`server/dist/main.js`, web + API on one port, production, no demo data) started on each, and from this
 * separate process every operation of issue #15 asked of both, interleaved (10k, N, 10k, N…) and repeated
 * (BENCH_REPEATS, default 5). Printed per operation: min and median at each size, the N ÷ 10k ratio of the
 * medians against the ≤ 3× target, and the plan of the statements the server ran for it (captured through
 * MAILLAGE_SQL_CAPTURE, then EXPLAINed on the big database). BENCH_KEEP=1 keeps the databases, BENCH_REUSE=1
 * measures again on those a former run generated (an hour of generation at 1,000,000 rows). See docs/bench.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from '../config.js';
import { initORM, migrate } from '../db/orm.js';
import { createScratchDatabase, existingDatabase, withDatabase } from '../db/scratch.js';
import { generateScaleData } from './scale-data.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SMALL = 10_000;
const REPEATS = Math.max(5, Number(process.env.BENCH_REPEATS ?? 5));
/** How long to wait for the server's worker to compile every place's opening hours before measuring. */
const OPENINGS_WAIT_MS = Number(process.env.BENCH_OPENINGS_WAIT_S ?? 900) * 1000;
const TARGET = 3;
/** BENCH_REUSE=1: measure again on the databases a former BENCH_KEEP=1 run generated (migrated up to date, not regenerated). */
const REUSE = process.env.BENCH_REUSE === '1';
/** BENCH_ONLY=projects: only the operations whose name contains that text (after a fix, to measure it alone). */
const ONLY = process.env.BENCH_ONLY ?? '';
/** The mark a finished generation leaves on its database (a comment), which BENCH_REUSE=1 looks for. */
const generatedMark = (rows: number) => `maillage bench:scale, ${rows} rows per table, generated`;

interface Operation {
  name: string;
  /** A page (GET path) or a GraphQL query (POST /graphql). */
  path?: string;
  graphql?: string;
}

const NANTES = 'lat: 47.2184, lng: -1.5536';
const ALL_OPERATIONS: Operation[] = [
  {
    name: 'organizations(near 10 km, openNow)',
    graphql: `{ organizations(first: 20, near: { ${NANTES}, radiusKm: 10 }, openNow: true) { totalCount edges { node { id name } } } }`,
  },
  { name: 'GET /reseau?ouvert=1', path: '/reseau?ouvert=1' },
  {
    name: 'projects(tags, preferredStage, near 30 km, weights)',
    graphql: `{ projects(first: 20, tags: ["smartphone", "theme-7"], preferredStage: BETA, near: { ${NANTES}, radiusKm: 30 },
      weights: { proximity: 5, recency: 3, stage: 2, tags: 5 }) { totalCount edges { node { id title distanceKm } } } }`,
  },
  { name: 'GET /projets', path: '/projets' },
  { name: 'GET /entraide', path: '/entraide' },
  {
    name: 'questions(search: "demarche caf")',
    graphql: `{ questions(first: 20, search: "demarche caf") { totalCount edges { node { id title } } } }`,
  },
  { name: 'organizations(first: 20)', graphql: `{ organizations(first: 20) { totalCount edges { node { id name } } } }` },
  { name: 'GET /reseau', path: '/reseau' },
  { name: 'timebankPosts(first: 20)', graphql: `{ timebankPosts(first: 20) { totalCount edges { node { id title } } } }` },
  { name: 'questions(tag: "caf")', graphql: `{ questions(first: 20, tag: "caf") { totalCount edges { node { id title } } } }` },
  { name: 'questions(first: 20) (newest)', graphql: `{ questions(first: 20) { totalCount edges { node { id title } } } }` },
  { name: 'home', graphql: `{ home { figures { key value } sections { kind items { id title } } } }` },
  { name: 'GET /', path: '/' },
];
export const OPERATIONS = ALL_OPERATIONS.filter((operation) => operation.name.includes(ONLY));

interface Side {
  rows: number;
  url: string;
  databaseUrl: string;
  captureFile: string;
  server: ChildProcess;
  drop: () => Promise<void>;
  times: Map<string, number[]>;
}

const log = (line: string) => console.log(line);

/** A database a former run generated with `rows` rows per table and kept (BENCH_KEEP=1), if any. */
async function keptDatabase(baseUrl: string, rows: number): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const admin = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  try {
    const found = await admin.query<{ datname: string; mark: string | null }>(
      `select datname, shobj_description(oid, 'pg_database') as mark from pg_database order by datname`,
    );
    const name = found.rows.find((row) => row.datname.startsWith(`maillage_scale_${rows}_`) && row.mark === generatedMark(rows))?.datname;
    if (!name) return undefined;
    return existingDatabase(baseUrl, name);
  } finally {
    await admin.end();
  }
}

async function prepare(baseUrl: string, rows: number, port: number): Promise<Side> {
  const kept = REUSE ? await keptDatabase(baseUrl, rows) : undefined;
  const scratch = kept ?? (await createScratchDatabase(baseUrl, `maillage_scale_${rows}`));
  log(`\n${rows} rows per table → ${scratch.url.replace(/\/\/[^@]*@/, '//')}${kept ? ' (kept from a former run)' : ''}`);
  const orm = await initORM(scratch.url);
  await migrate(orm);
  await orm.close();
  if (!kept) {
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const started = performance.now();
    try {
      await generateScaleData(client, rows, log);
      const name = new URL(scratch.url).pathname.slice(1);
      await client.query(`comment on database "${name}" is '${generatedMark(rows)}'`);
    } finally {
      await client.end();
    }
    log(`  generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const captureFile = path.join(os.tmpdir(), `maillage-scale-${rows}-${process.pid}.sql.jsonl`);
  fs.writeFileSync(captureFile, '');
  const server = spawn(process.execPath, [path.join(projectRoot, 'server/dist/main.js')], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: scratch.url,
      PORT: String(port),
      NODE_ENV: 'production',
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      MAILLAGE_SQL_CAPTURE: captureFile,
      ORIGIN: `http://127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok === true, 60_000, 'server start');
  return { rows, url, databaseUrl: scratch.url, captureFile, server, drop: scratch.drop, times: new Map() };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string, everyMs = 500): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  log(`  (${what}: not done after ${Math.round(timeoutMs / 1000)} s)`);
  return false;
}

/** The server's worker compiles the places' hours in the background: measure once it is done. */
async function waitForOpenings(side: Side): Promise<void> {
  const client = new pg.Client({ connectionString: side.databaseUrl });
  await client.connect();
  const started = performance.now();
  try {
    // Counted only to be told; the wait asks whether one is left (an index probe), every 5 s: a count of a
    // million rows twice a second took the CPU the server's worker needed to compile them.
    const stale = async () =>
      Number((await client.query(`select count(*)::int as n from place_opening where valid_until < now() + interval '1 day'`)).rows[0].n);
    const anyStale = async () =>
      (await client.query(`select 1 from place_opening where valid_until < now() + interval '1 day' limit 1`)).rowCount !== 0;
    const done = await waitFor(async () => !(await anyStale()), OPENINGS_WAIT_MS, 'opening hours compiled', 5000);
    // The worker has just rewritten every row: what autovacuum does within a minute or so. Measured before it,
    // the planner still saw the empty hours of the generation and drove "open now" from the wrong index (9 s).
    if (done) await client.query('vacuum analyze place_opening');
    log(
      `  opening hours: ${done ? 'compiled' : `${await stale()} places still to compile`} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
  } finally {
    await client.end();
  }
}

/** One request, its whole body read; milliseconds. */
async function ask(side: Side, operation: Operation): Promise<number> {
  const started = performance.now();
  const response = operation.graphql
    ? await fetch(`${side.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
        body: JSON.stringify({ query: operation.graphql }),
      })
    : await fetch(`${side.url}${operation.path}`, { headers: { 'accept-language': 'fr' } });
  const body = await response.text();
  const elapsed = performance.now() - started;
  if (!response.ok || (operation.graphql && body.includes('"errors"'))) {
    throw new Error(`${operation.name} on ${side.rows} rows: ${response.status} ${body.slice(0, 300)}`);
  }
  return elapsed;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Plan Rows'?: number;
  Plans?: PlanNode[];
}

/** The statements one request ran (read back from the capture file), EXPLAINed: top nodes and sequential scans. */
async function planSummary(side: Side, operation: Operation, client: pg.Client): Promise<string> {
  const before = fs.statSync(side.captureFile).size;
  await ask(side, operation);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const captured = fs.readFileSync(side.captureFile).subarray(before).toString('utf8').split('\n').filter(Boolean);
  const ran = captured.map((line) => JSON.parse(line) as { text: string; values: unknown[] });
  const statements = ran.filter((statement) => /^\s*(select|with)\b/i.test(statement.text));
  const tops: string[] = [];
  const seqScans: string[] = [];
  // Settings the request made for its own transaction (`set local enable_bitmapscan = off` of the projects near a
  // point) are made again in this one, so that each plan is the one the request got.
  await client.query('begin');
  for (const statement of ran) {
    if (/^\s*set\s+local\b/i.test(statement.text)) {
      await client.query({ text: statement.text, values: statement.values });
      continue;
    }
    if (!statements.includes(statement)) continue;
    try {
      const result = await client.query({ text: `explain (format json) ${statement.text}`, values: statement.values });
      const plan = (result.rows[0]['QUERY PLAN'] as Array<{ Plan: PlanNode }>)[0].Plan;
      tops.push(plan['Node Type']);
      const walk = (node: PlanNode) => {
        if (node['Node Type'] === 'Seq Scan' && (node['Plan Rows'] ?? 0) >= 1000) {
          seqScans.push(`${node['Relation Name']} (${node['Plan Rows']})`);
        }
        node.Plans?.forEach(walk);
      };
      walk(plan);
    } catch (error) {
      tops.push(`(explain failed: ${(error as Error).message.slice(0, 60)})`);
      break;
    }
  }
  await client.query('rollback');
  const counted = [...new Set(tops)].map((top) => `${top}×${tops.filter((t) => t === top).length}`).join(', ');
  return `${statements.length} statements; top: ${counted || '—'}; seq scans ≥ 1000 rows: ${seqScans.length ? [...new Set(seqScans)].join(', ') : 'none'}`;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);

async function main(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error('bench:scale needs DATABASE_URL (a PostgreSQL server where it may create scratch databases)');
  if (!fs.existsSync(path.join(projectRoot, 'server/dist/main.js')) || !fs.existsSync(path.join(projectRoot, 'web/build/handler.js'))) {
    throw new Error('bench:scale measures the built server: run `npm run build` first');
  }
  const port = Number(process.env.BENCH_PORT ?? 3900);
  log(
    `Maillage scale benchmark — ${SMALL} and ${ROWS} rows per table, ${REPEATS} rounds, Node ${process.version}, ${os.cpus().length} cores`,
  );
  const sides: Side[] = [];
  try {
    sides.push(await prepare(baseUrl, SMALL, port));
    sides.push(await prepare(baseUrl, ROWS, port + 1));
    for (const side of sides) await waitForOpenings(side);
    // One warm-up request of each operation on each side (caches, JIT), not counted.
    for (const operation of OPERATIONS) for (const side of sides) await ask(side, operation);
    for (let round = 0; round < REPEATS; round++) {
      for (const operation of OPERATIONS) {
        for (const side of sides) {
          const times = side.times.get(operation.name) ?? [];
          times.push(await ask(side, operation));
          side.times.set(operation.name, times);
        }
      }
      log(`  round ${round + 1}/${REPEATS} done`);
    }
    const [small, big] = sides;
    const client = new pg.Client({ connectionString: big.databaseUrl });
    await client.connect();
    const plans = new Map<string, string>();
    try {
      for (const operation of OPERATIONS) plans.set(operation.name, await planSummary(big, operation, client));
    } finally {
      await client.end();
    }
    log(`\n| operation | min 10k | median 10k | min ${ROWS} | median ${ROWS} | ratio (medians) | ≤ ${TARGET}× |`);
    log('| --- | ---: | ---: | ---: | ---: | ---: | :---: |');
    for (const operation of OPERATIONS) {
      const a = small.times.get(operation.name)!;
      const b = big.times.get(operation.name)!;
      const ratio = median(b) / median(a);
      log(
        `| ${operation.name} | ${ms(Math.min(...a))} | ${ms(median(a))} | ${ms(Math.min(...b))} | ${ms(median(b))} | ${ratio.toFixed(1)}× | ${ratio <= TARGET ? 'yes' : 'NO'} |`,
      );
    }
    log(`\nPlans on ${ROWS} rows (the statements each request ran, EXPLAINed):`);
    for (const operation of OPERATIONS) log(`- ${operation.name}: ${plans.get(operation.name)}`);
  } finally {
    for (const side of sides) {
      if (side.server.exitCode === null) {
        const exited = new Promise((resolve) => side.server.once('exit', resolve));
        side.server.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(side.captureFile, { force: true });
      if (process.env.BENCH_KEEP !== '1' && !REUSE) await side.drop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
