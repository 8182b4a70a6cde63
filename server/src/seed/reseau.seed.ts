import fs from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { projectRoot } from '../config.js';
import { logger } from '../logger.js';
import { MemberRole, Membership } from '../modules/reseau/membership.entity.js';
import { addToNetworkDirectly } from '../modules/reseau/networks.service.js';
import { Organization } from '../modules/reseau/organization.entity.js';
import { applyOrganizationFields, checkedOrganizationFields } from '../modules/reseau/organization-fields.js';
import { importPlaces } from '../modules/reseau/import.service.js';
import type { DemoWorld } from './demo.js';

/** The real open-data files shipped with Maillage (Licence Ouverte 2.0, see server/data/LICENCE.md). */
const DATA = path.join(projectRoot, 'server/data/lieux');
/** Enough real places for the map to feel alive, few enough for `npm start` to stay quick. */
const PACA_PLACES = 160;

/**
 * The directory of the demo: the three amicales laïques of Estuaire et Sillon with their standard
 * fields, in their network; a few hundred real places imported from the open-data files
 * through the importer (v0 files, as real sources publish them); people attached to places.
 */
export async function seedReseau(em: EntityManager, world: DemoWorld): Promise<void> {
  const { reseau, malville, savenay, montluc } = world.organizations;
  const { people } = world;
  const today = '2026-09-01';
  const describe = (organization: Organization, fields: Parameters<typeof checkedOrganizationFields>[0]) => {
    const managed = em.merge(organization);
    applyOrganizationFields(managed, checkedOrganizationFields(fields), { dateMaj: today });
    managed.source = 'Maillage';
    managed.standardId ??= managed.id;
    return managed;
  };
  const network = describe(reseau, {
    commune: 'Savenay',
    codePostal: '44260',
    codeInsee: '44195',
    presentationResume:
      'Le réseau des amicales laïques d’Estuaire et Sillon : ateliers numériques, cafés citoyens et entraide entre bénévoles.',
    presentationDetail:
      'Trois amicales laïques (Malville, Savenay, Saint-Étienne-de-Montluc) mettent en commun leurs bénévoles, leurs salles et leurs ateliers pour que chacun·e gagne en autonomie avec le numérique.',
    siteWeb: ['https://reseau-estuaire-sillon.exemple.fr'],
  });
  const amicale = (organization: Organization, fields: Parameters<typeof checkedOrganizationFields>[0]) =>
    describe(organization, {
      typologie: ['ASSO'],
      itinerance: ['Fixe'],
      structureParente: 'Réseau numérique Estuaire et Sillon',
      fraisACharge: ['Gratuit sous condition'],
      dispositifProgrammesNationaux: ['Conseillers numériques'],
      modalitesAccompagnement: ['Accompagnement individuel', 'Dans un atelier collectif'],
      ...fields,
    });
  const places = [
    amicale(malville, {
      commune: 'Malville',
      codePostal: '44260',
      codeInsee: '44089',
      adresse: '12 rue de la Gare',
      latitude: 47.3597,
      longitude: -1.8631,
      telephone: '02 40 56 41 20',
      courriels: ['numerique@amicale-malville.exemple.fr'],
      horaires: 'Mo 14:00-19:30; We 09:30-12:00; Sa 10:00-12:00; PH off',
      presentationResume:
        'L’amicale laïque de Malville accueille débutants et curieux : ordinateur, courriel, démarches en ligne, avec des bénévoles patients.',
      services: ['Maîtrise des outils numériques du quotidien', 'Aide aux démarches administratives', 'Utilisation sécurisée du numérique'],
      publicsSpecifiquementAdresses: ['Seniors'],
      modalitesAcces: ['Se présenter', 'Téléphoner'],
    }),
    amicale(savenay, {
      commune: 'Savenay',
      codePostal: '44260',
      codeInsee: '44195',
      adresse: '3 place Guépin',
      latitude: 47.3611,
      longitude: -1.9415,
      telephone: '02 40 58 32 10',
      courriels: ['contact@amicale-savenay.exemple.fr'],
      horaires: 'Mo 14:00-19:30; Tu-Fr 09:00-12:00,14:00-17:30; PH off',
      presentationResume:
        'Ateliers du lundi après-midi (débutants 14 h 30, avancés 16 h, actifs 18 h), aide aux démarches CAF et Aidants Connect.',
      services: [
        'Maîtrise des outils numériques du quotidien',
        'Aide aux démarches administratives',
        'Accès internet et matériel informatique',
      ],
      priseEnChargeSpecifique: ['Surdité', 'Illettrisme'],
      dispositifProgrammesNationaux: ['Conseillers numériques', 'Aidants Connect'],
      modalitesAcces: ['Se présenter', 'Téléphoner', 'Prendre un RDV en ligne'],
      priseRdv: 'https://rdv.amicale-savenay.exemple.fr',
    }),
    amicale(montluc, {
      commune: 'Saint-Étienne-de-Montluc',
      codePostal: '44360',
      codeInsee: '44158',
      adresse: '1 rue de la Libération',
      latitude: 47.2766,
      longitude: -1.7806,
      telephone: '02 40 86 90 12',
      courriels: ['fablab@amicale-montluc.exemple.fr'],
      horaires: 'We 14:00-18:00; Fr 17:00-21:00; Sa 10:00-17:00',
      presentationResume: 'Un petit FabLab associatif : impression 3D, réparation de smartphones, ateliers parents-enfants le samedi.',
      typologie: ['ASSO', 'TIERS_LIEUX'],
      services: [
        'Loisirs et créations numériques',
        'Parentalité et éducation avec le numérique',
        'Acquisition de matériel informatique à prix solidaire',
      ],
      publicsSpecifiquementAdresses: ['Familles et/ou enfants', 'Jeunes'],
      fraisACharge: ['Gratuit', 'Payant'],
      modalitesAccompagnement: ['En autonomie', 'Dans un atelier collectif'],
      modalitesAcces: ['Se présenter', 'Contacter par mail'],
    }),
  ];
  for (const place of places) await addToNetworkDirectly(em, network, place, people.camille);
  await em.flush();

  // Real places, imported the way an admin would (the files are v0: `;`, old labels, conditions_acces…).
  const charente = await fs.readFile(path.join(DATA, 'charente-2023-07.json'), 'utf8');
  const paca = JSON.parse(await fs.readFile(path.join(DATA, 'paca-hub-du-sud-2023-05.json'), 'utf8')) as unknown[];
  const reports = [
    // Each row names its source (`conseiller-numerique`, `dora`…); the file's own is for a row that would not.
    await importPlaces(em.fork(), null, charente, { format: 'json', source: 'Cartographie nationale (Charente)' }),
    await importPlaces(em.fork(), null, JSON.stringify(paca.slice(0, PACA_PLACES)), { format: 'json', source: 'Hub du Sud' }),
  ];
  logger.debug({ reports: reports.map(({ created, rejected }) => ({ created, rejected })) }, 'demo places imported');

  // People of the directory beyond the amicales: Nadia at a Charente place, Hélène helping the network.
  const angouleme = await em.findOne(Organization, { commune: { $ilike: 'angoul%me' } }, { orderBy: { name: 'asc' } });
  if (angouleme) em.create(Membership, { organization: angouleme, user: people.nadia, role: MemberRole.EDITOR });
  em.create(Membership, { organization: em.getReference(Organization, network.id), user: people.moderator, role: MemberRole.MEMBER });
  await em.flush();
}
