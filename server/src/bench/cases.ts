import type { EntityManager } from '@mikro-orm/postgresql';
import { Membership, MemberRole } from '../modules/reseau/membership.entity.js';
import { Organization } from '../modules/reseau/organization.entity.js';
import { User } from '../modules/comptes/user.entity.js';

export interface BenchCase {
  name: string;
  /** Fills the scratch database. */
  prepare(em: EntityManager): Promise<void>;
  /** The GraphQL operation measured through the whole stack. */
  query: string;
  variables?: Record<string, unknown>;
  /** The same rows, read by plain `pg`: the floor. */
  floorSql: string;
  floorParams?: unknown[];
}

/** Each domain adds the read-heavy lists it serves. */
export const benchCases: BenchCase[] = [
  {
    name: 'organizations (20 of 2,000, with totalCount)',
    async prepare(em) {
      const admin = em.create(User, { email: 'bench@exemple.fr', displayName: 'Bench' });
      for (let i = 0; i < 2000; i++) {
        const organization = em.create(Organization, { name: `Lieu ${String(i).padStart(4, '0')}`, slug: `lieu-${i}` });
        if (i % 10 === 0) em.create(Membership, { organization, user: admin, role: MemberRole.ADMIN });
      }
      await em.flush();
    },
    query: `{ organizations(first: 20) { totalCount edges { cursor node { id name slug kind } } } }`,
    floorSql: `select id, name, slug, kind, (select count(*) from (select 1 from organization limit 1001) c) as total from organization order by name, id limit 20`,
  },
];
