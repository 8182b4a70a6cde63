import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { logger } from '../logger.js';
import { User } from '../modules/comptes/user.entity.js';
import { seedAccounts, DEMO_PASSWORD, type DemoPeople } from './accounts.seed.js';
import { seedOrganizations, type DemoOrganizations } from './organizations.seed.js';
import { seedReseau } from './reseau.seed.js';
import { seedEntraide } from './entraide.seed.js';
import { seedAgenda } from './agenda.seed.js';
import { seedTimebank } from './timebank.seed.js';
import { seedProjets } from './projets.seed.js';
import { seedCharte } from './charte.seed.js';
import { seedCommun } from './commun.seed.js';
import { seedRessources } from './ressources.seed.js';

/** What earlier seeders created, for the next ones to use. */
export interface DemoWorld {
  people: DemoPeople;
  organizations: DemoOrganizations;
}

/**
 * Each domain adds its part of the demo story here, in order.
 * A seeder receives the world built so far and its own EntityManager.
 */
export const demoSeeders: Array<{ name: string; run: (em: EntityManager, world: DemoWorld) => Promise<void> }> = [
  { name: 'reseau', run: seedReseau },
  { name: 'entraide', run: seedEntraide },
  { name: 'agenda', run: seedAgenda },
  { name: 'timebank', run: seedTimebank },
  { name: 'projets', run: seedProjets },
  { name: 'charte', run: seedCharte },
  { name: 'ressources', run: seedRessources },
  { name: 'commun', run: seedCommun },
];

/** Loads the demo network (docs/architecture.md, "The demo network") when the database has no account yet. */
export async function seedDemoIfEmpty(orm: MikroORM, options: { log?: boolean } = {}): Promise<DemoWorld | null> {
  const em = orm.em.fork();
  if ((await em.count(User, {})) > 0) return null;
  const started = Date.now();
  const people = await seedAccounts(em);
  const organizations = await seedOrganizations(em, people);
  const world: DemoWorld = { people, organizations };
  // The demo network has been running for months: its members are past the first-week posting limit.
  const monthsAgo = new Date(Date.now() - 180 * 24 * 3600 * 1000);
  for (const user of Object.values(people)) user.createdAt = monthsAgo;
  await em.flush();
  for (const seeder of demoSeeders) {
    // Accounts a seeder adds are part of that long-running network too.
    await em.nativeUpdate(User, { createdAt: { $gt: monthsAgo } }, { createdAt: monthsAgo });
    await seeder.run(orm.em.fork(), world);
  }
  if (options.log) {
    logger.info(
      {
        ms: Date.now() - started,
        accounts: Object.values(people).map((user) => ({ email: user.email, role: user.role })),
        password: DEMO_PASSWORD,
      },
      `demo network loaded — sign in with any demo account, password "${DEMO_PASSWORD}" (set SEED_DEMO=0 in production)`,
    );
  }
  return world;
}
