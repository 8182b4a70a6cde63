/**
 * The self-check of the five levels of digital autonomy ("autodiagnostic"), as data: the domains,
 * the questions with their answers, and the thresholds that turn answers into a level per domain.
 * autodiagnostic.ts only computes; changing a question, an answer or a threshold happens here.
 *
 * Source. The five levels (Éloigné, Débutant, Intermédiaire, Avancé, Autonome) are those the
 * working groups of the digital-mediation network of the Grand Nancy describe when they ask
 * "comment orienter ?", as issue #20 of Maillage reports them; the agenda uses the same five
 * levels for its events (agenda/event.entity.ts, DigitalLevel). The questions and answers were
 * written for Maillage, in plain words that can be read aloud, in the spirit of the self-checks
 * of Les Bons Clics and ABC Diag, without copying them. The thresholds are Maillage's own choice
 * (below) and are checked by autodiagnostic.test.ts.
 *
 * Scoring. Each answer is worth 0 to 4 points ("je ne l'ai jamais fait" → 0, "je le fais seul·e
 * et j'aide les autres" → 4). A domain's score is the mean of its questions' points; its level is
 * the last one whose `from` the score reaches. Nothing is said to the person about points.
 */
import { say } from '../../i18n/lang.js';

export type LevelKey = 'eloigne' | 'debutant' | 'intermediaire' | 'avance' | 'autonome';
export type DomainKey = 'equipement' | 'communication' | 'demarches' | 'information' | 'securite';

interface Words {
  fr: string;
  en: string;
}

export interface SelfCheckLevel {
  key: LevelKey;
  label: Words;
  /** What this level means, said kindly: what the person can already do and what may help next. */
  description: Words;
  /** The mean score (0 to 4) from which a domain is at this level. */
  from: number;
}

export interface SelfCheckDomain {
  key: DomainKey;
  label: Words;
}

export interface SelfCheckAnswer {
  label: Words;
  points: 0 | 1 | 2 | 3 | 4;
}

export interface SelfCheckQuestion {
  domain: DomainKey;
  text: Words;
  answers: readonly SelfCheckAnswer[];
}

export const SELF_CHECK_SOURCE: Words = say(
  'Les cinq niveaux d’autonomie numérique décrits par les groupes de travail de la médiation numérique du Grand Nancy. Questions écrites pour Maillage.',
  'The five levels of digital autonomy described by the digital-mediation working groups of the Grand Nancy. Questions written for Maillage.',
);

export const SELF_CHECK_LEVELS: readonly SelfCheckLevel[] = [
  {
    key: 'eloigne',
    from: 0,
    label: say('Éloigné', 'Far from digital'),
    description: say(
      'Le numérique est encore loin de vous, et c’est très courant. Un lieu près de chez vous peut vous accompagner pas à pas, ou faire avec vous.',
      'Digital tools are still far from you, which is very common. A place near you can go step by step with you, or do it with you.',
    ),
  },
  {
    key: 'debutant',
    from: 0.75,
    label: say('Débutant', 'Beginner'),
    description: say(
      'Vous avez déjà fait vos premiers pas. Un atelier pour débuter vous aidera à gagner en confiance.',
      'You have taken your first steps. A beginners’ workshop will help you feel confident.',
    ),
  },
  {
    key: 'intermediaire',
    from: 1.75,
    label: say('Intermédiaire', 'Intermediate'),
    description: say(
      'Vous savez faire l’essentiel. Quelques ateliers vous permettront d’aller plus loin, à votre rythme.',
      'You can do the essentials. A few workshops will take you further, at your own pace.',
    ),
  },
  {
    key: 'avance',
    from: 2.75,
    label: say('Avancé', 'Advanced'),
    description: say(
      'Vous vous débrouillez bien. Vous pouvez approfondir un sujet précis quand vous en avez besoin.',
      'You manage well. You can go deeper into a given subject when you need to.',
    ),
  },
  {
    key: 'autonome',
    from: 3.5,
    label: say('Autonome', 'Autonomous'),
    description: say(
      'Vous êtes à l’aise, et vous pouvez même aider les personnes autour de vous.',
      'You are at ease, and you can even help the people around you.',
    ),
  },
];

export const SELF_CHECK_DOMAINS: readonly SelfCheckDomain[] = [
  { key: 'equipement', label: say('Équipement', 'Equipment') },
  { key: 'communication', label: say('Communiquer', 'Communicating') },
  { key: 'demarches', label: say('Démarches en ligne', 'Online procedures') },
  { key: 'information', label: say('S’informer', 'Finding information') },
  { key: 'securite', label: say('Se protéger', 'Staying safe') },
];

