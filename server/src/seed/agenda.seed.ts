import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { CoOrganizationStatus, DigitalLevel, EventCoOrganizer, EventKind } from '../modules/agenda/event.entity.js';
import { autoSchedule, markInterest, proposeSession, saveGrid } from '../modules/agenda/barcamp.service.js';
import { createEvent } from '../modules/agenda/events.service.js';
import { PARIS_TIME_ZONE } from '../shared/territory.js';
import { registerToEvent, registerToSeries } from '../modules/agenda/registrations.service.js';
import type { DemoWorld } from './demo.js';

/** The next `weekday` (1 = Monday) at least `minDays` from now, as a Paris date "YYYY-MM-DD". */
function nextWeekday(weekday: number, minDays: number): string {
  let day = DateTime.now().setZone(PARIS_TIME_ZONE).plus({ days: minDays }).startOf('day');
  while (day.weekday !== weekday) day = day.plus({ days: 1 });
  return day.toISODate()!;
}

const CYCLE_GROUPS = [
  {
    label: 'débutants',
    start: '14:30',
    end: '16:00',
    level: DigitalLevel.DEBUTANT,
    capacity: 8,
    pitch:
      'Allumer la tablette, écrire un message, envoyer une photo à ses petits-enfants, faire ses démarches sans stress. On avance à votre rythme, **sans jargon**.',
  },
  {
    label: 'confirmés',
    start: '16:00',
    end: '17:30',
    level: DigitalLevel.AVANCE,
    capacity: 10,
    pitch: 'Classer ses fichiers, sauvegarder ses photos, reconnaître une arnaque, utiliser FranceConnect et l’espace CAF en confiance.',
  },
  {
    label: 'actifs (après le travail)',
    start: '18:00',
    end: '19:30',
    level: DigitalLevel.INTERMEDIAIRE,
    capacity: 10,
    pitch:
      'Pour celles et ceux qui travaillent : messagerie, agenda partagé, documents en ligne, et les démarches qu’on repousse toujours.',
  },
];

/**
 * The demo network (docs/architecture.md), agenda part: the Monday cycles of the three amicales, the café
 * citoyen, the regional barcamp with its sessions, a small permanence that is full (to show the
 * waitlist), and a few registrations. Dates are relative to now so the demo stays upcoming.
 */
