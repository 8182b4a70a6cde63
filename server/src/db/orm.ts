import path from 'node:path';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { projectRoot } from '../config.js';
import { entities } from '../sections.js';

export type ORM = MikroORM;

/** MikroORM options shared by the app, the scripts and the tests. */
export function ormOptions(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return {
    clientUrl,
    entities,
    extensions: [Migrator],
    // The global EntityManager must never serve a request: each request forks its own.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: false,
    pool: { min: 0, max: Number(process.env.DB_POOL_MAX ?? 10) },
    migrations: {
      path: path.join(projectRoot, 'migrations'),
      // Migrations are committed as plain JS so the compiled server and the tests load them alike.
      emit: 'js',
      // The migrations are checked against a real database (see tests/api/migrations.test.ts),
      // so no snapshot file is kept: two branches never fight over it.
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
    ...overrides,
  };
}

export async function initORM(clientUrl: string, overrides: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormOptions(clientUrl, overrides));
}

export async function migrate(orm: MikroORM): Promise<void> {
  await orm.getMigrator().up();
}
