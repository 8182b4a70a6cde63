import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../config.js';
import { createScratchDatabase } from '../db/scratch.js';
import { KINDS, percentile, type Kind, type LoadSample, type SoakLoadOptions, type SoakMember } from './soak-load.js';
import { freePort } from '../shared/free-port.js';

/**
 * `npm run bench:soak`: the built server (`node server/dist/main.js`, web and API on one port, the demo
 * network) under a mixed load of signed-in members for SOAK_MINUTES (10): pages, GraphQL lists, writes
 * and open subscriptions. Every 30 s: requests, error rate, p50/p95/p99 per kind, subscription events,
 * and the server's memory (from its /metrics). At the end, the table of samples and the memory verdict.
 * Options: SOAK_MINUTES, SOAK_CONCURRENCY (8 loops), SOAK_THINK_MS (200), SOAK_VISITOR_SOCKETS (20),
 * SOAK_SAMPLE_SECONDS (30); DATABASE_URL: a scratch database on that server (else the server's own
 * embedded PostgreSQL in a temporary folder).
 */
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const SAMPLE_SECONDS = Number(process.env.SOAK_SAMPLE_SECONDS ?? 30);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 8);
const THINK_MS = Number(process.env.SOAK_THINK_MS ?? 200);
const VISITOR_SOCKETS = Number(process.env.SOAK_VISITOR_SOCKETS ?? 20);
/** The first samples are warm-up (caches, JIT, pool): the memory verdict starts after them. */
const WARM_UP_SECONDS = Math.min(120, (MINUTES * 60) / 5);
const MAIN = path.join(projectRoot, 'server/dist/main.js');
const MB = 1024 * 1024;

interface Memory {
  rssMb: number;
  heapTotalMb: number;
  heapUsedMb: number;
}

/** A window's memory: the last reading, and the lowest heap used of its readings (every 5 s): the live data after a GC. */
interface WindowMemory extends Memory {
  heapFloorMb: number;
}

interface Row {
  at: number;
  sample: LoadSample;
  memory: WindowMemory;
}

function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  if (!fs.existsSync(MAIN)) throw new Error('server/dist/main.js is missing: run `npm run build`');
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const keep = (chunk: Buffer) => {
    text += chunk.toString();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output()}`);
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server was not ready within 300 s:\n${output()}`);
}

async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}, cookie?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (!body.data || body.errors?.length) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  return {
    data: body.data,
    cookie: response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}

/** The demo accounts, as the server's log names them when it loads the demo network. */
function demoAccounts(output: string): { emails: string[]; password: string } {
  for (const line of output.split('\n')) {
    if (!line.includes('demo network loaded')) continue;
    const entry = JSON.parse(line) as { accounts: Array<{ email: string }>; password: string };
    return { emails: entry.accounts.map((account) => account.email), password: entry.password };
  }
  throw new Error('the server did not load the demo network (its log has no "demo network loaded" line)');
}

async function readMemory(url: string, token: string): Promise<Memory> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
  const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    rssMb: value('process_resident_memory_bytes') / MB,
    heapTotalMb: value('nodejs_heap_size_total_bytes') / MB,
    heapUsedMb: value('nodejs_heap_size_used_bytes') / MB,
  };
}

const ms = (value: number) => `${value.toFixed(0)}`;
const pct = (errors: number, requests: number) => (requests === 0 ? '0' : ((100 * errors) / requests).toFixed(2));

function line(row: Row): string {
  const { sample, memory } = row;
  const requests = KINDS.reduce((sum, kind) => sum + sample.kinds[kind].requests, 0);
  const errors = KINDS.reduce((sum, kind) => sum + sample.kinds[kind].errors, 0);
  const perKind = KINDS.map((kind) => {
    const k = sample.kinds[kind];
    return `${ms(k.p50)}/${ms(k.p95)}/${ms(k.p99)}`;
  });
  return `| ${(row.at / 1000).toFixed(0)} s | ${requests} | ${pct(errors, requests)} % | ${perKind.join(' | ')} | ${sample.subscriptionEvents} | ${sample.openSockets} | ${memory.rssMb.toFixed(1)} | ${memory.heapTotalMb.toFixed(1)} | ${memory.heapUsedMb.toFixed(1)} | ${memory.heapFloorMb.toFixed(1)} |`;
}

const HEADER =
  '| time | requests | errors | page p50/p95/p99 ms | list p50/p95/p99 ms | write p50/p95/p99 ms | subscription events | open sockets | RSS MB | heap total MB | heap used MB | lowest heap used MB |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';

