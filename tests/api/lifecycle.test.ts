import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/src/config.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { GraphQLClient, type TestApp } from '../helpers/api.js';
import { members } from '../helpers/agenda.js';
import { createTestDatabase } from '../helpers/database.js';
import { startSmtpServer } from '../helpers/smtp.js';
import { initORM } from '../../server/src/db/orm.js';
import { freePort } from '../../server/src/shared/free-port.js';

/**
 * The built product (`node server/dist/main.js`, as `npm start` runs it) stopped the ways an operator
 * stops it: SIGTERM under load, SIGKILL then a new start on the embedded database.
 */
const MAIN = path.join(projectRoot, 'server/dist/main.js');

interface Running {
  child: ChildProcess;
  /** Everything the process wrote (its JSON log lines). */
  output: () => string;
  exited: Promise<number | null>;
}

function startMain(env: Record<string, string | undefined>, options: { detached?: boolean } = {}): Running {
  if (!fs.existsSync(MAIN)) throw new Error('server/dist/main.js is missing: run `npm run build -w server` (npm test does it)');
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    SEED_DEMO: '0',
    LOG_LEVEL: 'info',
    ...env,
  };
  for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
  const child = spawn(process.execPath, [MAIN], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: options.detached });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function waitUntilHealthy(running: Running, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) throw new Error(`the server exited (${running.child.exitCode}):\n${running.output()}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`the server did not answer /healthz within ${timeoutMs / 1000} s:\n${running.output()}`);
}

const started: Running[] = [];
afterAll(() => {
  for (const running of started) if (running.child.exitCode === null) running.child.kill('SIGKILL');
});

describe('SIGTERM while requests are under way', () => {
  it('answers every request, keeps every answered write, logs "stopped cleanly" and exits with 0', { timeout: 120_000 }, async () => {
    const database = await createTestDatabase();
    try {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      // A pool as large as the load, so every request reaches the database before the signal.
      const running = startMain({ DATABASE_URL: database.url, PORT: String(port), DB_POOL_MAX: '60', SHUTDOWN_GRACE_MS: '20000' });
      started.push(running);
      await waitUntilHealthy(running, url, 60_000);
      const app = { orm: database.orm, client: () => new GraphQLClient(url) } as unknown as TestApp;
      const people = await members(app, 50, 'Arrêt');

      // The test holds the 50 rows, so the 50 profile updates are all under way when SIGTERM arrives.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = database.orm.em.fork().transactional(async (tx) => {
        await tx.execute(
          `select id from app_user where id in (${people.map(() => '?').join(',')}) for update`,
          people.map((p) => p.id),
        );
        locked();
        await held;
      });
      await isLocked;
      const answers = people.map((person, i) =>
        person.client
          .request(`mutation ($commune: String) { updateProfile(input: { commune: $commune }) { id commune } }`, {
            commune: `Commune ${i}`,
          })
          .then(
            (response) => ({ ok: true as const, response }),
            (error: unknown) => ({ ok: false as const, error: String((error as Error).cause ?? error) }),
          ),
      );
      const waiting = async () =>
        (
          await database.orm.em
            .fork()
            .execute<Array<{ n: number }>>(
              `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
            )
        )[0].n;
      const deadline = Date.now() + 30_000;
      while ((await waiting()) < 50 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await waiting()).toBe(50);

      running.child.kill('SIGTERM');
      // The server stops listening at once, but lets the requests under way finish.
      for (let i = 0; i < 50 && running.output().indexOf('"stopping') < 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(running.output()).toContain('stopping');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(running.child.exitCode).toBeNull();
      release();
      await holder;

      const results = await Promise.all(answers);
      const failures = results.filter((r) => !r.ok);
      expect(failures).toEqual([]);
      const answered = results.flatMap((r) => (r.ok ? [r.response] : []));
      expect(answered.map((r) => r.status)).toEqual(Array.from({ length: 50 }, () => 200));
      expect(answered.every((r) => !r.errors)).toBe(true);

      expect(await running.exited).toBe(0);
      expect(running.output()).toContain('stopped cleanly');
      const saved = await database.orm.em.fork().find(User, { id: people.map((p) => p.id) });
      expect(saved.map((u) => u.commune).sort()).toEqual(people.map((_, i) => `Commune ${i}`).sort());
    } finally {
      await database.drop();
    }
  });
});

