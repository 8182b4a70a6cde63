import 'reflect-metadata';
import { readConfig } from './config.js';
import { startEmbeddedPostgres } from './db/embedded.js';
import { initORM, migrate } from './db/orm.js';
import fs from 'node:fs/promises';
import { grantRole } from './modules/comptes/comptes.service.js';
import { findOrganization } from './modules/reseau/organisations.service.js';
import { importPlaces } from './modules/reseau/import.service.js';

const USAGE = `Usage: npm run cli -- <command>

  grant-role <email> <member|moderator|admin>   change someone's platform role
  import-places <file> [--network <slug>]        import places (standard v1.0.2 or v0, CSV or JSON)
  migrate                                        apply pending migrations`;

/** Administration commands, run on the server: `npm run cli -- grant-role camille@exemple.fr admin`. */
async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = readConfig();
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
        const [file, flag, slug] = args;
        if (!file || (flag && (flag !== '--network' || !slug))) {
          console.error(USAGE);
          return 1;
        }
        const em = orm.em.fork();
        const network = slug ? await findOrganization(em, { slug }) : null;
        if (slug && !network) {
          console.error(`No organization with the slug "${slug}".`);
          return 1;
        }
        const format = file.toLowerCase().endsWith('.json') ? 'json' : file.toLowerCase().endsWith('.csv') ? 'csv' : null;
        const report = await importPlaces(em, null, await fs.readFile(file, 'utf8'), { format, networkId: network?.id });
        console.log(
          `${report.total} lignes (${report.v0Rows} au format v0) : ${report.created} créées, ${report.updated} mises à jour, ${report.unchanged} inchangées, ${report.rejected} rejetées.`,
        );
        for (const row of report.rejectedRows) {
          console.log(`  ligne ${row.line}${row.name ? ` (${row.name})` : ''} : ${row.reasons.map((reason) => reason.fr).join(' ; ')}`);
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
    console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await orm.close(true);
    await embedded?.stop();
  }
}

process.exitCode = await main(process.argv.slice(2));
