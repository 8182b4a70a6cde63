import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { projectRoot, readConfig } from '../../server/src/config.js';
import { initORM } from '../../server/src/db/orm.js';
import { createScratchDatabase } from '../../server/src/db/scratch.js';
import { DEMO_PASSWORD } from '../../server/src/seed/accounts.seed.js';
import { seedDemoIfEmpty } from '../../server/src/seed/demo.js';
import { GraphQLClient, startTestApp } from '../helpers/api.js';
import { createTestDatabase } from '../helpers/database.js';
import { member, transfer } from '../helpers/timebank.js';
import { freePort } from '../../server/src/shared/free-port.js';

/**
 * Backups as an association runs them: `npm run cli -- backup <file>` and `restore <file>` (the
 * built CLI, as a person types them), on the demo network, on a site that is serving, on the
 * embedded database; and pg_dump/pg_restore, for those who use PostgreSQL's own tools.
 */
const CLI = path.join(projectRoot, 'server/dist/cli.js');
const GEOGRAPHIC_INDEXES = ['organization_point_index', 'project_location_index'];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node server/dist/cli.js <args>`; `database` is DATABASE_URL, or a data folder for the embedded PostgreSQL. */
function cli(args: string[], database: { url: string } | { dataDir: string }): Promise<Run> {
  if (!fs.existsSync(CLI)) throw new Error('server/dist/cli.js is missing: run `npm run build -w server` (npm test does it)');
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: undefined };
  if ('url' in database) env.DATABASE_URL = database.url;
  else env.MAILLAGE_DATA_DIR = database.dataDir;
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Exact row counts of every table of the `public` schema. */
function rowCounts(url: string): Promise<Record<string, number>> {
  return withClient(url, async (client) => {
    const tables = await client.query<{ name: string }>(
      `select relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' order by relname`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      counts[name] = (await client.query<{ n: number }>(`select count(*)::int as n from public."${name}"`)).rows[0].n;
    }
    return counts;
  });
}

/** The time bank's ledger as docs/banque-de-temps.md promises it: what is wrong, empty when all holds. */
function ledgerFaults(url: string): Promise<{ total: number; drift: unknown[]; unbalanced: unknown[]; transfers: number }> {
  return withClient(url, async (client) => {
    const total = (await client.query<{ total: number }>(`select coalesce(sum(balance), 0)::int as total from timebank_account`)).rows[0]
      .total;
    const drift = await client.query(`select a.id from timebank_account a left join timebank_entry e on e.account_id = a.id
      group by a.id having a.balance <> coalesce(sum(e.amount), 0)`);
    const unbalanced = await client.query(`select t.id from timebank_transfer t left join timebank_entry e on e.transfer_id = t.id
      group by t.id having count(e.id) <> 2 or coalesce(sum(e.amount), 0) <> 0`);
    const transfers = (await client.query<{ n: number }>(`select count(*)::int as n from timebank_transfer`)).rows[0].n;
    return { total, drift: drift.rows, unbalanced: unbalanced.rows, transfers };
  });
}

function geographicIndexes(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `select indexname as name from pg_indexes where schemaname = 'public' and indexname = any($1::text[]) order by 1`,
      [GEOGRAPHIC_INDEXES],
    );
    return rows.map((row) => row.name);
  });
}

/** Signs in over GraphQL, on the real app served over the database at `url`. */
async function signIn(url: string, email: string, password: string): Promise<{ email: string } | undefined> {
  const orm = await initORM(url);
  const { app, stop } = await createApp({ orm, config: readConfig({ ...process.env, NODE_ENV: 'test' }) });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  try {
    const client = new GraphQLClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const login = await client.request(`mutation ($input: LoginInput!) { login(input: $input) { email } }`, { input: { email, password } });
    if (login.errors?.length) return undefined;
    const me = await client.data(`{ me { email } }`);
    return me.me ?? undefined;
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await stop();
    await orm.close(true);
  }
}

