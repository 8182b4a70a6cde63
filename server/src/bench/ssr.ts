/**
 * `npm run bench:ssr` (issue #15, point 5): how long a page takes to send its first byte, against the GraphQL
 * requests it makes while it is made. The real built server (web + API, one port, production) over a scratch
 * database of BENCH_ROWS (10,000) rows per table, its web app pointed at a recording proxy in front of its own
 * API (MAILLAGE_API_URL): the proxy notes when each GraphQL request starts and ends. Pages are asked one at a
 * time (BENCH_PAGES_EACH, 30, after 10 uncounted rounds), by a visitor and by a signed-in member in turn. Printed per page:
 * median time to first byte, median span of its GraphQL requests (first start to last end, seen at the proxy,
 * which adds its own hop to that side), their ratio against the issue's ≤ 1.3, and where the rest goes: before
 * the first request (Express, routing, hooks) and after the last one (reading the answer, rendering, compressing).
 */
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { createScratchDatabase } from '../db/scratch.js';
import { freePort } from '../shared/free-port.js';
import { fillWithSignedInMember, startBuiltServer, stopServer } from './built-server.js';

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
    const { cookie } = await fillWithSignedInMember(scratch.url, ROWS);
    const [port, proxyPort] = [await freePort(), await freePort()];
    const spans: Array<[number, number]> = [];
    proxy = recordingProxy(port, spans);
    await new Promise<void>((resolve) => proxy!.listen(proxyPort, '127.0.0.1', resolve));
    server = await startBuiltServer(scratch.url, port, { MAILLAGE_API_URL: `http://127.0.0.1:${proxyPort}/graphql` });

    console.log(`Maillage SSR benchmark — ${ROWS} rows per table, ${EACH} pages each, one at a time`);
    const people = [
      ['visitor', undefined],
      ['signed-in member', cookie],
    ] as const;
    // Warm every page for both first (the JIT would otherwise favour whoever is measured last), then ask the
    // visitor's and the member's page in turn, so that both sides see the same machine.
    for (let i = 0; i < 10; i++) for (const page of PAGES) for (const [, asWho] of people) await ask(port, page, asWho);
    const samples = new Map<string, { firstBytes: number[]; graphql: number[]; before: number[]; after: number[]; requests: number }>();
    for (const page of PAGES) {
      for (let i = 0; i < EACH; i++) {
        for (const [who, asWho] of people) {
          spans.length = 0;
          const answer = await ask(port, page, asWho);
          if (answer.status !== 200) throw new Error(`${page} (${who}): ${answer.status}`);
          const first = Math.min(...spans.map(([start]) => start));
          const last = Math.max(...spans.map(([, end]) => end));
          const sample = samples.get(`${who} ${page}`) ?? { firstBytes: [], graphql: [], before: [], after: [], requests: 0 };
          sample.firstBytes.push(answer.firstByte);
          sample.graphql.push(spans.length ? last - first : 0);
          sample.before.push(spans.length ? first - answer.started : answer.firstByte);
          sample.after.push(spans.length ? answer.started + answer.firstByte - last : 0);
          sample.requests = spans.length;
          samples.set(`${who} ${page}`, sample);
        }
      }
    }
    for (const [who] of people) {
      const rows = PAGES.map((page) => {
        const { firstBytes, graphql, before, after, requests } = samples.get(`${who} ${page}`)!;
        const ratio = median(firstBytes) / median(graphql);
        return {
          page,
          'GraphQL requests': requests,
          'first byte (ms)': median(firstBytes).toFixed(1),
          'GraphQL span (ms)': median(graphql).toFixed(1),
          [`ratio ≤ ${TARGET}`]: `${ratio.toFixed(2)} ${ratio <= TARGET ? 'yes' : 'NO'}`,
          'before the first (ms)': median(before).toFixed(1),
          'after the last (ms)': median(after).toFixed(1),
        };
      });
      console.log(`\n== ${who}`);
      console.table(rows);
    }
  } finally {
    await stopServer(server);
    await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
