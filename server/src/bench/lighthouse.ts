import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { projectRoot } from '../config.js';
import { createScratchDatabase } from '../db/scratch.js';
import { freePort } from '../shared/free-port.js';

/**
 * `npm run lighthouse`: Lighthouse (mobile emulation, its default simulated slow 4G and 4× CPU slowdown)
 * with Debian's Chromium on five pages of the built server (`server/dist/main.js` + `web/build`) over the
 * demo network: home, /reseau, an event, a place, a question. Prints the four scores, LCP, TBT and the
 * bytes transferred per page, then what each page loses points on. Not part of `npm test` (a few minutes).
 * Options: DATABASE_URL (a scratch database on that server, else the server's own embedded PostgreSQL in a
 * temporary folder), CHROMIUM_PATH (/usr/bin/chromium), LIGHTHOUSE_REPORTS (a folder for the JSON reports),
 * LIGHTHOUSE_LANG (fr-FR; Chromium's own default, en-US, gets the English pages), LIGHTHOUSE_RUNS (3: the median
 * run of each page is reported, with the lowest and highest performance score), LIGHTHOUSE_TRACES=1 (each page's
 * trace written next to its report).
 */
const MAIN = path.join(projectRoot, 'server/dist/main.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/** The browser's language (Accept-Language): French, the site's first audience; `LIGHTHOUSE_LANG=en-US` weighs the English pages. */
const LANG = process.env.LIGHTHOUSE_LANG ?? 'fr-FR';
/** Runs per page; the median is reported. */
const RUNS = Math.max(1, Math.floor(Number(process.env.LIGHTHOUSE_RUNS)) || 3);

function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  if (!fs.existsSync(MAIN)) throw new Error('server/dist/main.js is missing: run `npm run build`');
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const keep = (chunk: Buffer) => {
    text += chunk.toString();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, output: () => text };
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output()}`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server was not ready within 300 s:\n${output()}`);
}

/** The first link of a list page that matches `pattern` (the demo's first event, place, question). */
async function firstLink(url: string, listPath: string, pattern: RegExp): Promise<string> {
  const html = await (await fetch(url + listPath)).text();
  const found = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]).find((href) => pattern.test(href));
  if (!found) throw new Error(`no link matching ${pattern} on ${listPath}`);
  return found.replaceAll('&amp;', '&');
}

interface Row {
  page: string;
  path: string;
  scores: Record<(typeof CATEGORIES)[number], number>;
  lcpMs: number;
  tbtMs: number;
  /** Of the page's main-thread tasks over 10 ms, the share of their time spent on a CPU (1 = never waited). */
  cpuShare: number;
  bytes: number;
  losses: string[];
}

type LighthouseRun = NonNullable<Awaited<ReturnType<typeof lighthouse>>>;

/** Trace errors Lighthouse itself says to run again for (frequent with Chromium 156 and Lighthouse 12.8). */
const RUN_AGAIN = new Set(['NO_NAVSTART', 'NO_FCP', 'NO_TRACING_STARTED']);
const ATTEMPTS = 4;

async function audit(port: number, url: string, page: string, pagePath: string): Promise<Row> {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url + pagePath, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      formFactor: 'mobile',
      // Lighthouse's emulation leaves Chromium's own Accept-Language (en-US) whatever `--lang` says: the pages would be
      // the English ones (and their English messages fetched on top). Said on every request instead.
      extraHeaders: { 'Accept-Language': LANG },
    });
    if (!result) throw new Error(`Lighthouse gave no result for ${pagePath}`);
    const error = result.lhr.runtimeError;
    if (error && RUN_AGAIN.has(error.code) && attempt < ATTEMPTS) {
      console.error(`lighthouse: ${pagePath}: ${error.code}, run again (${attempt} of ${ATTEMPTS})`);
      continue;
    }
    if (error) throw new Error(`${pagePath}: ${error.code} ${error.message}`);
    return rowOf(result, page, pagePath);
  }
}

async function rowOf(result: LighthouseRun, page: string, pagePath: string): Promise<Row> {
  const { lhr } = result;
  const reports = process.env.LIGHTHOUSE_REPORTS;
  if (reports) {
    fs.mkdirSync(reports, { recursive: true });
    fs.writeFileSync(path.join(reports, `${page}.json`), JSON.stringify(lhr, null, 1));
    // The trace too (tens of MB), to see what the main thread did: Chromium's DevTools open it (Performance panel).
    if (process.env.LIGHTHOUSE_TRACES === '1') {
      fs.writeFileSync(path.join(reports, `${page}.trace.json`), JSON.stringify(result.artifacts.Trace ?? {}));
    }
  }
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)])) as Row['scores'];
  // What costs points: every weighted audit below full marks, and the performance opportunities.
  const losses: string[] = [];
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const item = lhr.audits[ref.id];
      if (!item || item.score === null || item.score >= 0.9) continue;
      if (ref.weight === 0 && id !== 'performance') continue;
      const value = item.displayValue ? ` (${item.displayValue})` : '';
      losses.push(`${id}: ${ref.id}${value}`);
    }
  }
  return {
    page,
    path: pagePath,
    scores,
    lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
    cpuShare: mainThreadCpuShare(result.artifacts.Trace?.traceEvents ?? []),
    tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
    bytes: lhr.audits['total-byte-weight']?.numericValue ?? NaN,
    losses,
  };
}

