import 'reflect-metadata';
import { projectRoot, readConfig, type AppConfig } from './config.js';
import { writeBackup } from './db/backup.js';
import { runningEmbeddedUrl, startEmbeddedPostgres } from './db/embedded.js';
import { codeMigrations, readManifest, restoreBackup } from './db/restore.js';
import { count } from './i18n/count.js';
import { formatParisDateTime } from './shared/local-time.js';
import { progressBar } from './shared/progress-bar.js';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';

const USAGE = `Usage: npm run cli -- <command>

  grant-role <email> <member|moderator|admin>   change someone's platform role
  import-places <file> [--network <slug>] [--source <name>]
                                                 import places (standard v1.0.2 or v0, CSV or JSON); --source:
                                                 who collected the data, for rows without a "source" column
  migrate                                        apply pending migrations
  backup <file>                                  write a backup of the database (also while the site runs)
  restore <file> [--force]                       restore a backup into an empty database (--force: erase it first)`;

/** `--network <slug>` and `--source <name>`, each at most once; null when anything else is given. */
function importFlags(flags: string[]): { network: string | null; source: string | null } | null {
  const found: Record<string, string> = {};
  for (let i = 0; i < flags.length; i += 2) {
    const [flag, value] = [flags[i], flags[i + 1]];
    if ((flag !== '--network' && flag !== '--source') || !value || value.startsWith('--') || found[flag] !== undefined) return null;
    found[flag] = value;
  }
  return { network: found['--network'] ?? null, source: found['--source'] ?? null };
}