function serverUrl(): string {
  const url = process.env.MAILLAGE_TEST_SERVER_URL;
  if (!url) throw new Error('tests/setup/global-setup.ts did not run');
  return url;
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-backup-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('backup and restore of the demo network through the CLI', () => {
  let source: Awaited<ReturnType<typeof createTestDatabase>>;
  let demoEmail = '';

  beforeAll(async () => {
    source = await createTestDatabase();
    const world = await seedDemoIfEmpty(source.orm);
    demoEmail = Object.values(world!.people)[0].email;
  }, 120_000);
  afterAll(() => source?.drop());

  it('restores the same rows, a balanced ledger and accounts one can sign in to; refuses a database that is not empty', async () => {
    const file = path.join(folder, 'demo.maillage.gz');
    const backup = await cli(['backup', file], { url: source.url });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^Sauvegarde écrite dans .*demo\.maillage\.gz en [\d,]+ s : \d+ tables, [\d\s\u202f]+ lignes/);
    // It holds personal data and password hashes: readable by its owner only.
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const target = await createScratchDatabase(serverUrl(), 'maillage_restored');
    try {
      const restore = await cli(['restore', file], { url: target.url });
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      expect(restore.stdout).toMatch(
        /Restauration terminée en [\d,]+ s : \d+ tables, [\d\s\u202f]+ lignes ; 0 migration plus récente appliquée\./,
      );

      const before = await rowCounts(source.url);
      expect(before.timebank_transfer).toBeGreaterThan(0);
      expect(before.organization).toBeGreaterThan(100);
      expect(await rowCounts(target.url)).toEqual(before);
      const ledger = await ledgerFaults(target.url);
      expect(ledger).toEqual({ total: 0, drift: [], unbalanced: [], transfers: before.timebank_transfer });
      expect(await geographicIndexes(target.url)).toEqual(GEOGRAPHIC_INDEXES);
      expect(await signIn(target.url, demoEmail, DEMO_PASSWORD)).toEqual({ email: demoEmail });

      // A second restore on top would mix two sites: refused, nothing touched, unless --force.
      const signedIn = await rowCounts(target.url);
      const again = await cli(['restore', file], { url: target.url });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('La base cible n’est pas vide');
      expect(again.stderr).toContain('--force');
      expect(await rowCounts(target.url)).toEqual(signedIn);
      const forced = await cli(['restore', file, '--force'], { url: target.url });
      expect(forced.code).toBe(0);
      expect(forced.stdout).toMatch(/Effacé avant la restauration \(--force\) : \d+ tables/);
      expect(await rowCounts(target.url)).toEqual(before);
    } finally {
      await target.drop();
    }
  });

  it('refuses a file that is not a backup, a backup cut short and a backup from a newer Maillage, before touching the database', async () => {
    const target = await createScratchDatabase(serverUrl(), 'maillage_restored');
    try {
      const notBackup = path.join(folder, 'notes.txt');
      fs.writeFileSync(notBackup, 'des notes\n');
      const refused = await cli(['restore', notBackup], { url: target.url });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('n’est pas une sauvegarde Maillage');

      // A backup whose migrations this version does not have.
      const file = path.join(folder, 'demo.maillage.gz');
      if (!fs.existsSync(file)) expect((await cli(['backup', file], { url: source.url })).code).toBe(0);
      const original = execFileSync('gzip', ['-dc', file]).toString().split('\n');
      const lines = [...original];
      const manifest = JSON.parse(lines[1]);
      manifest.migrations.push('Migration20991231235959_from_the_future');
      lines[1] = JSON.stringify(manifest);
      const future = path.join(folder, 'future.maillage.gz');
      fs.writeFileSync(future, execFileSync('gzip', ['-c'], { input: lines.join('\n') }));
      const newer = await cli(['restore', future], { url: target.url });
      expect(newer.code).toBe(1);
      expect(newer.stderr).toContain('Migration20991231235959_from_the_future');
      expect(newer.stderr).toContain('plus récente');
      expect(await rowCounts(target.url)).toEqual({});

      // A copy that stopped half-way.
      const cut = path.join(folder, 'cut.maillage.gz');
      fs.writeFileSync(cut, execFileSync('gzip', ['-c'], { input: original.slice(0, Math.floor(original.length / 2)).join('\n') }));
      const damaged = await cli(['restore', cut], { url: target.url });
      expect(damaged.code).toBe(1);
      expect(damaged.stderr).toContain('n’est pas une sauvegarde Maillage (ou elle est abîmée)');
      expect(await rowCounts(target.url)).toEqual({});
    } finally {
      await target.drop();
    }
  });
});

describe('a backup while the site is serving', () => {
  it('is one consistent instant: transfers under way are in it whole or not at all', async () => {
    const app = await startTestApp();
    try {
      const people = [await member(app, 'Alix'), await member(app, 'Bao'), await member(app, 'Cyrielle'), await member(app, 'Dana')];
      const appUrl = String(app.orm.config.get('clientUrl'));
      let done = 0;
      let stop = false;
      // Four members keep sending each other minutes (bounded: 400 transfers or 60 s at most).
      const deadline = Date.now() + 60_000;
      const senders = people.map(async (from, index) => {
        while (!stop && done < 400 && Date.now() < deadline) {
          const result = await transfer(from, people[(index + 1) % people.length], 1);
          expect(result.errors).toBeUndefined();
          done += 1;
        }
      });
      while (done < 20) await new Promise((resolve) => setTimeout(resolve, 20));
      const file = path.join(folder, 'serving.maillage.gz');
      const before = done;
      const backup = await cli(['backup', file], { url: appUrl });
      const after = done;
      stop = true;
      await Promise.all(senders);
      expect(backup.code).toBe(0);
      expect(after).toBeGreaterThan(before);

      const target = await createScratchDatabase(serverUrl(), 'maillage_restored');
      try {
        expect((await cli(['restore', file], { url: target.url })).code).toBe(0);
        const ledger = await ledgerFaults(target.url);
        expect(ledger).toMatchObject({ total: 0, drift: [], unbalanced: [] });
        expect(ledger.transfers).toBeGreaterThanOrEqual(before);
        expect(ledger.transfers).toBeLessThanOrEqual(after);
      } finally {
        await target.drop();
      }
    } finally {
      await app.close();
    }
  });
});

