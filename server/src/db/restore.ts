import fs from 'node:fs';
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { count } from '../i18n/count.js';
import { say, type Text } from '../i18n/lang.js';
import {
  BACKUP_END,
  BACKUP_FORMAT,
  BACKUP_MAGIC,
  DATA_END,
  TABLE_HEADER,
  copyTarget,
  publicTables,
  quoteName,
  type BackupManifest,
} from './backup.js';
import { sql } from './sql.js';

/** A restore that must not go on, with the reason for a person (French first). */
export class RestoreRefused extends Error {
  constructor(readonly text: Text) {
    super(`${text.fr}\n${text.en}`);
  }
}

/** What migrations the restore runs: MikroORM's migrator (`orm.getMigrator()`) in the CLI. */
export interface Migrations {
  up(options?: { to?: string }): Promise<unknown>;
}

export interface RestoreOptions {
  migrator: Migrations;
  /** The migrations this version of Maillage has, in order (`codeMigrations()`). */
  codeMigrations: string[];
  /** Erase a database that is not empty. */
  force?: boolean;
}

export interface RestoreReport {
  manifest: BackupManifest;
  /** What `force` erased, when the target was not empty. */
  erased?: DatabaseContents;
  rows: number;
  /** Migrations of this version newer than the backup, applied after its rows. */
  newerMigrations: number;
  durationMs: number;
}

export interface DatabaseContents {
  tables: number;
  rows: number;
}

/** The migrations of this version of Maillage, in the order they apply (file names without `.js`). */
export async function codeMigrations(folder: string): Promise<string[]> {
  const files = await readdir(folder);
  return files
    .filter((file) => /^Migration\d{14}.*\.js$/.test(file))
    .map((file) => file.replace(/\.js$/, ''))
    .sort();
}

/** Lines of a stream of bytes, without their '\n'. */
class LineReader {
  private buffered: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  async line(): Promise<Buffer | undefined> {
    for (;;) {
      const end = this.buffered.indexOf(10);
      if (end >= 0) {
        const line = this.buffered.subarray(0, end);
        this.buffered = this.buffered.subarray(end + 1);
        return line;
      }
      if (this.ended) {
        if (this.buffered.length === 0) return undefined;
        const rest = this.buffered;
        this.buffered = Buffer.alloc(0);
        return rest;
      }
      const next = await this.chunks.next();
      if (next.done) this.ended = true;
      else this.buffered = this.buffered.length > 0 ? Buffer.concat([this.buffered, next.value]) : next.value;
    }
  }
}

const notABackup = (file: string) =>
  new RestoreRefused(
    say(`${file} n’est pas une sauvegarde Maillage (ou elle est abîmée).`, `${file} is not a Maillage backup (or it is damaged).`),
  );

/** Opens a backup and reads its manifest; the reader is then at the first table. */
async function openBackup(file: string): Promise<{ manifest: BackupManifest; reader: LineReader; close: () => void }> {
  const input = fs.createReadStream(file).pipe(createGunzip());
  const reader = new LineReader(input[Symbol.asyncIterator]());
  const close = () => input.destroy();
  try {
    const magic = (await reader.line())?.toString();
    if (magic !== BACKUP_MAGIC) throw notABackup(file);
    const manifest = JSON.parse((await reader.line())?.toString() ?? '') as BackupManifest;
    if (manifest.format !== BACKUP_FORMAT) {
      throw new RestoreRefused(
        say(
          `${file} est une sauvegarde au format ${manifest.format}, que cette version de Maillage ne sait pas lire (elle lit le format ${BACKUP_FORMAT}).`,
          `${file} is a backup in format ${manifest.format}, which this version of Maillage cannot read (it reads format ${BACKUP_FORMAT}).`,
        ),
      );
    }
    return { manifest, reader, close };
  } catch (error) {
    close();
    if (error instanceof RestoreRefused) throw error;
    throw notABackup(file);
  }
}

/** The manifest of a backup (what it holds), without reading the rows. */
export async function readManifest(file: string): Promise<BackupManifest> {
  const { manifest, close } = await openBackup(file);
  close();
  return manifest;
}

