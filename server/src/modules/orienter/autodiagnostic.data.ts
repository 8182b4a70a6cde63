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

export const SELF_CHECK_SOURCE: Words = {
  fr: 'Les cinq niveaux d’autonomie numérique décrits par les groupes de travail de la médiation numérique du Grand Nancy. Questions écrites pour Maillage.',
  en: 'The five levels of digital autonomy described by the digital-mediation working groups of the Grand Nancy. Questions written for Maillage.',
};

export const SELF_CHECK_LEVELS: readonly SelfCheckLevel[] = [
  {
    key: 'eloigne',
    from: 0,
    label: { fr: 'Éloigné', en: 'Far from digital' },
    description: {
      fr: 'Le numérique est encore loin de vous, et c’est très courant. Un lieu près de chez vous peut vous accompagner pas à pas, ou faire avec vous.',
      en: 'Digital tools are still far from you, which is very common. A place near you can go step by step with you, or do it with you.',
    },
  },
  {
    key: 'debutant',
    from: 0.75,
    label: { fr: 'Débutant', en: 'Beginner' },
    description: {
      fr: 'Vous avez déjà fait vos premiers pas. Un atelier pour débuter vous aidera à gagner en confiance.',
      en: 'You have taken your first steps. A beginners’ workshop will help you feel confident.',
    },
  },
  {
    key: 'intermediaire',
    from: 1.75,
    label: { fr: 'Intermédiaire', en: 'Intermediate' },
    description: {
      fr: 'Vous savez faire l’essentiel. Quelques ateliers vous permettront d’aller plus loin, à votre rythme.',
      en: 'You can do the essentials. A few workshops will take you further, at your own pace.',
    },
  },
  {
    key: 'avance',
    from: 2.75,
    label: { fr: 'Avancé', en: 'Advanced' },
    description: {
      fr: 'Vous vous débrouillez bien. Vous pouvez approfondir un sujet précis quand vous en avez besoin.',
      en: 'You manage well. You can go deeper into a given subject when you need to.',
    },
  },
  {
    key: 'autonome',
    from: 3.5,
    label: { fr: 'Autonome', en: 'Autonomous' },
    description: {
      fr: 'Vous êtes à l’aise, et vous pouvez même aider les personnes autour de vous.',
      en: 'You are at ease, and you can even help the people around you.',
    },
  },
];

export const SELF_CHECK_DOMAINS: readonly SelfCheckDomain[] = [
  { key: 'equipement', label: { fr: 'Équipement', en: 'Equipment' } },
  { key: 'communication', label: { fr: 'Communiquer', en: 'Communicating' } },
  { key: 'demarches', label: { fr: 'Démarches en ligne', en: 'Online procedures' } },
  { key: 'information', label: { fr: 'S’informer', en: 'Finding information' } },
  { key: 'securite', label: { fr: 'Se protéger', en: 'Staying safe' } },
];

/** The usual answers, from "never" to "on my own, and I help others". */
const HOW_OFTEN: readonly SelfCheckAnswer[] = [
  { label: { fr: 'Je ne l’ai jamais fait', en: 'I have never done it' }, points: 0 },
  { label: { fr: 'Quelqu’un le fait pour moi', en: 'Someone does it for me' }, points: 1 },
  { label: { fr: 'Je le fais avec de l’aide', en: 'I do it with some help' }, points: 2 },
  { label: { fr: 'Je le fais seul·e', en: 'I do it on my own' }, points: 3 },
  { label: { fr: 'Je le fais seul·e et j’aide les autres', en: 'I do it on my own and help others' }, points: 4 },
];

export const SELF_CHECK_QUESTIONS: readonly SelfCheckQuestion[] = [
  {
    domain: 'equipement',
    text: {
      fr: 'Avez-vous un téléphone portable, une tablette ou un ordinateur à vous ?',
      en: 'Do you have a mobile phone, tablet or computer of your own?',
    },
    answers: [
      { label: { fr: 'Non, aucun', en: 'No, none' }, points: 0 },
      { label: { fr: 'J’en emprunte un quand j’en ai besoin', en: 'I borrow one when I need it' }, points: 1 },
      { label: { fr: 'Oui, un téléphone simple', en: 'Yes, a basic phone' }, points: 2 },
      { label: { fr: 'Oui, un smartphone, une tablette ou un ordinateur', en: 'Yes, a smartphone, tablet or computer' }, points: 3 },
      { label: { fr: 'Oui, plusieurs, et je sais les régler', en: 'Yes, several, and I can set them up' }, points: 4 },
    ],
  },
  {
    domain: 'equipement',
    text: { fr: 'Avez-vous accès à internet chez vous ?', en: 'Do you have internet access at home?' },
    answers: [
      { label: { fr: 'Non', en: 'No' }, points: 0 },
      {
        label: { fr: 'Parfois, chez quelqu’un ou dans un lieu public', en: 'Sometimes, at someone’s home or in a public place' },
        points: 1,
      },
      { label: { fr: 'Oui, avec mon téléphone seulement', en: 'Yes, with my phone only' }, points: 2 },
      { label: { fr: 'Oui, avec une box ou le wifi', en: 'Yes, with a box or wifi' }, points: 3 },
      { label: { fr: 'Oui, et je sais régler un problème de connexion', en: 'Yes, and I can fix a connection problem' }, points: 4 },
    ],
  },
  {
    domain: 'communication',
    text: { fr: 'Envoyer un message écrit (SMS) à un proche', en: 'Sending a text message to someone close' },
    answers: HOW_OFTEN,
  },
  {
    domain: 'communication',
    text: {
      fr: 'Envoyer un e-mail avec une pièce jointe (une photo, un document)',
      en: 'Sending an e-mail with an attachment (a photo, a document)',
    },
    answers: HOW_OFTEN,
  },
  {
    domain: 'communication',
    text: { fr: 'Faire un appel en vidéo (WhatsApp, Visio…)', en: 'Making a video call (WhatsApp, video…)' },
    answers: HOW_OFTEN,
  },
  {
    domain: 'demarches',
    text: {
      fr: 'Vous connecter à un site avec un identifiant et un mot de passe',
      en: 'Signing in to a website with a username and password',
    },
    answers: HOW_OFTEN,
  },
  {
    domain: 'demarches',
    text: {
      fr: 'Faire une démarche en ligne (CAF, impôts, Ameli, France Travail…)',
      en: 'Doing a procedure online (benefits, taxes, health insurance, job centre…)',
    },
    answers: HOW_OFTEN,
  },
  {
    domain: 'demarches',
    text: { fr: 'Envoyer un document scanné ou pris en photo', en: 'Sending a scanned or photographed document' },
    answers: HOW_OFTEN,
  },
  {
    domain: 'information',
    text: {
      fr: 'Chercher une information sur internet (horaires, adresse, actualité)',
      en: 'Looking something up on the internet (opening hours, an address, the news)',
    },
    answers: HOW_OFTEN,
  },
  {
    domain: 'information',
    text: { fr: 'Savoir si un site ou une information est fiable', en: 'Telling whether a website or a piece of news can be trusted' },
    answers: HOW_OFTEN,
  },
  {
    domain: 'securite',
    text: { fr: 'Reconnaître un message frauduleux (faux colis, fausse banque…)', en: 'Spotting a scam message (fake parcel, fake bank…)' },
    answers: HOW_OFTEN,
  },
  {
    domain: 'securite',
    text: { fr: 'Choisir un mot de passe solide et le garder pour vous', en: 'Choosing a strong password and keeping it to yourself' },
    answers: HOW_OFTEN,
  },
];
