/**
 * The orientation's questions as data: the needs in everyday words (each one a service of the national
 * standard, server/src/modules/reseau/standard.ts) with what to bring, the half-days, the ways of travelling
 * and what a person may need to be welcomed (each one a field of the place).
 */
import { say, type Text } from '../../i18n/lang.js';

export interface Need {
  /** The word in the address (`?besoin=demarches`). */
  key: string;
  label: Text;
  /** The standard's service (VOCABULARY.services). */
  service: string;
  /** What the person brings, said plainly. */
  toBring: Text[];
}

const IDENTITY = say('une pièce d’identité', 'an identity document');

export const NEEDS: readonly Need[] = [
  {
    key: 'demarches',
    label: say('Faire une démarche en ligne (CAF, impôts, santé, retraite…)', 'Do an official procedure online (benefits, taxes, health…)'),
    service: 'Aide aux démarches administratives',
    toBring: [
      IDENTITY,
      say(
        'vos identifiants s’il y en a (FranceConnect, ameli, impots.gouv, CAF…)',
        'your sign-in details if you have them (FranceConnect, ameli, tax site, CAF…)',
      ),
      say(
        'les courriers reçus et vos numéros (allocataire, fiscal, sécurité sociale)',
        'the letters you received and your reference numbers',
      ),
      say('votre téléphone portable, pour recevoir les codes', 'your mobile phone, to receive codes'),
    ],
  },
  {
    key: 'appareil',
    label: say('Apprendre à utiliser un smartphone, une tablette ou un ordinateur', 'Learn to use a smartphone, a tablet or a computer'),
    service: 'Maîtrise des outils numériques du quotidien',
    toBring: [
      say('votre appareil, chargé', 'your device, charged'),
      say('ses codes : code PIN, mot de passe du compte Google ou Apple', 'its codes: PIN, Google or Apple account password'),
    ],
  },
  {
    key: 'emploi',
    label: say('Chercher un emploi ou une formation sur internet', 'Look for a job or a training course online'),
    service: 'Insertion professionnelle via le numérique',
    toBring: [
      IDENTITY,
      say('votre CV si vous en avez un (papier ou clé USB)', 'your CV if you have one (paper or USB stick)'),
      say('vos identifiants France Travail', 'your France Travail sign-in details'),
    ],
  },
  {
    key: 'securite',
    label: say('Se protéger des arnaques et protéger ses données', 'Protect yourself from scams and protect your data'),
    service: 'Utilisation sécurisée du numérique',
    toBring: [
      say('votre appareil, chargé', 'your device, charged'),
      say('les messages qui vous inquiètent, sans y répondre', 'the messages that worry you, without answering them'),
    ],
  },
  {
    key: 'parents',
    label: say('Accompagner ses enfants sur internet et les écrans', 'Help your children with the internet and screens'),
    service: 'Parentalité et éducation avec le numérique',
    toBring: [say('vos questions, et l’appareil de la famille si vous le souhaitez', 'your questions, and the family device if you wish')],
  },
  {
    key: 'loisirs',
    label: say('Créer, jouer, partager ses photos ou vidéos', 'Create, play, share photos or videos'),
    service: 'Loisirs et créations numériques',
    toBring: [say('votre appareil si vous en avez un', 'your device if you have one')],
  },
  {
    key: 'comprendre',
    label: say('Comprendre le numérique (réseaux sociaux, intelligence artificielle…)', 'Understand digital life (social media, AI…)'),
    service: 'Compréhension du monde numérique',
    toBring: [say('vos questions', 'your questions')],
  },
  {
    key: 'acces',
    label: say('Utiliser un ordinateur et internet sur place', 'Use a computer and the internet on site'),
    service: 'Accès internet et matériel informatique',
    toBring: [
      say('une clé USB si vous voulez garder vos documents', 'a USB stick if you want to keep your documents'),
      say('vos identifiants des sites que vous utilisez', 'your sign-in details for the sites you use'),
    ],
  },
  {
    key: 'materiel',
    label: say('Acheter un ordinateur ou un téléphone à petit prix', 'Buy a computer or a phone at a low price'),
    service: 'Acquisition de matériel informatique à prix solidaire',
    toBring: [
      IDENTITY,
      say('un justificatif de ressources si le lieu le demande (appelez avant)', 'proof of income if the place asks for it (call first)'),
    ],
  },
];

export function needOf(key: string | null | undefined): Need | null {
  return NEEDS.find((need) => need.key === key) ?? null;
}

/** The days (the opening_hours library's numbers: 0 is Sunday) and half-days a person may choose. */
export const DAYS: ReadonlyArray<{ key: string; weekday: number; label: Text }> = [
  { key: 'lundi', weekday: 1, label: say('lundi', 'Monday') },
  { key: 'mardi', weekday: 2, label: say('mardi', 'Tuesday') },
  { key: 'mercredi', weekday: 3, label: say('mercredi', 'Wednesday') },
  { key: 'jeudi', weekday: 4, label: say('jeudi', 'Thursday') },
  { key: 'vendredi', weekday: 5, label: say('vendredi', 'Friday') },
  { key: 'samedi', weekday: 6, label: say('samedi', 'Saturday') },
];