export async function seedAgenda(em: EntityManager, world: DemoWorld): Promise<void> {
  const { people, organizations } = world;
  const amicales = [
    {
      organization: organizations.savenay,
      admin: people.camille,
      commune: 'Savenay',
      postalCode: '44260',
      address: '8 rue de la Mairie',
      lat: 47.3589,
      lng: -1.9431,
    },
    {
      organization: organizations.malville,
      admin: people.karim,
      commune: 'Malville',
      postalCode: '44260',
      address: '2 place de l’Église',
      lat: 47.3594,
      lng: -1.8619,
    },
    {
      organization: organizations.montluc,
      admin: people.sophie,
      commune: 'Saint-Étienne-de-Montluc',
      postalCode: '44360',
      address: '5 rue de Nantes',
      lat: 47.2762,
      lng: -1.7807,
    },
  ];

  // Six 1 h 30 workshops on Monday afternoons, three groups at each amicale.
  const monday = nextWeekday(1, 3);
  const firstSessions: Record<string, string> = {};
  for (const amicale of amicales) {
    for (const group of CYCLE_GROUPS) {
      const first = await createEvent(em, amicale.admin, {
        organizationId: amicale.organization.id,
        kind: EventKind.ATELIER,
        title: `Cycle numérique ${group.label} — ${amicale.commune}`,
        description: `${group.pitch}\n\nSix séances d’1 h 30, le lundi. Apportez votre appareil si vous en avez un ; sinon, l’amicale en prête.`,
        localStart: `${monday}T${group.start}`,
        localEnd: `${monday}T${group.end}`,
        weeklySessions: 6,
        placeId: amicale.organization.id,
        address: amicale.address,
        postalCode: amicale.postalCode,
        commune: amicale.commune,
        latitude: amicale.lat,
        longitude: amicale.lng,
        capacity: group.capacity,
        level: group.level,
        publics: group.label.startsWith('actifs') ? ['Actifs', 'Parents'] : ['Seniors', 'Tout public'],
        accessibility: 'Salle de plain-pied, accessible en fauteuil roulant.',
        fees: 'Gratuit (adhésion à l’amicale : 10 € l’année)',
        coOrganizerIds: [organizations.reseau.id],
      });
      firstSessions[`${amicale.commune}:${group.label}`] = first.series!.id;
    }
  }
  await registerToSeries(em, people.bernard, firstSessions['Malville:débutants']);
  await registerToSeries(em, people.lucas, firstSessions['Savenay:actifs (après le travail)']);

  // The café citoyen.
  const cafeDay = nextWeekday(4, 16);
  const cafe = await createEvent(em, people.camille, {
    organizationId: organizations.reseau.id,
    kind: EventKind.CAFE_CITOYEN,
    title: 'Le numérique pour tous ? À quelle condition',
    description:
      'Un café citoyen ouvert à toutes et tous : que veut dire « inclusion numérique » quand les services publics passent en ligne ? Témoignages d’aidants, de bénévoles et d’usagers, puis discussion.\n\nBoissons offertes par l’amicale.',
    localStart: `${cafeDay}T19:00`,
    localEnd: `${cafeDay}T21:00`,
    placeId: organizations.savenay.id,
    address: '8 rue de la Mairie',
    postalCode: '44260',
    commune: 'Savenay',
    latitude: 47.3589,
    longitude: -1.9431,
    capacity: 40,
    publics: ['Tout public'],
    accessibility: 'Accessible en fauteuil roulant ; boucle magnétique sur demande.',
    fees: 'Gratuit',
    coOrganizerIds: [organizations.savenay.id, organizations.malville.id, organizations.montluc.id],
  });
  for (const person of [people.bernard, people.lucas, people.karim, people.nadia]) await registerToEvent(em, person, cafe.id);

  // A small permanence that is already full: the waitlist shows.
  const permanenceDay = nextWeekday(3, 6);
  const permanence = await createEvent(em, people.karim, {
    organizationId: organizations.malville.id,
    kind: EventKind.PERMANENCE,
    title: 'Permanence Aidants Connect : vos démarches CAF et impôts',
    description:
      'Un rendez-vous individuel de 2 heures pour avancer sur une démarche précise. Pensez à vos identifiants et à vos justificatifs.',
    localStart: `${permanenceDay}T09:30`,
    localEnd: `${permanenceDay}T11:30`,
    placeId: organizations.malville.id,
    address: '2 place de l’Église',
    postalCode: '44260',
    commune: 'Malville',
    capacity: 2,
    level: DigitalLevel.ELOIGNE,
    publics: ['Allocataires CAF', 'Seniors'],
    fees: 'Gratuit',
  });
  for (const person of [people.bernard, people.lucas, people.nadia]) await registerToEvent(em, person, permanence.id);

  // A webinaire for the mediators of the network.
  const webinaireDay = nextWeekday(2, 10);
  await createEvent(em, people.camille, {
    organizationId: organizations.reseau.id,
    kind: EventKind.WEBINAIRE,
    title: 'Webinaire : accompagner sans faire à la place',
    description: 'Une heure entre médiateurs et médiatrices pour partager nos façons de rendre les gens autonomes, avec des cas concrets.',
    localStart: `${webinaireDay}T12:30`,
    localEnd: `${webinaireDay}T13:30`,
    onlineUrl: 'https://visio.exemple.fr/maillage-webinaire',
    capacity: 100,
    level: DigitalLevel.AUTONOME,
    publics: ['Médiateurs numériques', 'Conseillers numériques'],
    fees: 'Gratuit',
  });

  // The regional barcamp of digital mediation.
  const barcampDay = nextWeekday(6, 35);
  const barcamp = await createEvent(em, people.camille, {
    organizationId: organizations.reseau.id,
    kind: EventKind.BARCAMP,
    title: 'Barcamp régional de la médiation numérique',
    description:
      'Une rencontre collective et créative : pas de programme écrit à l’avance, ce sont les participantes et participants qui proposent les sessions. Trois thématiques pour nous guider.',
    localStart: `${barcampDay}T09:00`,
    localEnd: `${barcampDay}T17:00`,
    address: 'Maison des associations, 9 rue Arsène-Leloup',
    postalCode: '44100',
    commune: 'Nantes',
    latitude: 47.2129,
    longitude: -1.5688,
    capacity: 80,
    publics: ['Médiateurs numériques', 'Bénévoles', 'Élus', 'Travailleurs sociaux'],
    accessibility: 'Bâtiment accessible, ascenseur ; repas végétarien sur inscription.',
    fees: 'Gratuit, repas à prix libre',
    themes: ['Former les médiateurs', 'Les lieux de demain', 'S’organiser localement'],
    coOrganizerIds: [organizations.savenay.id, organizations.malville.id, organizations.montluc.id],
  });
  await saveGrid(em, people.camille, {
    eventId: barcamp.id,
    rooms: [
      { name: 'Grande salle', capacity: 60 },
      { name: 'Salle Atelier', capacity: 25 },
      { name: 'Salle du jardin', capacity: 15 },
    ],
    slots: [
      { localStart: `${barcampDay}T10:00`, localEnd: `${barcampDay}T11:00` },
      { localStart: `${barcampDay}T11:15`, localEnd: `${barcampDay}T12:15` },
      { localStart: `${barcampDay}T14:00`, localEnd: `${barcampDay}T15:00` },
      { localStart: `${barcampDay}T15:15`, localEnd: `${barcampDay}T16:15` },
    ],
  });
  for (const person of [people.karim, people.sophie, people.lucas, people.nadia, people.bernard, people.moderator])
    await registerToEvent(em, person, barcamp.id);
  const proposals = [
    {
      by: people.moderator,
      title: 'Former les nouveaux conseillers numériques en binôme',
      theme: 'Former les médiateurs',
      speakers: [people.camille],
      pitch: 'Retours sur six mois de tutorat entre anciens et nouveaux conseillers.',
    },
    {
      by: people.karim,
      title: 'Pix et certification : ce qui marche avec les publics éloignés',
      theme: 'Former les médiateurs',
      speakers: [],
      pitch: 'Préparer une certification sans décourager personne.',
    },
    {
      by: people.sophie,
      title: 'Le FabLab comme lieu de médiation',
      theme: 'Les lieux de demain',
      speakers: [],
      pitch: 'Réparer, fabriquer, apprendre : quand le faire ouvre la porte du numérique.',
    },
    {
      by: people.nadia,
      title: 'France Services et associations : partager l’accueil',
      theme: 'Les lieux de demain',
      speakers: [],
      pitch: 'Comment orienter sans renvoyer de guichet en guichet.',
    },
    {
      by: people.lucas,
      title: 'Animer un réseau local de bénévoles',
      theme: 'S’organiser localement',
      speakers: [people.bernard],
      pitch: 'Planning, entraide et convivialité : nos trucs à Savenay et Malville.',
    },
    {
      by: people.karim,
      title: 'Un agenda commun pour le territoire',
      theme: 'S’organiser localement',
      speakers: [],
      pitch: 'Publier ensemble nos ateliers pour que les habitants s’y retrouvent.',
    },
  ];
  const sessions = [];
  for (const proposal of proposals) {
    sessions.push(
      await proposeSession(em, proposal.by, {
        eventId: barcamp.id,
        title: proposal.title,
        pitch: proposal.pitch,
        theme: proposal.theme,
        speakerIds: proposal.speakers.map((s) => s.id),
      }),
    );
  }
  const interested = [people.camille, people.karim, people.sophie, people.lucas, people.nadia, people.bernard, people.moderator];
  const marks = [5, 3, 4, 2, 6, 1];
  for (const [index, session] of sessions.entries()) {
    for (const person of interested.slice(0, marks[index])) await markInterest(em, person, session.id, true);
  }
  await autoSchedule(em, people.camille, barcamp.id);
  // The demo's co-organizers have said yes (an invitation is pending until an admin of the organization accepts).
  await em.nativeUpdate(
    EventCoOrganizer,
    { status: CoOrganizationStatus.PENDING },
    { status: CoOrganizationStatus.ACCEPTED, respondedAt: new Date() },
  );
}
