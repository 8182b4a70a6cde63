/**
 * `npm run bench:ssr` (issue #15, point 5): how long a page takes to send its first byte, against the GraphQL
 * requests it makes while it is made. The real built server (web + API, one port, production) over a scratch
 * database of BENCH_ROWS (10,000) rows per table, its web app pointed at a recording proxy in front of its own
 * API (MAILLAGE_API_URL): the proxy notes when each GraphQL request starts and ends. Pages are asked one at a
 * time (BENCH_PAGES_EACH, 30, each after 3 uncounted), by a visitor and by a signed-in member. Printed per page:
 * median time to first byte, median span of its GraphQL requests (first start to last end, seen at the proxy,
 * which adds its own hop to that side), their ratio against the issue's ≤ 1.3, and where the rest goes: before
 * the first request (Express, routing, hooks) and after the last one (reading the answer, rendering, compressing).
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from '../config.js';
import { initORM, migrate } from '../db/orm.js';
import { createScratchDatabase } from '../db/scratch.js';
import { SESSION_COOKIE } from '../http/session-cookie.js';
import { openSession } from '../modules/comptes/comptes.service.js';
import { User } from '../modules/comptes/user.entity.js';
import { freePort } from '../shared/free-port.js';
import { generateScaleData } from './scale-data.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const EACH = Number(process.env.BENCH_PAGES_EACH ?? 30);
const PAGES = ['/', '/reseau', '/entraide', '/agenda', '/projets', '/banque-de-temps', '/ressources'];
const TARGET = 1.3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** A proxy to the API that keeps the [start, end] of every request it passes on. */
function recordingProxy(apiPort: number, spans: Array<[number, number]>): http.Server {
  return http.createServer((req, res) => {
    const started = performance.now();
    const upstream = http.request(
      { host: '127.0.0.1', port: apiPort, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => spans.push([started, performance.now()]));
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
}

/** One page: when it was asked, its time to first byte, its status. */
function ask(port: number, pathname: string, cookie?: string): Promise<{ started: number; firstByte: number; status: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const headers = { 'accept-encoding': 'br, gzip', ...(cookie ? { cookie } : {}) };
    http
      .get({ host: '127.0.0.1', port, path: pathname, headers }, (res) => {
        const firstByte = performance.now() - started;
        res.resume();
        res.on('end', () => resolve({ started, firstByte, status: res.statusCode ?? 0 }));
      })
      .on('error', reject);
  });
}

async function main(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error('bench:ssr needs DATABASE_URL (a PostgreSQL server where it may create scratch databases)');
  const scratch = await createScratchDatabase(baseUrl, 'maillage_ssr');
  let server: ChildProcess | undefined;
  let proxy: http.Server | undefined;
  try {
    const orm = await initORM(scratch.url);
    await migrate(orm);
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    await generateScaleData(client, ROWS, () => undefined);
    await client.end();
    const em = orm.em.fork();
    const member = em.create(User, {
      email: 'banc@exemple.fr',
      displayName: 'Banc d’essai',
      passwordHash: null,
      emailVerifiedAt: new Date(),
    });
    await em.flush();
    const cookie = `${SESSION_COOKIE}=${(await openSession(em, member, { ip: '127.0.0.1' })).token}`;
    await orm.close();

    const [port, proxyPort] = [await freePort(), await freePort()];
    const spans: Array<[number, number]> = [];
    proxy = recordingProxy(port, spans);
    await new Promise<void>((resolve) => proxy!.listen(proxyPort, '127.0.0.1', resolve));
    server = spawn(process.execPath, [path.join(projectRoot, 'server/dist/main.js')], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: scratch.url,
        PORT: String(port),
        NODE_ENV: 'production',
        SEED_DEMO: '0',
        LOG_LEVEL: 'warn',
        MAILLAGE_API_URL: `http://127.0.0.1:${proxyPort}/graphql`,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (
      let i = 0;
      !(await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    ) {
      if (i > 1200 || server.exitCode !== null) throw new Error('the server did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The worker compiles the places' opening hours first: wait, so its statements do not share the measure.
    const watcher = new pg.Client({ connectionString: scratch.url });
    await watcher.connect();
    for (let i = 0; i < 600; i++) {
      const { rows } = await watcher.query(`select count(*)::int as n from place_opening where valid_until < now() + interval '1 day'`);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await watcher.end();

    console.log(`Maillage SSR benchmark — ${ROWS} rows per table, ${EACH} pages each, one at a time`);
    for (const [who, asWho] of [
      ['visitor', undefined],
      ['signed-in member', cookie],
    ] as const) {
      const rows = [];
      for (const page of PAGES) {
        for (let i = 0; i < 3; i++) await ask(port, page, asWho);
        const firstBytes: number[] = [];
        const graphql: number[] = [];
        const before: number[] = [];
        const after: number[] = [];
        let requests = 0;
        for (let i = 0; i < EACH; i++) {
          spans.length = 0;
          const answer = await ask(port, page, asWho);
          if (answer.status !== 200) throw new Error(`${page} (${who}): ${answer.status}`);
          const first = Math.min(...spans.map(([start]) => start));
          const last = Math.max(...spans.map(([, end]) => end));
          firstBytes.push(answer.firstByte);
          graphql.push(spans.length ? last - first : 0);
          before.push(spans.length ? first - answer.started : answer.firstByte);
          after.push(spans.length ? answer.started + answer.firstByte - last : 0);
          requests = spans.length;
        }
        const ratio = median(firstBytes) / median(graphql);
        rows.push({
          page,
          'GraphQL requests': requests,
          'first byte (ms)': median(firstBytes).toFixed(1),
          'GraphQL span (ms)': median(graphql).toFixed(1),
          [`ratio ≤ ${TARGET}`]: `${ratio.toFixed(2)} ${ratio <= TARGET ? 'yes' : 'NO'}`,
          'before the first (ms)': median(before).toFixed(1),
          'after the last (ms)': median(after).toFixed(1),
        });
      }
      console.log(`\n== ${who}`);
      console.table(rows);
    }
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
