import type { EntityManager } from '@mikro-orm/postgresql';
import { MemberRole, Membership } from '../modules/reseau/membership.entity.js';
import { Organization, OrganizationKind } from '../modules/reseau/organization.entity.js';
import type { DemoPeople } from './accounts.seed.js';

export interface DemoOrganizations {
  reseau: Organization;
  malville: Organization;
  savenay: Organization;
  montluc: Organization;
}

/** The local network of three amicales laïques of Estuaire et Sillon (docs/architecture.md, "The demo network"). */
export async function seedOrganizations(em: EntityManager, people: DemoPeople): Promise<DemoOrganizations> {
  const organization = (name: string, slug: string, kind: OrganizationKind) => em.create(Organization, { name, slug, kind });
  const organizations: DemoOrganizations = {
    reseau: organization('Réseau numérique Estuaire et Sillon', 'reseau-estuaire-et-sillon', OrganizationKind.RESEAU),
    malville: organization('Amicale laïque de Malville', 'amicale-laique-malville', OrganizationKind.LIEU),
    savenay: organization('Amicale laïque de Savenay', 'amicale-laique-savenay', OrganizationKind.LIEU),
    montluc: organization('Amicale laïque de Saint-Étienne-de-Montluc', 'amicale-laique-saint-etienne-de-montluc', OrganizationKind.LIEU),
  };
  const member = (organization: Organization, user: typeof people.camille, role: MemberRole) =>
    em.create(Membership, { organization, user, role });
  member(organizations.reseau, people.camille, MemberRole.ADMIN);
  member(organizations.reseau, people.karim, MemberRole.EDITOR);
  member(organizations.savenay, people.camille, MemberRole.ADMIN);
  member(organizations.savenay, people.lucas, MemberRole.MEMBER);
  member(organizations.malville, people.karim, MemberRole.ADMIN);
  member(organizations.malville, people.bernard, MemberRole.MEMBER);
  member(organizations.montluc, people.sophie, MemberRole.ADMIN);
  await em.flush();
  return organizations;
}