/**
 * Lighthouse's simulated slow phone multiplies the tasks' observed (wall-clock) durations by four. When the machine
 * is busy, a task also counts the time its thread waited for a CPU: this share tells how much of the blocking time
 * is the page's work and how much the machine's (the renderer's busiest main thread, tasks over 10 ms).
 */
function mainThreadCpuShare(
  events: ReadonlyArray<{ name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } }>,
): number {
  const renderers = new Set(
    events
      .filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const byThread = new Map<string, { wall: number; cpu: number }>();
  for (const event of events) {
    if (event.name !== 'RunTask' || event.ph !== 'X' || (event.dur ?? 0) < 10_000 || event.tdur === undefined) continue;
    const key = `${event.pid}:${event.tid}`;
    if (!renderers.has(key)) continue;
    const sums = byThread.get(key) ?? { wall: 0, cpu: 0 };
    sums.wall += event.dur!;
    sums.cpu += event.tdur;
    byThread.set(key, sums);
  }
  const busiest = [...byThread.values()].sort((a, b) => b.wall - a.wall)[0];
  return busiest ? busiest.cpu / busiest.wall : NaN;
}

/** The run whose performance score is the median one (what Lighthouse's documentation advises to report). */
function median(rows: Row[]): Row {
  const sorted = [...rows].sort((a, b) => a.scores.performance - b.scores.performance);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

async function main(): Promise<void> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'maillage_lighthouse') : undefined;
  const dataDir = scratch ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-lighthouse-'));
  // As root, the embedded PostgreSQL runs as the `postgres` user, which must reach its folder.
  if (dataDir) fs.chmodSync(dataDir, 0o755);
  const server = startServer({
    NODE_ENV: 'production',
    PORT: String(port),
    ...(scratch ? { DATABASE_URL: scratch.url } : { DATABASE_URL: '', MAILLAGE_DATA_DIR: dataDir! }),
    SEED_DEMO: '1',
    LOG_LEVEL: 'warn',
    PUBLIC_URL: '',
    SMTP_URL: '',
  });
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    await waitUntilReady(url, server.child, server.output);
    const pages: Array<[string, string]> = [
      ['accueil', '/'],
      ['reseau', '/reseau'],
      ['evenement', await firstLink(url, '/agenda', /^\/agenda\/evenements\/[^/?#]+$/)],
      ['lieu', await firstLink(url, '/reseau', /^\/reseau\/lieux\/[^/?#]+$/)],
      ['question', await firstLink(url, '/entraide', /^\/entraide\/questions\/(?!nouvelle)[^/?#]+$/)],
    ];
    chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM,
      chromeFlags: [`--lang=${LANG}`, '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
    // One visit of each page first: the server's caches and JIT are warm, as for any visitor after the first; and
    // one audit thrown away: the first of a fresh Chromium pays for its start.
    for (const [, pagePath] of pages) await fetch(url + pagePath);
    await audit(chrome.port, url, pages[0][0], pages[0][1]);
    // Lighthouse's own advice on variability: several runs, the median kept. The pages take turns, so that a busy
    // moment of the machine does not fall on one page only.
    const runs: Row[][] = pages.map(() => []);
    for (let run = 1; run <= RUNS; run++) {
      for (const [index, [page, pagePath]] of pages.entries()) {
        runs[index].push(await audit(chrome.port, url, page, pagePath));
        process.stderr.write(`lighthouse: ${page} done (run ${run} of ${RUNS})\n`);
      }
    }
    const rows = runs.map(median);
    console.log(`Median of ${RUNS} runs per page (performance: lowest–highest in brackets).`);
    console.log(
      '| page | path | performance | accessibility | best practices | SEO | LCP ms | TBT ms | KB transferred | CPU share of long tasks |',
    );
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [index, row] of rows.entries()) {
      const { scores } = row;
      const performances = runs[index].map((one) => one.scores.performance);
      console.log(
        `| ${row.page} | ${row.path} | ${scores.performance} (${Math.min(...performances)}–${Math.max(...performances)}) | ${scores.accessibility} | ${scores['best-practices']} | ${scores.seo} | ${row.lcpMs.toFixed(0)} | ${row.tbtMs.toFixed(0)} | ${(row.bytes / 1024).toFixed(0)} | ${(row.cpuShare * 100).toFixed(0)} % |`,
      );
    }
    for (const row of rows) {
      if (row.losses.length > 0) console.log(`\n${row.page}:\n  ${row.losses.join('\n  ')}`);
    }
  } finally {
    await chrome?.kill();
    server.child.kill('SIGTERM');
    await new Promise((resolve) => (server.child.exitCode !== null ? resolve(null) : server.child.once('exit', resolve)));
    await scratch?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