describe('a new build written in place while the product runs', () => {
  it('gives up the answer of a web file gone since the start, logs it, and goes on serving', { timeout: 120_000 }, async () => {
    // The static handler listed this file (and its brotli copy) at start; a new build removes it before the restart.
    const assets = path.join(projectRoot, 'web/build/client/_app/immutable/assets');
    const name = `vanishing-${process.pid}-${Date.now()}.css`;
    fs.writeFileSync(path.join(assets, name), 'body { color: black; }'.repeat(100));
    fs.writeFileSync(path.join(assets, `${name}.br`), 'not really brotli, never read');
    const database = await createTestDatabase();
    try {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const running = startMain({ DATABASE_URL: database.url, PORT: String(port) });
      started.push(running);
      await waitUntilHealthy(running, url, 60_000);
      fs.rmSync(path.join(assets, `${name}.br`));
      fs.rmSync(path.join(assets, name));

      const answer = await fetch(`${url}/_app/immutable/assets/${name}`, { headers: { 'accept-encoding': 'br' } }).then(
        (response) => response.text(),
        (error: unknown) => error,
      );
      expect(answer, 'the vanished file is not served').toBeInstanceOf(Error);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(running.child.exitCode, running.output()).toBeNull();
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await fetch(`${url}/aide`)).status).toBe(200);
      expect(running.output()).toContain('a file listed at start could not be read');
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
    } finally {
      fs.rmSync(path.join(assets, name), { force: true });
      fs.rmSync(path.join(assets, `${name}.br`), { force: true });
      await database.drop();
    }
  });
});