describe('the embedded database', () => {
  const running = path.join(folder, 'running');
  const restored = path.join(folder, 'restored');
  let site: ReturnType<typeof spawn> | undefined;

  beforeAll(() => {
    // As root, the embedded PostgreSQL runs as the `postgres` user, which must reach these folders.
    fs.chmodSync(folder, 0o755);
    for (const dir of [running, restored]) fs.mkdirSync(dir, { mode: 0o755 });
  });
  afterAll(() => {
    if (site?.exitCode === null) site.kill('SIGKILL');
  });

  it('is backed up while its Maillage runs (its port changes at each start), and restored into an empty folder', async () => {
    // `npm start` on an empty folder: the embedded PostgreSQL, the migrations, the demo network.
    const port = await freePort();
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      PORT: String(port),
      MAILLAGE_DATA_DIR: running,
    };
    delete env.DATABASE_URL;
    delete env.SEED_DEMO;
    site = spawn(process.execPath, [path.join(projectRoot, 'server/dist/main.js')], { env, stdio: 'ignore' });
    const deadline = Date.now() + 120_000;
    while (
      !(await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (site.exitCode !== null || Date.now() > deadline) throw new Error(`the site did not start (exit code ${site.exitCode})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const file = path.join(folder, 'embedded.maillage.gz');
    const backup = await cli(['backup', file], { dataDir: running });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    // Still serving: the backup used the site's database, it did not start one of its own.
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    const exited = new Promise((resolve) => site!.once('exit', resolve));
    site.kill('SIGTERM');
    await exited;

    const restore = await cli(['restore', file], { dataDir: restored });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    // What the restored folder holds, read by a backup of it (the site stopped: the CLI starts it).
    const check = await cli(['backup', path.join(folder, 'check.maillage.gz')], { dataDir: restored });
    expect(check.code).toBe(0);
    const contents = (run: Run) => /: (\d+ tables, [\d\s\u202f]+ lignes)/.exec(run.stdout)?.[1];
    expect(contents(backup)).toMatch(/^\d+ tables, [\d\s\u202f]{3,} lignes$/);
    expect(contents(check)).toBe(contents(backup));
  }, 240_000);
});

/** The major version of Debian's pg_dump, or undefined when PostgreSQL's tools are not installed. */
function pgDumpMajor(): number | undefined {
  try {
    const version = execFileSync('pg_dump', ['--version']).toString();
    return Number(/(\d+)(?:\.\d+)?/.exec(version)?.[1]);
  } catch {
    return undefined;
  }
}

const LOCAL_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';
const toolsMajor = pgDumpMajor();

describe("PostgreSQL's own tools", () => {
  /** A server pg_dump can dump: the tests' one when it is not newer, else the machine's own. */
  async function dumpableServer(): Promise<string> {
    const majorOf = (url: string) =>
      withClient(url, async (client) =>
        Math.floor(Number((await client.query(`show server_version_num`)).rows[0].server_version_num) / 10000),
      );
    if ((await majorOf(serverUrl())) <= toolsMajor!) return serverUrl();
    const local = await majorOf(LOCAL_SERVER).catch((error: Error) => {
      throw new Error(
        `pg_dump ${toolsMajor} cannot dump the tests' PostgreSQL (newer), and no PostgreSQL answers at ${LOCAL_SERVER}: ${error.message}`,
      );
    });
    if (local > toolsMajor!)
      throw new Error(`pg_dump ${toolsMajor} is older than both the tests' PostgreSQL and the one at ${LOCAL_SERVER}`);
    return LOCAL_SERVER;
  }

  it.skipIf(toolsMajor === undefined)(
    'pg_dump then pg_restore of a migrated demo database: no error, the geographic indexes are back (skipped only when pg_dump is not installed)',
    async () => {
      const server = await dumpableServer();
      const source = await createScratchDatabase(server, 'maillage_dumped');
      const target = await createScratchDatabase(server, 'maillage_pg_restored');
      try {
        const orm = await initORM(source.url);
        await orm.getMigrator().up();
        await seedDemoIfEmpty(orm);
        await orm.close(true);
        const file = path.join(folder, 'demo.dump');
        execFileSync('pg_dump', ['-Fc', '-f', file, '-d', source.url]);
        let errors = '';
        try {
          execFileSync('pg_restore', ['-d', target.url, file], { stdio: ['ignore', 'pipe', 'pipe'] });
        } catch (error) {
          errors = String((error as { stderr?: Buffer }).stderr ?? error);
        }
        expect(errors).toBe('');
        expect(await geographicIndexes(target.url)).toEqual(GEOGRAPHIC_INDEXES);
        expect(await rowCounts(target.url)).toEqual(await rowCounts(source.url));
      } finally {
        await source.drop();
        await target.drop();
      }
    },
    180_000,
  );
});
