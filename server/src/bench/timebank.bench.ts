import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { initORM, migrate } from '../db/orm.js';
import { sql, type Sql } from '../db/sql.js';
import { createScratchDatabase } from '../db/scratch.js';
import { SESSION_COOKIE } from '../http/session-cookie.js';
import { openSession } from '../modules/comptes/comptes.service.js';
import { User } from '../modules/comptes/user.entity.js';
import { freePort } from '../shared/free-port.js';
import { startBuiltServer, stopServer } from './built-server.js';

const MEMBERS = 20;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const REPEATS = Math.max(3, Number(process.env.BENCH_REPEATS ?? 3));
const TARGET = 0.5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const TRANSFER = `mutation ($input: TransferTimeInput!) { transferTime(input: $input) { transferId replayed } }`;

/** Runs `operation` from `CONCURRENCY` workers for `SECONDS`; returns completed operations per second. */
async function measure(operation: (worker: number) => Promise<boolean>): Promise<{ perSecond: number; ok: number; refused: number }> {
  const deadline = Date.now() + SECONDS * 1000;
  let ok = 0;
  let refused = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (Date.now() < deadline) {
        if (await operation(worker)) ok++;
        else refused++;
      }
    }),
  );
  return { perSecond: (ok + refused) / ((Date.now() - started) / 1000), ok, refused };
}

const pick = () => {
  const from = Math.floor(Math.random() * MEMBERS);
  const to = (from + 1 + Math.floor(Math.random() * (MEMBERS - 1))) % MEMBERS;
  return { from, to, minutes: 1 + Math.floor(Math.random() * 30) };
};

/**
 * Transfers per second through the whole stack (the built server in its own process: HTTP, Apollo,
 * type-graphql, session, service, notification, the posting function) against the floor: the same posting transaction sent by
 * plain `pg` from as many connections. Invariants are checked at the end of the run.
 */
export async function benchTimebank(serverUrl: string): Promise<Record<string, unknown>> {
  const scratch = await createScratchDatabase(serverUrl, 'maillage_bench');
  const orm = await initORM(scratch.url, { pool: { min: 0, max: CONCURRENCY } });
  const floorPool = new pg.Pool({ connectionString: scratch.url, max: CONCURRENCY });
  // Dropping the scratch database ends the connections still closing: not an error of the measure.
  floorPool.on('error', () => undefined);
  let product: ChildProcess | undefined;
  try {
    await migrate(orm);
    const em = orm.em.fork();
    const users = Array.from({ length: MEMBERS }, (_, i) =>
      em.create(User, { email: `bench${i}@exemple.fr`, displayName: `Membre ${i}`, passwordHash: null, emailVerifiedAt: new Date() }),
    );
    await em.flush();
    const cookies: string[] = [];
    for (const user of users) cookies.push(`${SESSION_COOKIE}=${(await openSession(em, user, { ip: '127.0.0.1' })).token}`);

    // The product runs in its own process, as in production: the load generator does not eat its CPU.
    const port = await freePort();
    product = await startBuiltServer(scratch.url, port, { LOG_LEVEL: 'silent', DB_POOL_MAX: String(CONCURRENCY) });
    const url = `http://127.0.0.1:${port}/graphql`;

    // Warm up both paths (JIT, connection pools, plans).
    const viaApi = async () => {
      const t = pick();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookies[t.from] },
        body: JSON.stringify({
          query: TRANSFER,
          variables: { input: { toUserId: users[t.to].id, minutes: t.minutes, memo: 'Banc d’essai', idempotencyKey: randomUUID() } },
        }),
      });
      const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      if (body.errors && body.errors[0].extensions?.code !== 'BAD_USER_INPUT') throw new Error(JSON.stringify(body.errors));
      return !body.errors;
    };
    const viaPg = async () => {
      const t = pick();
      const client = await floorPool.connect();
      try {
        await client.query('begin');
        const from = users[t.from].id;
        const { text, values } =
          sql`select * from timebank_post_transfer('direct', ${from}, ${users[t.to].id}, ${t.minutes}, ${'Banc d’essai'}, ${randomUUID()}, ${from}, null)`.toPg();
        await client.query(text, values);
        await client.query('commit');
        return true;
      } catch (error) {
        await client.query('rollback');
        if ((error as { code?: string }).code === 'TB001') return false;
        throw error;
      } finally {
        client.release();
      }
    };
    for (let i = 0; i < 200; i++) await viaApi();
    for (let i = 0; i < 200; i++) await viaPg();

    // Interleaved and repeated, the side that starts alternating: a quiet or busy moment of the machine
    // falls on both sides alike.
    const floorRuns: Awaited<ReturnType<typeof measure>>[] = [];
    const apiRuns: Awaited<ReturnType<typeof measure>>[] = [];
    for (let round = 0; round < REPEATS; round++) {
      if (round % 2 === 0) {
        floorRuns.push(await measure(viaPg));
        apiRuns.push(await measure(viaApi));
      } else {
        apiRuns.push(await measure(viaApi));
        floorRuns.push(await measure(viaPg));
      }
    }
    await stopServer(product);

    const check = async (statement: Sql) => {
      const { text, values } = statement.toPg();
      return (await floorPool.query(text, values)).rows;
    };
    const [{ sum }] = await check(sql`select coalesce(sum(balance), 0)::int as sum from timebank_account`);
    const drift = await check(
      sql`select a.id from timebank_account a left join timebank_entry e on e.account_id = a.id group by a.id having a.balance <> coalesce(sum(e.amount), 0)`,
    );
    const unbalanced = await check(
      sql`select t.id from timebank_transfer t left join timebank_entry e on e.transfer_id = t.id group by t.id having count(e.id) <> 2 or coalesce(sum(e.amount), 0) <> 0`,
    );
    const limits = await check(
      sql`select a.id from timebank_account a, timebank_settings s where (a.kind = 'member' and (a.balance < s.floor_minutes or a.balance > s.ceiling_minutes)) or (a.kind = 'pool' and a.balance < 0)`,
    );
    const violations = (sum !== 0 ? 1 : 0) + drift.length + unbalanced.length + limits.length;

    const rates = (runs: typeof floorRuns) => runs.map((run) => run.perSecond);
    const range = (runs: typeof floorRuns) => `${Math.round(Math.min(...rates(runs)))}–${Math.round(median(rates(runs)))}`;
    const ratio = median(rates(apiRuns)) / median(rates(floorRuns));
    return {
      concurrency: CONCURRENCY,
      'seconds × rounds': `${SECONDS} × ${REPEATS}`,
      'plain pg (begin; posting function; commit), transfers/s (min–median)': range(floorRuns),
      'GraphQL transferTime over HTTP, transfers/s (min–median)': range(apiRuns),
      [`ratio of medians (target ≥ ${TARGET})`]: `${ratio.toFixed(2)}${ratio >= TARGET ? '' : ' NO'}`,
      'refused at the floor (api, pg)': [
        apiRuns.reduce((sum, run) => sum + run.refused, 0),
        floorRuns.reduce((sum, run) => sum + run.refused, 0),
      ],
      'invariant violations': violations,
    };
  } finally {
    await stopServer(product);
    await floorPool.end();
    await orm.close(true);
    await scratch.drop();
  }
}