/** PIDs of the PostgreSQL processes working on `databaseDir` (from /proc). */
function postgresOf(databaseDir: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return /postgres$/.test(command[0]) && command.includes(databaseDir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('the embedded database after a crash', () => {
  let dataDir = '';
  let databaseDir = '';
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-lifecycle-'));
    // As root, PostgreSQL runs as the `postgres` user, which must reach its folder.
    fs.chmodSync(dataDir, 0o755);
    databaseDir = path.join(dataDir, 'pg');
  });
  afterAll(() => {
    for (const pid of postgresOf(databaseDir)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'starts again after SIGKILL (stopping the orphaned PostgreSQL), refuses a second Maillage on the same folder, and stops leaving no PostgreSQL',
    { timeout: 300_000 },
    async () => {
      const embeddedEnv = (port: number) => ({ DATABASE_URL: undefined, MAILLAGE_DATA_DIR: dataDir, PORT: String(port) });
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const first = startMain(embeddedEnv(port));
      started.push(first);
      await waitUntilHealthy(first, url, 180_000);

      first.child.kill('SIGKILL');
      await first.exited;
      const orphan = Number(fs.readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      expect(alive(orphan)).toBe(true);

      const restartedAt = Date.now();
      const second = startMain(embeddedEnv(port));
      started.push(second);
      await waitUntilHealthy(second, url, 120_000);
      console.info(`restart after SIGKILL: ${((Date.now() - restartedAt) / 1000).toFixed(1)} s`);
      expect(alive(orphan)).toBe(false);
      expect(second.output()).toContain('left running by a Maillage that is gone');
      expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok' });

      const intruder = startMain(embeddedEnv(await freePort()));
      started.push(intruder);
      expect(await intruder.exited).toBe(1);
      expect(intruder.output()).toContain(`another Maillage (PID ${second.child.pid}) is running on the data folder ${dataDir}`);
      // The refused start left the running one alone.
      expect((await fetch(`${url}/healthz`)).ok).toBe(true);

      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(second.output()).toContain('stopped cleanly');
      expect(postgresOf(databaseDir)).toEqual([]);
      expect(fs.existsSync(path.join(dataDir, 'maillage.pid'))).toBe(false);
    },
  );
});

describe('SIGTERM while an e-mail is being sent', () => {
  it('lets the e-mail under way finish: delivered once, marked sent, "stopped cleanly", exit 0', { timeout: 120_000 }, async () => {
    const database = await createTestDatabase();
    // A slow SMTP server: the e-mail is still being sent when SIGTERM arrives.
    const smtp = await startSmtpServer({ delayMs: 5_000 });
    try {
      const em = database.orm.em.fork();
      const [{ id }] = await em.execute<Array<{ id: string }>>(
        `insert into email_outbox (id, to_address, kind, subject, payload)
         values (gen_random_uuid(), 'lent@exemple.fr', 'test', 'Envoyé pendant l''arrêt', ?::jsonb) returning id`,
        [
          JSON.stringify({
            name: 'Lou',
            lang: 'fr',
            digest: false,
            items: [{ message: 'Un message', link: null, at: new Date().toISOString() }],
          }),
        ],
      );
      const status = async () =>
        (await em.fork().execute<Array<{ status: string }>>(`select status from email_outbox where id = ?`, [id]))[0].status;
      const port = await freePort();
      const running = startMain({ DATABASE_URL: database.url, PORT: String(port), SMTP_URL: smtp.url, SHUTDOWN_GRACE_MS: '20000' });
      started.push(running);
      await waitUntilHealthy(running, `http://127.0.0.1:${port}`, 60_000);
      // The worker runs at start: wait until it has claimed the e-mail, then give the SMTP server the message.
      const deadline = Date.now() + 30_000;
      while ((await status()) !== 'sending' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await status()).toBe('sending');
      await new Promise((resolve) => setTimeout(resolve, 300));

      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
      expect(running.output()).toContain('stopped cleanly');
      expect(smtp.messages.map((message) => message.subject)).toEqual(["Envoyé pendant l'arrêt"]);
      expect(await status()).toBe('sent');
    } finally {
      await smtp.close();
      await database.drop();
    }
  });
});

describe('Ctrl-C in a terminal (SIGINT to the whole process group) on the embedded database', () => {
  let dataDir = '';
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-ctrl-c-'));
    fs.chmodSync(dataDir, 0o755);
  });
  afterAll(() => {
    for (const pid of postgresOf(path.join(dataDir, 'pg'))) process.kill(pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'answers every write under way, logs "stopped cleanly" and exits with 0: PostgreSQL stops only when Maillage stops it',
    { timeout: 300_000 },
    async () => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      // A process group of its own, as the shell gives a foreground command: `kill -INT -<pgid>` is Ctrl-C.
      const running = startMain(
        { DATABASE_URL: undefined, MAILLAGE_DATA_DIR: dataDir, PORT: String(port), DB_POOL_MAX: '30', SHUTDOWN_GRACE_MS: '20000' },
        { detached: true },
      );
      started.push(running);
      await waitUntilHealthy(running, url, 180_000);
      const databasePort = /"port":(\d+),"databaseDir"/.exec(running.output())?.[1];
      expect(databasePort).toBeDefined();
      const orm = await initORM(`postgres://maillage:maillage-local@127.0.0.1:${databasePort}/maillage`, { pool: { min: 0, max: 2 } });
      // Released in `finally` too: the ORM cannot close while the lock holder's transaction is open.
      let release = () => {};
      try {
        const app = { orm, client: () => new GraphQLClient(url) } as unknown as TestApp;
        const people = await members(app, 20, 'Interruption');
        const held = new Promise<void>((resolve) => (release = resolve));
        let locked!: () => void;
        const isLocked = new Promise<void>((resolve) => (locked = resolve));
        const holder = orm.em.fork().transactional(async (tx) => {
          await tx.execute(
            `select id from app_user where id in (${people.map(() => '?').join(',')}) for update`,
            people.map((p) => p.id),
          );
          locked();
          await held;
        });
        await isLocked;
        const answers = people.map((person, i) =>
          person.client
            .request(`mutation ($commune: String) { updateProfile(input: { commune: $commune }) { id commune } }`, {
              commune: `Commune ${i}`,
            })
            .then(
              (response) => ({ ok: true as const, response }),
              (error: unknown) => ({ ok: false as const, error: String((error as Error).cause ?? error) }),
            ),
        );
        const waiting = async () =>
          (
            await orm.em
              .fork()
              .execute<Array<{ n: number }>>(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'`)
          )[0].n;
        const deadline = Date.now() + 30_000;
        while ((await waiting()) < 20 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(await waiting()).toBe(20);

        process.kill(-running.child.pid!, 'SIGINT');
        for (let i = 0; i < 50 && running.output().indexOf('"stopping') < 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(running.output()).toContain('stopping');
        await new Promise((resolve) => setTimeout(resolve, 500));
        // PostgreSQL did not take the Ctrl-C: still serving this connection, and Maillage waits for its requests.
        expect(await waiting()).toBe(20);
        expect(running.child.exitCode).toBeNull();
        release();
        await holder;

        const results = await Promise.all(answers);
        expect(results.filter((r) => !r.ok)).toEqual([]);
        const answered = results.flatMap((r) => (r.ok ? [r.response] : []));
        expect(answered.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 200));
        expect(answered.filter((r) => r.errors)).toEqual([]);
        // Each write answered with what it saved (PostgreSQL, stopped right after by Maillage, cannot be read again here).
        expect(answered.map((r) => (r.data as { updateProfile: { commune: string } }).updateProfile.commune).sort()).toEqual(
          people.map((_, i) => `Commune ${i}`).sort(),
        );
      } finally {
        release();
        await orm.close(true);
      }
      expect(await running.exited).toBe(0);
      expect(running.output()).toContain('stopped cleanly');
      expect(postgresOf(path.join(dataDir, 'pg'))).toEqual([]);
    },
  );
});
