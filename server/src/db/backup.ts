import fs from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * Maillage's own backup: the embedded PostgreSQL 18 ships no pg_dump, and Debian's older pg_dump
 * refuses a newer server. One gzip text file, readable with `zcat`:
 *
 *   line 1   BACKUP_MAGIC
 *   line 2   the manifest (JSON, one line)
 *   then, for each table of the manifest, in its order:
 *            `-- table <name>`, its rows in PostgreSQL's text COPY format (portable across versions), `\.`
 *   last     BACKUP_END (a file cut short has none, and is refused)
 *
 * A line `\.` never occurs inside COPY text data (a backslash is written `\\`), as in pg_dump's
 * plain format.
 */
export const BACKUP_MAGIC = '-- Maillage backup: gzip text, `npm run cli -- restore <file>` restores it';
export const BACKUP_END = '-- end of the Maillage backup';
export const BACKUP_FORMAT = 1;
export const TABLE_HEADER = '-- table ';
export const DATA_END = '\\.';

export interface BackupTable {
  name: string;
  /** The columns, in the order of the rows (generated columns are left out: PostgreSQL computes them). */
  columns: string[];
  rows: number;
}

export interface BackupManifest {
  format: number;
  createdAt: string;
  postgresVersion: string;
  /** The migrations applied to the database, in order (the rows of `mikro_orm_migrations`). */
  migrations: string[];
  tables: BackupTable[];
}

export interface BackupReport {
  manifest: BackupManifest;
  bytes: number;
  durationMs: number;
}

/** The tables of the `public` schema (those of an extension aside), with their copied columns. */
export async function publicTables(client: pg.ClientBase): Promise<Array<{ name: string; columns: string[] }>> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `select c.relname as name,
            array(select a.attname::text from pg_attribute a
                   where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                   order by a.attnum) as columns
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
      order by c.relname`,
  );
  return rows;
}

export function quoteName(name: string): string {
  return pg.Client.prototype.escapeIdentifier(name);
}

/** `"table" ("a", "b")`: the target of a COPY. */
export function copyTarget(table: { name: string; columns: string[] }): string {
  return `public.${quoteName(table.name)} (${table.columns.map(quoteName).join(', ')})`;
}

/**
 * Writes a backup of the database at `databaseUrl` into `file`, while the site keeps running: one
 * read-only snapshot (repeatable read), so the file is the database at one instant — a transfer is
 * in it whole or not at all. Memory stays flat: rows stream from COPY through gzip to the disk.
 * The file is written beside as `<file>.partial` and renamed at the end, readable by its owner only
 * (it holds personal data and password hashes).
 */
export async function writeBackup(databaseUrl: string, file: string): Promise<BackupReport> {
  const started = Date.now();
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'maillage backup' });
  await client.connect();
  const partial = `${file}.partial`;
  try {
    await client.query('begin isolation level repeatable read, read only');
    const tables = await publicTables(client);
    // As pg_dump does: no migration may change a table while it is being read.
    if (tables.length > 0)
      await client.query(`lock table ${tables.map((t) => `public.${quoteName(t.name)}`).join(', ')} in access share mode`);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      postgresVersion: (await client.query<{ version: string }>(`select current_setting('server_version') as version`)).rows[0].version,
      migrations: await appliedMigrations(client, tables),
      tables: [],
    };
    for (const table of tables) {
      const counted = await client.query<{ rows: number }>(`select count(*)::int as rows from public.${quoteName(table.name)}`);
      manifest.tables.push({ ...table, rows: counted.rows[0].rows });
    }

    async function* content(): AsyncGenerator<Buffer | string> {
      yield `${BACKUP_MAGIC}\n${JSON.stringify(manifest)}\n`;
      for (const table of manifest.tables) {
        yield `${TABLE_HEADER}${table.name}\n`;
        yield* client.query(copyTo(`copy ${copyTarget(table)} to stdout`));
        yield `${DATA_END}\n`;
      }
      yield `${BACKUP_END}\n`;
    }
    await pipeline(content(), createGzip(), fs.createWriteStream(partial, { mode: 0o600 }));
    await client.query('commit');
    await rename(partial, file);
    return { manifest, bytes: (await stat(file)).size, durationMs: Date.now() - started };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

async function appliedMigrations(client: pg.ClientBase, tables: Array<{ name: string }>): Promise<string[]> {
  if (!tables.some((table) => table.name === 'mikro_orm_migrations')) return [];
  const { rows } = await client.query<{ name: string }>('select name from public.mikro_orm_migrations order by id');
  return rows.map((row) => row.name.replace(/\.[jt]s$/, ''));
}