/** Administration commands, run on the server: `npm run cli -- grant-role camille@exemple.fr admin`. */
async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = readConfig();
  if (command === 'backup') return backup(config, args);
  if (command === 'restore') return restore(config, args);
  // Loaded here: `backup` needs none of the application's modules (a site half-way through an update still gets backed up).
  const [{ initORM, migrate }, { grantRole }, { findOrganization }, { importPlaces }] = await Promise.all([
    import('./db/orm.js'),
    import('./modules/comptes/comptes.service.js'),
    import('./modules/reseau/organisations.service.js'),
    import('./modules/reseau/import.service.js'),
  ]);
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
  const orm = await initORM(config.databaseUrl ?? embedded!.url);
  try {
    await migrate(orm);
    switch (command) {
      case 'grant-role': {
        const [email, role] = args;
        if (!email || !role) {
          console.error(USAGE);
          return 1;
        }
        const user = await grantRole(orm.em.fork(), email, role as Parameters<typeof grantRole>[2]);
        console.log(`${user.displayName} <${user.email}> is now ${user.role}.`);
        return 0;
      }
      case 'import-places': {
        const [file, ...flags] = args;
        const options = importFlags(flags);
        if (!file || !options) {
          console.error(USAGE);
          return 1;
        }
        const { network: slug, source } = options;
        const em = orm.em.fork();
        const network = slug ? await findOrganization(em, { slug }) : null;
        if (slug && !network) {
          console.error(`No organization with the slug "${slug}".`);
          return 1;
        }
        const format = file.toLowerCase().endsWith('.json') ? 'json' : file.toLowerCase().endsWith('.csv') ? 'csv' : null;
        // Bytes, not text: the import detects the encoding (a spreadsheet saved in windows-1252…).
        const bar = progressBar();
        const report = await importPlaces(em, null, await fs.readFile(file), {
          format,
          networkId: network?.id,
          source,
          onProgress: (p) =>
            bar.update(
              p.read,
              p.total,
              `${count('fr', p.read, 'ligne lue', 'lignes lues')} sur ${p.total} : ${count('fr', p.created, 'créée', 'créées')}, ${count('fr', p.rejected, 'rejetée', 'rejetées')}`,
            ),
        }).finally(() => bar.stop());
        console.log(`Encodage lu : ${report.encoding}.`);
        console.log(
          `${count('fr', report.total, 'ligne', 'lignes')} (${report.v0Rows} au format v0) : ${count('fr', report.created, 'créée', 'créées')}, ${count('fr', report.updated, 'mise à jour', 'mises à jour')}, ${count('fr', report.unchanged, 'inchangée', 'inchangées')}, ${count('fr', report.rejected, 'rejetée', 'rejetées')}.`,
        );
        for (const row of report.rejectedRows) {
          console.log(`  ligne ${row.line}${row.name ? ` (${row.name})` : ''} : ${row.reasons.map((reason) => reason.fr).join(' ; ')}`);
        }
        if (report.notedRows.length) console.log('Lignes importées avec une remarque :');
        for (const row of report.notedRows) {
          console.log(`  ligne ${row.line}${row.name ? ` (${row.name})` : ''} : ${row.notes.map((note) => note.fr).join(' ; ')}`);
        }
        return 0;
      }
      case 'migrate':
        console.log('migrations applied');
        return 0;
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 1;
    }
  } catch (error) {
    // An AppError (a file the import refuses…) carries its French sentence: the command line speaks French.
    const french = (error as { text?: { fr?: string } } | null)?.text?.fr;
    console.error(french ?? (error instanceof Error ? error.message : error));
    return 1;
  } finally {
    await orm.close(true);
    await embedded?.stop();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`;
const megabytes = (bytes: number) => `${(bytes / 1e6).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

/**
 * `backup <file>`: the database of DATABASE_URL, else the embedded one of the data folder — the
 * running site's (its address is in the folder) or, when the site is stopped, one started for it.
 */
async function backup(config: AppConfig, args: string[]): Promise<number> {
  const [file] = args;
  if (!file || args.length > 1) {
    console.error(USAGE);
    return 1;
  }
  const runningUrl = config.databaseUrl ? undefined : await runningEmbeddedUrl(config.dataDir);
  const embedded = config.databaseUrl || runningUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
  try {
    const report = await writeBackup(config.databaseUrl ?? runningUrl ?? embedded!.url, file);
    const rows = report.manifest.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(
      `Sauvegarde écrite dans ${file} en ${seconds(report.durationMs)} : ${count('fr', report.manifest.tables.length, 'table', 'tables')}, ${count('fr', rows, 'ligne', 'lignes')}, ${megabytes(report.bytes)} (PostgreSQL ${report.manifest.postgresVersion}, ${count('fr', report.manifest.migrations.length, 'migration', 'migrations')}).`,
    );
    return 0;
  } catch (error) {
    console.error(`La sauvegarde a échoué : ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await embedded?.stop();
  }
}

/** `restore <file> [--force]`: into DATABASE_URL, else the embedded database of the data folder (the site stopped). */
async function restore(config: AppConfig, args: string[]): Promise<number> {
  const [file, flag] = args;
  if (!file || (flag && flag !== '--force') || args.length > 2) {
    console.error(USAGE);
    return 1;
  }
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  let orm: MikroORM | undefined;
  try {
    // Read first: a file that is no backup is refused before a database is started.
    const manifest = await readManifest(file);
    const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(
      `Sauvegarde du ${formatParisDateTime(new Date(manifest.createdAt), 'fr')} (PostgreSQL ${manifest.postgresVersion}) : ${count('fr', manifest.tables.length, 'table', 'tables')}, ${count('fr', rows, 'ligne', 'lignes')}, ${count('fr', manifest.migrations.length, 'migration', 'migrations')}.`,
    );
    embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
    const url = config.databaseUrl ?? embedded!.url;
    const { initORM } = await import('./db/orm.js');
    orm = await initORM(url);
    const report = await restoreBackup(url, file, {
      migrator: orm.getMigrator(),
      codeMigrations: await codeMigrations(path.join(projectRoot, 'migrations')),
      force: flag === '--force',
    });
    if (report.erased) {
      console.log(
        `Effacé avant la restauration (--force) : ${count('fr', report.erased.tables, 'table', 'tables')}, ${count('fr', report.erased.rows, 'ligne', 'lignes')}.`,
      );
    }
    console.log(
      `Restauration terminée en ${seconds(report.durationMs)} : ${count('fr', report.manifest.tables.length, 'table', 'tables')}, ${count('fr', report.rows, 'ligne', 'lignes')} ; ${count('fr', report.newerMigrations, 'migration plus récente appliquée', 'migrations plus récentes appliquées')}.`,
    );
    return 0;
  } catch (error) {
    console.error(`La restauration a échoué : ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await orm?.close(true);
    await embedded?.stop();
  }
}

process.exitCode = await main(process.argv.slice(2));