/** Reads the whole file once: a backup cut short (a copy that stopped half-way) is refused before any change. */
async function checkComplete(file: string): Promise<void> {
  const ending = Buffer.from(`\n${BACKUP_END}\n`);
  let tail = Buffer.alloc(0);
  try {
    for await (const chunk of fs.createReadStream(file).pipe(createGunzip())) {
      tail = Buffer.concat([tail, chunk as Buffer]).subarray(-ending.length);
    }
  } catch {
    throw notABackup(file);
  }
  if (!tail.equals(ending)) throw notABackup(file);
}

/** The backup's migrations must be the first ones of this version: a backup from a newer Maillage is refused. */
function checkMigrations(manifest: BackupManifest, code: string[]): void {
  const unknown = manifest.migrations.find((name, index) => code[index] !== name);
  if (unknown) {
    throw new RestoreRefused(
      say(
        `Cette sauvegarde vient d’une autre version de Maillage, plus récente : sa migration ${unknown} n’existe pas ici. Restaurez-la avec la version de Maillage qui l’a faite, ou une plus récente.`,
        `This backup comes from another, newer version of Maillage: its migration ${unknown} does not exist here. Restore it with the version of Maillage that made it, or a newer one.`,
      ),
    );
  }
}

/** The tables of the target and their rows: empty means no table at all (not even migrations). */
async function contentsOf(client: pg.ClientBase): Promise<DatabaseContents> {
  const tables = await publicTables(client);
  let rows = 0;
  for (const table of tables) {
    const counted = await client.query<{ rows: number }>(`select count(*)::int as rows from public.${quoteName(table.name)}`);
    rows += counted.rows[0].rows;
  }
  return { tables: tables.length, rows };
}

/**
 * Restores a backup made by `writeBackup()` into the database at `databaseUrl`:
 * 1. refuses an unreadable backup, or one from a newer Maillage, before touching anything;
 * 2. refuses a database that is not empty, unless `force` (then the `public` schema is dropped whole);
 * 3. applies the migrations up to the backup's last one, so the tables are those the rows came from;
 * 4. in one transaction, with triggers off (the ledger's append-only and balance triggers would
 *    refuse rows written back as they were): empties every table (rows that migrations inserted),
 *    loads the rows, checks their counts against the manifest, sets every sequence past its rows;
 * 5. applies the newer migrations of this version.
 */
export async function restoreBackup(databaseUrl: string, file: string, options: RestoreOptions): Promise<RestoreReport> {
  const started = Date.now();
  const manifest = await readManifest(file);
  checkMigrations(manifest, options.codeMigrations);
  await checkComplete(file);

  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'maillage restore' });
  await client.connect();
  try {
    // Asked first, so a role without the right is told before anything changes.
    await client.query('begin');
    await turnTriggersOff(client).finally(() => client.query('rollback'));
    const found = await contentsOf(client);
    let erased: DatabaseContents | undefined;
    if (found.tables > 0) {
      if (!options.force) {
        throw new RestoreRefused(
          say(
            `La base cible n’est pas vide (${count('fr', found.tables, 'table', 'tables')}, ${count('fr', found.rows, 'ligne', 'lignes')}) : rien n’a été modifié. Pour l’effacer et la remplacer par la sauvegarde, relancez avec --force.`,
            `The target database is not empty (${count('en', found.tables, 'table', 'tables')}, ${count('en', found.rows, 'row', 'rows')}): nothing was changed. To erase it and replace it with the backup, run again with --force.`,
          ),
        );
      }
      await client.query('drop schema public cascade');
      await client.query('create schema public');
      erased = found;
    }

    const last = manifest.migrations.at(-1);
    if (last) await options.migrator.up({ to: last });
    const rows = await loadRows(client, file, manifest);
    const newerMigrations = options.codeMigrations.length - manifest.migrations.length;
    if (newerMigrations > 0) await options.migrator.up();
    return { manifest, erased, rows, newerMigrations, durationMs: Date.now() - started };
  } finally {
    await client.end();
  }
}

