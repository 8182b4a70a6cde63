import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from '../modules/comptes/password.js';
import { Metier, Role, User } from '../modules/comptes/user.entity.js';

/** The one password of every demo account (printed at start-up and in the README). */
export const DEMO_PASSWORD = 'maillage-demo-2026';

export interface DemoPeople {
  admin: User;
  moderator: User;
  camille: User;
  karim: User;
  sophie: User;
  lucas: User;
  nadia: User;
  bernard: User;
}

export async function seedAccounts(em: EntityManager): Promise<DemoPeople> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Demo people have confirmed their address: they publish from the first visit.
  const emailVerifiedAt = new Date();
  const person = (data: Partial<User> & Pick<User, 'email' | 'displayName'>) => em.create(User, { passwordHash, emailVerifiedAt, ...data });
  const people: DemoPeople = {
    admin: person({
      email: 'admin@demo.maillage.fr',
      displayName: 'Équipe Maillage',
      role: Role.ADMIN,
      metier: Metier.AUTRE,
      commune: 'Nantes',
      departement: '44',
      bio: 'L’équipe qui anime la plateforme et son comité de charte.',
    }),
    moderator: person({
      email: 'moderation@demo.maillage.fr',
      displayName: 'Hélène Moreau',
      role: Role.MODERATOR,
      metier: Metier.FORMATEUR,
      commune: 'Saint-Nazaire',
      departement: '44',
      expertiseTags: ['formation-de-mediateurs', 'pix'],
    }),
    camille: person({
      email: 'camille@demo.maillage.fr',
      displayName: 'Camille Le Goff',
      metier: Metier.CONSEILLER_NUMERIQUE,
      commune: 'Savenay',
      departement: '44',
      expertiseTags: ['demarches-en-ligne', 'caf', 'aidants-connect', 'smartphone'],
      languages: ['fr', 'br'],
      bio: 'Conseillère numérique à l’amicale laïque de Savenay. **Ateliers débutants** le lundi après-midi.',
    }),
    karim: person({
      email: 'karim@demo.maillage.fr',
      displayName: 'Karim Benali',
      metier: Metier.CONSEILLER_NUMERIQUE,
      commune: 'Malville',
      departement: '44',
      expertiseTags: ['pix', 'cybersecurite', 'ordinateur'],
      languages: ['fr', 'ar'],
    }),
    sophie: person({
      email: 'sophie@demo.maillage.fr',
      displayName: 'Sophie Garnier',
      metier: Metier.MEDIATEUR,
      commune: 'Saint-Étienne-de-Montluc',
      departement: '44',
      expertiseTags: ['impression-3d', 'fablab', 'reparation'],
    }),
    lucas: person({
      email: 'lucas@demo.maillage.fr',
      displayName: 'Lucas Martin',
      metier: Metier.SERVICE_CIVIQUE,
      commune: 'Savenay',
      departement: '44',
      expertiseTags: ['smartphone', 'reseaux-sociaux'],
    }),
    nadia: person({
      email: 'nadia@demo.maillage.fr',
      displayName: 'Nadia Roux',
      metier: Metier.TRAVAILLEUR_SOCIAL,
      commune: 'Angoulême',
      departement: '16',
      expertiseTags: ['acces-aux-droits', 'caf', 'france-services'],
    }),
    bernard: person({
      email: 'bernard@demo.maillage.fr',
      displayName: 'Bernard Jolivet',
      metier: Metier.BENEVOLE,
      commune: 'Malville',
      departement: '44',
      expertiseTags: ['ordinateur', 'courriel'],
      languages: ['fr'],
    }),
  };
  await em.flush();
  return people;
}
