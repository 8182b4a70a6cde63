import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from '../config.js';
import { initORM, migrate } from '../db/orm.js';
import { SESSION_COOKIE } from '../http/session-cookie.js';
import { openSession } from '../modules/comptes/comptes.service.js';
import { User } from '../modules/comptes/user.entity.js';
import { generateScaleData } from './scale-data.js';

/**
 * A scratch database made ready for a benchmark: migrated, `rows` rows per table generated in SQL
 * (scale-data.ts), and one confirmed member signed in; returns the session cookie to send as them.
 */
export async function fillWithSignedInMember(databaseUrl: string, rows: number): Promise<{ cookie: string }> {
  const orm = await initORM(databaseUrl);
  try {
    await migrate(orm);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await generateScaleData(client, rows, () => undefined).finally(() => client.end());
    const em = orm.em.fork();
    const member = em.create(User, {
      email: 'banc@exemple.fr',
      displayName: 'Banc d’essai',
      passwordHash: null,
      emailVerifiedAt: new Date(),
    });
    await em.flush();
    return { cookie: `${SESSION_COOKIE}=${(await openSession(em, member, { ip: '127.0.0.1' })).token}` };
  } finally {
    await orm.close();
  }
}

/**
 * The real built server (`server/dist/main.js`, web + API on one port, production, no demo) over `databaseUrl`
 * on `port`, once it answers /healthz and its worker has compiled every place's opening hours (its statements
 * would otherwise share the measure). `env` adds or overrides variables (DB_POOL_MAX, MAILLAGE_SQL_CAPTURE…).
 */
export async function startBuiltServer(databaseUrl: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const server = spawn(process.execPath, [path.join(projectRoot, 'server/dist/main.js')], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NODE_ENV: 'production',
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const healthy = () =>
    fetch(`http://127.0.0.1:${port}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
  for (let i = 0; !(await healthy()); i++) {
    if (i > 1200 || server.exitCode !== null) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const watcher = new pg.Client({ connectionString: databaseUrl });
  await watcher.connect();
  try {
    for (let i = 0; i < 600; i++) {
      const { rows } = await watcher.query(`select count(*)::int as n from place_opening where valid_until < now() + interval '1 day'`);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await watcher.end();
  }
  return server;
}

/** Stops a server started above and waits for it to exit. */
export async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}