async function loadRows(client: pg.ClientBase, file: string, manifest: BackupManifest): Promise<number> {
  const { reader, close } = await openBackup(file);
  try {
    await client.query('begin');
    await turnTriggersOff(client);
    const tables = await publicTables(client);
    const missing = manifest.tables.find((table) => !tables.some((existing) => existing.name === table.name));
    if (missing) throw new Error(`the table ${missing.name} of the backup does not exist after the migrations`);
    if (tables.length > 0) await client.query(`truncate ${tables.map((table) => `public.${quoteName(table.name)}`).join(', ')}`);

    let total = 0;
    for (const table of manifest.tables) {
      const header = (await reader.line())?.toString();
      if (header !== `${TABLE_HEADER}${table.name}`) throw notABackup(file);
      await copyTable(client, reader, table, file);
      const counted = await client.query<{ rows: number }>(`select count(*)::int as rows from public.${quoteName(table.name)}`);
      if (counted.rows[0].rows !== table.rows) {
        throw new Error(`the table ${table.name} has ${counted.rows[0].rows} rows after the restore, the backup says ${table.rows}`);
      }
      total += table.rows;
    }
    if ((await reader.line())?.toString() !== BACKUP_END) throw notABackup(file);
    await resetSequences(client);
    await client.query('commit');
    return total;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    close();
  }
}

/** For the rest of the transaction, triggers (and foreign-key checks) are off: rows go back as they were. */
async function turnTriggersOff(client: pg.ClientBase): Promise<void> {
  try {
    await client.query('set local session_replication_role = replica');
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
    throw new RestoreRefused(
      say(
        'PostgreSQL refuse de désactiver les déclencheurs (session_replication_role) : restaurez avec un rôle superutilisateur, ou propriétaire de la base avec ce droit (GRANT SET ON PARAMETER session_replication_role TO <rôle>). Rien n’a été modifié.',
        'PostgreSQL refuses to turn triggers off (session_replication_role): restore with a superuser role, or the owner of the database with that right (GRANT SET ON PARAMETER session_replication_role TO <role>). Nothing was changed.',
      ),
    );
  }
}

/** Streams one table's rows into COPY, in batches, waiting when PostgreSQL is behind (memory stays flat). */
async function copyTable(client: pg.ClientBase, reader: LineReader, table: BackupManifest['tables'][number], file: string): Promise<void> {
  const copy = client.query(copyFrom(`copy ${copyTarget(table)} from stdin`));
  const failed = once(copy, 'error').then(([error]) => {
    throw error;
  });
  failed.catch(() => undefined);
  const finished = once(copy, 'finish');
  finished.catch(() => undefined);
  let batch: Buffer[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const ready = copy.write(Buffer.concat(batch));
    batch = [];
    batchBytes = 0;
    if (!ready) await Promise.race([once(copy, 'drain'), failed]);
  };
  for (;;) {
    const line = await reader.line();
    if (line === undefined) {
      copy.destroy();
      throw notABackup(file);
    }
    if (line.length === DATA_END.length && line.toString() === DATA_END) break;
    batch.push(line, NEWLINE);
    batchBytes += line.length + 1;
    if (batchBytes >= 64 * 1024) await flush();
  }
  await flush();
  copy.end();
  await Promise.race([finished, failed]);
}

const NEWLINE = Buffer.from('\n');

/** Every sequence of a `public` table's column starts after the largest value restored. */
async function resetSequences(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ sequence: string; table: string; column: string }>(
    `select s.oid::regclass::text as sequence, t.relname as table, a.attname as column
       from pg_class s
       join pg_namespace n on n.oid = s.relnamespace
       join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = s.oid and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
       join pg_class t on t.oid = d.refobjid
       join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
      where s.relkind = 'S' and n.nspname = 'public'`,
  );
  for (const row of rows) {
    const column = sql.raw(quoteName(row.column));
    const statement = sql`select setval(${row.sequence}::regclass, coalesce(max(${column}), 1), max(${column}) is not null) from ${sql.raw(`public.${quoteName(row.table)}`)}`;
    await client.query(statement.toPg());
  }
}
