import path from 'node:path';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { projectRoot } from '../config.js';
import { logger } from '../logger.js';
import { afterCommitSubscriber } from './after-commit.js';
import { entities } from '../sections.js';

export type ORM = MikroORM;

/**
 * knex prints its warnings with console.log, outside the JSON log: during an outage, one
 * "Connection Error: Connection ended unexpectedly" per pooled connection lost. The outage has its one
 * line already (db/outage.ts), so those go to the debug level; anything else knex says stays a warning.
 */
const knexLog = {
  warn: (message: string) =>
    /^Connection Error:/.test(message)
      ? logger.debug({ knex: message }, 'pooled database connection lost')
      : logger.warn({ knex: message }, 'knex'),
  error: (message: string) => logger.error({ knex: message }, 'knex'),
  deprecate: (message: string) => logger.warn({ knex: message }, 'knex'),
  debug: (message: string) => logger.debug({ knex: message }, 'knex'),
};

/** Tables declared by sections but made by their migrations only (docs/sections.md, `tables`). */
const HAND_MADE_TABLES = [
  'organization_tally',
  'agenda_event_day_tally',
  'app_user_tally',
  'question_tally',
  'timebank_transfer_tally',
  'timebank_month_tally',
  'timebank_month_participant',
  'timebank_month_histogram',
  'timebank_member_exchanged',
  'timebank_ledger_tally',
  'question_tag_use',
  'federation_actor_key',
  'federation_follower',
  'federation_following',
  'federation_kv',
  'federation_queue',
  'federation_remote_event',
  'resource_collection_item',
  'resource_base_follow',
  'resource_citation',
];

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
    driverOptions: { log: knexLog },
    // Work that must follow a commit, never a rollback (live messages over Redis, files removed from the store).
    subscribers: [afterCommitSubscriber],
    // Tables the migrations create by hand, with no entity (counters kept by triggers, the federation's queue
    // and stores, read and written through the SQL gateway): the schema check leaves them to the migrations.
    schemaGenerator: { skipTables: HAND_MADE_TABLES },
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