/** A half-day, on the wall clock of the place: the morning from 9 h to 12 h, the afternoon from 14 h to 17 h. */
export const HALF_DAYS: ReadonlyArray<{ key: string; from: number; to: number; label: Text }> = [
  { key: 'matin', from: 9, to: 12, label: say('matin', 'morning') },
  { key: 'apres-midi', from: 14, to: 17, label: say('après-midi', 'afternoon') },
];

/** "lundi-matin" → its day and half-day, or null. */
export function slotOf(key: string): { day: (typeof DAYS)[number]; half: (typeof HALF_DAYS)[number] } | null {
  const half = HALF_DAYS.find((h) => key.endsWith(`-${h.key}`));
  const day = half ? DAYS.find((d) => key === `${d.key}-${half.key}`) : undefined;
  return day && half ? { day, half } : null;
}

/** How the person gets there, and how far that takes them (the ranking prefers places within `reachKm`). */
export const TRAVEL: ReadonlyArray<{ key: string; label: Text; reachKm: number }> = [
  { key: 'marche', label: say('À pied', 'On foot'), reachKm: 2 },
  { key: 'transports', label: say('En bus, en tram, en train ou en voiture', 'By bus, tram, train or car'), reachKm: 20 },
  { key: 'aucun', label: say('Je ne peux pas me déplacer', 'I cannot travel'), reachKm: 0 },
];

/** What a person may need to be welcomed, and the place's field that says it offers it. */
export interface WelcomeNeed {
  key: string;
  label: Text;
  /** Why the place fits, when it does. */
  fits: Text;
  offeredBy(place: {
    priseEnChargeSpecifique: string[];
    fraisACharge: string[];
    modalitesAccompagnement: string[];
    services: string[];
    ficheAccesLibre: string | null;
  }): boolean;
}

export const WELCOME_NEEDS: readonly WelcomeNeed[] = [
  {
    key: 'fauteuil',
    label: say('Un lieu accessible en fauteuil roulant ou à mobilité réduite', 'A place accessible by wheelchair or with reduced mobility'),
    fits: say('Accueille les personnes à mobilité réduite', 'Welcomes people with reduced mobility'),
    offeredBy: (p) => p.priseEnChargeSpecifique.includes('Handicaps moteurs'),
  },
  {
    key: 'surdite',
    label: say('Un accueil adapté aux personnes sourdes ou malentendantes', 'A welcome suited to deaf or hard-of-hearing people'),
    fits: say('Accueil adapté à la surdité', 'Suited to deaf people'),
    offeredBy: (p) => p.priseEnChargeSpecifique.includes('Surdité'),
  },
  {
    key: 'vue',
    label: say('Un accueil adapté aux personnes aveugles ou malvoyantes', 'A welcome suited to blind or partially sighted people'),
    fits: say('Accueil adapté aux personnes malvoyantes', 'Suited to partially sighted people'),
    offeredBy: (p) => p.priseEnChargeSpecifique.includes('Déficience visuelle'),
  },
  {
    key: 'lecture',
    label: say('De l’aide si lire ou écrire est difficile', 'Help if reading or writing is hard'),
    fits: say('Aide les personnes pour qui lire ou écrire est difficile', 'Helps people for whom reading or writing is hard'),
    offeredBy: (p) => p.priseEnChargeSpecifique.includes('Illettrisme'),
  },
  {
    key: 'langue',
    label: say('Une aide dans une autre langue que le français', 'Help in a language other than French'),
    fits: say('Aide dans d’autres langues que le français', 'Helps in other languages than French'),
    offeredBy: (p) =>
      p.priseEnChargeSpecifique.includes('Langues étrangères (anglais)') ||
      p.priseEnChargeSpecifique.includes('Langues étrangères (autres)'),
  },
  {
    key: 'individuel',
    label: say('Un accompagnement individuel, seul·e avec une personne', 'One-to-one help'),
    fits: say('Accompagnement individuel', 'One-to-one help'),
    offeredBy: (p) => p.modalitesAccompagnement.includes('Accompagnement individuel'),
  },
  {
    key: 'gratuit',
    label: say('Que ce soit gratuit', 'Free of charge'),
    fits: say('Gratuit', 'Free'),
    offeredBy: (p) => p.fraisACharge.includes('Gratuit'),
  },
  {
    key: 'materiel',
    label: say('Un ordinateur ou une tablette prêté sur place', 'A computer or tablet lent on site'),
    fits: say('Prête un ordinateur sur place', 'Lends a computer on site'),
    offeredBy: (p) => p.services.includes('Accès internet et matériel informatique'),
  },
];