async function main(): Promise<void> {
  const schema = fs.readFileSync(path.join(projectRoot, 'schema.graphql'), 'utf8');
  const subscriptions = /^type Subscription \{/m.test(schema);
  if (!subscriptions && process.env.SOAK_ALLOW_NO_SUBSCRIPTIONS !== '1')
    throw new Error(
      'schema.graphql has no Subscription type: the soak measures the live updates too (SOAK_ALLOW_NO_SUBSCRIPTIONS=1 skips them)',
    );

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const token = randomBytes(16).toString('hex');
  const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'maillage_soak') : undefined;
  const dataDir = scratch ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-soak-'));
  // As root, the embedded PostgreSQL runs as the `postgres` user, which must reach its folder.
  if (dataDir) fs.chmodSync(dataDir, 0o755);
  const server = startServer({
    NODE_ENV: 'production',
    PORT: String(port),
    ...(scratch ? { DATABASE_URL: scratch.url } : { DATABASE_URL: '', MAILLAGE_DATA_DIR: dataDir! }),
    SEED_DEMO: '1',
    METRICS_TOKEN: token,
    LOG_LEVEL: 'info',
    PUBLIC_URL: '',
    SMTP_URL: '',
  });
  let worker: Worker | undefined;
  let memoryTimer: NodeJS.Timeout | undefined;
  try {
    await waitUntilReady(url, server.child, server.output);
    const { emails, password } = demoAccounts(server.output());
    const members: SoakMember[] = [];
    for (const email of emails) {
      const login = await graphql<{ login: { id: string } }>(
        url,
        `
          mutation ($input: LoginInput!) {
            login(input: $input) {
              id
            }
          }
        `,
        { input: { email, password } },
      );
      members.push({ id: login.data.login.id, cookie: login.cookie, eventIds: [] });
    }
    const lists = await graphql<{
      questions: { edges: Array<{ node: { id: string } }> };
      events: { edges: Array<{ node: { id: string } }> };
    }>(
      url,
      `
        query {
          questions(first: 10) {
            edges {
              node {
                id
              }
            }
          }
          events(first: 30) {
            edges {
              node {
                id
              }
            }
          }
        }
      `,
    );
    const questionIds = lists.data.questions.edges.map((edge) => edge.node.id);
    const eventIds: string[] = [];
    for (const { node } of lists.data.events.edges) {
      const found = await graphql<{ event: { registrationState: string } }>(
        url,
        `
          query ($id: ID!) {
            event(id: $id) {
              registrationState
            }
          }
        `,
        {
          id: node.id,
        },
      );
      if (found.data.event.registrationState === 'OPEN') eventIds.push(node.id);
    }
    if (questionIds.length === 0 || eventIds.length === 0) throw new Error('the demo network has no question or no open event');
    for (const member of members) {
      const mine = await graphql<{ events: { edges: Array<{ node: { id: string; myStatus: string | null } }> } }>(
        url,
        `
          query {
            events(first: 30) {
              edges {
                node {
                  id
                  myStatus
                }
              }
            }
          }
        `,
        {},
        member.cookie,
      );
      const registered = new Set(mine.data.events.edges.filter((edge) => edge.node.myStatus).map((edge) => edge.node.id));
      member.eventIds = eventIds.filter((id) => !registered.has(id));
    }

    const options: SoakLoadOptions = {
      baseUrl: url,
      members,
      questionIds,
      eventIds,
      concurrency: CONCURRENCY,
      thinkMs: THINK_MS,
      visitorSockets: VISITOR_SOCKETS,
      subscriptions,
    };
    console.log(
      `Maillage soak — ${MINUTES} min, server PID ${server.child.pid} (${url}), ${members.length} signed-in members in ${CONCURRENCY} loops ` +
        `(think ${THINK_MS} ms), ${subscriptions ? `${members.length + VISITOR_SOCKETS} sockets with subscriptions` : 'NO subscriptions (schema has none)'}, ` +
        `${questionIds.length} questions, ${eventIds.length} open events, Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(2)}\n`,
    );
    console.log(HEADER);

    worker = new Worker(new URL('./soak-load.js', import.meta.url), { workerData: options });
    const load = worker;
    const ask = (message: 'sample' | 'stop') =>
      new Promise<LoadSample>((resolve, reject) => {
        const onMessage = (reply: { sample: LoadSample }) => {
          load.off('error', reject);
          resolve(reply.sample);
        };
        load.once('message', onMessage);
        load.once('error', reject);
        load.postMessage(message);
      });
    // Heap used goes up and down with each GC: read every 5 s, the lowest reading of a window is its live data.
    let readings: Memory[] = [];
    memoryTimer = setInterval(() => {
      readMemory(url, token).then(
        (memory) => readings.push(memory),
        () => undefined,
      );
    }, 5_000);
    const started = Date.now();
    const rows: Row[] = [];
    const all: Record<Kind, number[]> = { page: [], list: [], write: [] };
    const examples = new Set<string>();
    const end = started + MINUTES * 60_000;
    while (Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(SAMPLE_SECONDS * 1000, end - Date.now())));
      if (server.child.exitCode !== null) throw new Error(`the server exited during the soak (${server.child.exitCode})`);
      const sample = await ask(Date.now() >= end ? 'stop' : 'sample');
      const last = await readMemory(url, token);
      const heapFloorMb = Math.min(last.heapUsedMb, ...readings.map((reading) => reading.heapUsedMb));
      readings = [];
      const row = { at: Date.now() - started, sample, memory: { ...last, heapFloorMb } };
      rows.push(row);
      for (const kind of KINDS) all[kind].push(...sample.latencies[kind]);
      for (const example of sample.errorExamples) examples.add(example);
      console.log(line(row));
    }
    if (rows.length === 0 || Date.now() < end) return;

    // The whole run.
    console.log(`\n## ${MINUTES} min in ${rows.length} samples\n\n${HEADER}`);
    for (const row of rows) console.log(line(row));
    console.log(
      '\n| kind | requests | errors | error rate | p50 ms | p95 ms | p99 ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const kind of KINDS) {
      const sorted = all[kind].sort((a, b) => a - b);
      const errors = rows.reduce((sum, row) => sum + row.sample.kinds[kind].errors, 0);
      console.log(
        `| ${kind} | ${sorted.length} | ${errors} | ${pct(errors, sorted.length)} % | ${ms(percentile(sorted, 0.5))} | ${ms(percentile(sorted, 0.95))} | ${ms(percentile(sorted, 0.99))} |`,
      );
    }
    const events = rows.reduce((sum, row) => sum + row.sample.subscriptionEvents, 0);
    const subscriptionErrors = rows.reduce((sum, row) => sum + row.sample.subscriptionErrors, 0);
    console.log(`\nsubscription events received: ${events} (errors: ${subscriptionErrors})`);
    if (examples.size > 0) console.log(`errors seen (first ones):\n${[...examples].map((e) => `  - ${e}`).join('\n')}`);
    // After warm-up, the first and the last 90 s compared: RSS on average (it follows the V8 heap's size,
    // which grows and shrinks), the heap at its lowest (the data still alive after a GC).
    const afterWarmUp = rows.filter((row) => row.at >= WARM_UP_SECONDS * 1000);
    const span = Math.max(1, Math.round(90 / SAMPLE_SECONDS));
    if (afterWarmUp.length >= 2 * span) {
      const [head, tail] = [afterWarmUp.slice(0, span), afterWarmUp.slice(-span)];
      const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
      const change = (from: number, to: number) => `${to >= from ? '+' : ''}${((100 * (to - from)) / from).toFixed(1)} %`;
      const rss = [mean(head.map((row) => row.memory.rssMb)), mean(tail.map((row) => row.memory.rssMb))];
      const heap = [Math.min(...head.map((row) => row.memory.heapFloorMb)), Math.min(...tail.map((row) => row.memory.heapFloorMb))];
      console.log(
        `\nmemory after warm-up (${WARM_UP_SECONDS} s), first vs last ${span * SAMPLE_SECONDS} s: ` +
          `from ${rss[0].toFixed(1)} MB to ${rss[1].toFixed(1)} MB RSS (${change(rss[0], rss[1])}); ` +
          `heap used after GC from ${heap[0].toFixed(1)} MB to ${heap[1].toFixed(1)} MB (${change(heap[0], heap[1])})`,
      );
    }
  } finally {
    clearInterval(memoryTimer);
    await worker?.terminate();
    // The same stop as an operator's: SIGTERM, then the server says how it went.
    if (server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      const code = await server.exited;
      const clean = server.output().includes('stopped cleanly');
      console.log(`\nserver stopped: exit code ${code}${clean ? ', "stopped cleanly"' : ''}`);
    }
    const logLines = server.output().split('\n');
    const problems = new Map<string, number>();
    for (const text of logLines.filter((entry) => /"level":(40|50|60)/.test(entry))) {
      const message = /"msg":"([^"]*)"/.exec(text)?.[1] ?? text.slice(0, 120);
      problems.set(message, (problems.get(message) ?? 0) + 1);
    }
    const summary = [...problems].map(([message, count]) => `"${message}" ×${count}`).join(', ');
    console.log(`server log: ${logLines.length} lines; warnings and errors: ${summary || 'none'}`);
    await scratch?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
