import 'reflect-metadata';
import { readConfig } from './config.js';
import { startEmbeddedPostgres } from './db/embedded.js';
import { initORM, migrate } from './db/orm.js';
import { grantRole } from './modules/accounts/accounts.service.js';

const USAGE = `Usage: npm run cli -- <command>

  grant-role <email> <member|moderator|admin>   change someone's platform role
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