/** The usual answers, from "never" to "on my own, and I help others". */
const HOW_OFTEN: readonly SelfCheckAnswer[] = [
  { label: say('Je ne l’ai jamais fait', 'I have never done it'), points: 0 },
  { label: say('Quelqu’un le fait pour moi', 'Someone does it for me'), points: 1 },
  { label: say('Je le fais avec de l’aide', 'I do it with some help'), points: 2 },
  { label: say('Je le fais seul·e', 'I do it on my own'), points: 3 },
  { label: say('Je le fais seul·e et j’aide les autres', 'I do it on my own and help others'), points: 4 },
];

export const SELF_CHECK_QUESTIONS: readonly SelfCheckQuestion[] = [
  {
    domain: 'equipement',
    text: say(
      'Avez-vous un téléphone portable, une tablette ou un ordinateur à vous ?',
      'Do you have a mobile phone, tablet or computer of your own?',
    ),
    answers: [
      { label: say('Non, aucun', 'No, none'), points: 0 },
      { label: say('J’en emprunte un quand j’en ai besoin', 'I borrow one when I need it'), points: 1 },
      { label: say('Oui, un téléphone simple', 'Yes, a basic phone'), points: 2 },
      { label: say('Oui, un smartphone, une tablette ou un ordinateur', 'Yes, a smartphone, tablet or computer'), points: 3 },
      { label: say('Oui, plusieurs, et je sais les régler', 'Yes, several, and I can set them up'), points: 4 },
    ],
  },
  {
    domain: 'equipement',
    text: say('Avez-vous accès à internet chez vous ?', 'Do you have internet access at home?'),
    answers: [
      { label: say('Non', 'No'), points: 0 },
      {
        label: say('Parfois, chez quelqu’un ou dans un lieu public', 'Sometimes, at someone’s home or in a public place'),
        points: 1,
      },
      { label: say('Oui, avec mon téléphone seulement', 'Yes, with my phone only'), points: 2 },
      { label: say('Oui, avec une box ou le wifi', 'Yes, with a box or wifi'), points: 3 },
      { label: say('Oui, et je sais régler un problème de connexion', 'Yes, and I can fix a connection problem'), points: 4 },
    ],
  },
  {
    domain: 'communication',
    text: say('Envoyer un message écrit (SMS) à un proche', 'Sending a text message to someone close'),
    answers: HOW_OFTEN,
  },
  {
    domain: 'communication',
    text: say(
      'Envoyer un e-mail avec une pièce jointe (une photo, un document)',
      'Sending an e-mail with an attachment (a photo, a document)',
    ),
    answers: HOW_OFTEN,
  },
  {
    domain: 'communication',
    text: say('Faire un appel en vidéo (WhatsApp, Visio…)', 'Making a video call (WhatsApp, video…)'),
    answers: HOW_OFTEN,
  },
  {
    domain: 'demarches',
    text: say('Vous connecter à un site avec un identifiant et un mot de passe', 'Signing in to a website with a username and password'),
    answers: HOW_OFTEN,
  },
  {
    domain: 'demarches',
    text: say(
      'Faire une démarche en ligne (CAF, impôts, Ameli, France Travail…)',
      'Doing a procedure online (benefits, taxes, health insurance, job centre…)',
    ),
    answers: HOW_OFTEN,
  },
  {
    domain: 'demarches',
    text: say('Envoyer un document scanné ou pris en photo', 'Sending a scanned or photographed document'),
    answers: HOW_OFTEN,
  },
  {
    domain: 'information',
    text: say(
      'Chercher une information sur internet (horaires, adresse, actualité)',
      'Looking something up on the internet (opening hours, an address, the news)',
    ),
    answers: HOW_OFTEN,
  },
  {
    domain: 'information',
    text: say('Savoir si un site ou une information est fiable', 'Telling whether a website or a piece of news can be trusted'),
    answers: HOW_OFTEN,
  },
  {
    domain: 'securite',
    text: say('Reconnaître un message frauduleux (faux colis, fausse banque…)', 'Spotting a scam message (fake parcel, fake bank…)'),
    answers: HOW_OFTEN,
  },
  {
    domain: 'securite',
    text: say('Choisir un mot de passe solide et le garder pour vous', 'Choosing a strong password and keeping it to yourself'),
    answers: HOW_OFTEN,
  },
];
