import type { EntityManager } from '@mikro-orm/postgresql';
import { VoteValue } from '../modules/entraide/entraide.types.js';
import * as entraide from '../modules/entraide/entraide.service.js';
import type { DemoWorld } from './demo.js';

/**
 * Entraide of the demo network: questions drawn from the field (CAF procedures, Aidants Connect, Pix,
 * smartphones, a person who cannot read…), answered by the seeded conseillers, with votes, accepted answers,
 * one open question nobody has answered yet, and people following tags and questions.
 */
export async function seedEntraide(em: EntityManager, { people }: DemoWorld): Promise<void> {
  const { camille, karim, sophie, lucas, nadia, bernard, moderator } = people;

  // Follows first, so the questions below tell their followers (the demo accounts have notifications).
  await entraide.followTag(em, camille, { tag: 'CAF', follow: true });
  await entraide.followTag(em, nadia, { tag: 'CAF', follow: true });
  await entraide.followTag(em, karim, { tag: 'Pix', follow: true });
  await entraide.followTag(em, lucas, { tag: 'Smartphone', follow: true });

  const sms = await entraide.askQuestion(em, bernard, {
    title: 'Démarches CAF : une bénéficiaire ne reçoit plus le code de connexion par SMS',
    body: [
      'Une dame que j’accompagne à Malville doit faire sa **déclaration trimestrielle RSA**.',
      'Depuis qu’elle a changé de numéro, le code de connexion arrive sur l’ancien téléphone.',
      '',
      'Comment lui faire changer son numéro sans pouvoir se connecter ?',
    ].join('\n'),
    tags: ['CAF', 'Démarches en ligne'],
    departement: '44',
    commune: 'Malville',
  });
  const smsByCamille = await entraide.answerQuestion(em, camille, {
    questionId: sms,
    body: [
      'Ça m’arrive chaque semaine à Savenay. Deux possibilités :',
      '',
      '1. Sur caf.fr, choisir **« Mot de passe oublié »** puis « Je n’ai plus accès à mon téléphone » : la CAF envoie un courrier avec un code provisoire (compter une semaine).',
      '2. Plus rapide : appeler le **3230** avec elle, le conseiller met à jour le numéro après quelques questions de sécurité.',
      '',
      'Pensez à noter le nouveau numéro dans son carnet, elle en aura besoin pour France Connect aussi.',
    ].join('\n'),
  });
  const smsByNadia = await entraide.answerQuestion(em, nadia, {
    questionId: sms,
    body: 'En France Services, nous pouvons aussi demander la mise à jour via notre correspondant CAF (réponse sous 48 h en général).',
  });
  await entraide.vote(em, karim, { answerId: smsByCamille, value: VoteValue.UP });
  await entraide.vote(em, lucas, { answerId: smsByCamille, value: VoteValue.UP });
  await entraide.vote(em, moderator, { answerId: smsByNadia, value: VoteValue.UP });
  await entraide.vote(em, camille, { questionId: sms, value: VoteValue.UP });
  await entraide.acceptAnswer(em, bernard, smsByCamille);

  const aidants = await entraide.askQuestion(em, lucas, {
    title: 'Aidants Connect : peut-on faire une démarche pour une personne absente ?',
    body: 'Un monsieur a créé un mandat la semaine dernière mais ne peut pas se déplacer. Puis-je faire sa démarche ANTS sans lui ?',
    tags: ['Aidants Connect', 'ANTS'],
    departement: '44',
    commune: 'Savenay',
  });
  const aidantsByCamille = await entraide.answerQuestion(em, camille, {
    questionId: aidants,
    body: [
      'Oui, tant que le **mandat est en cours** et qu’il couvre la démarche « papiers et citoyenneté ».',
      'Vérifiez-le dans votre espace Aidants Connect, rubrique « Mes mandats ». Sinon, il faut renouveler le mandat avec lui.',
    ].join('\n'),
  });
  await entraide.vote(em, karim, { answerId: aidantsByCamille, value: VoteValue.UP });
  // Lucas never came back to accept: the moderation accepted the answer that solved it.
  await entraide.acceptAnswer(em, moderator, aidantsByCamille);

  const pix = await entraide.askQuestion(em, sophie, {
    title: 'Pix : comment préparer un groupe de demandeurs d’emploi à la certification ?',
    body: 'Nous accueillons huit personnes envoyées par France Travail. Combien de séances prévoir avant la certification Pix ?',
    tags: ['Pix', 'Formation'],
    departement: '44',
    commune: 'Saint-Étienne-de-Montluc',
  });
  const pixByKarim = await entraide.answerQuestion(em, karim, {
    questionId: pix,
    body: [
      'À Malville nous faisons **quatre séances de 2 h** : un positionnement Pix Orga, deux séances sur les compétences les plus faibles du groupe, puis un parcours d’entraînement chronométré.',
      '',
      'Astuce : créez une campagne d’évaluation dans Pix Orga, vous voyez les résultats de chacun.',
    ].join('\n'),
  });
  await entraide.vote(em, camille, { answerId: pixByKarim, value: VoteValue.UP });
  await entraide.vote(em, moderator, { answerId: pixByKarim, value: VoteValue.UP });
  await entraide.vote(em, sophie, { answerId: pixByKarim, value: VoteValue.UP });
  await entraide.acceptAnswer(em, sophie, pixByKarim);

  const lire = await entraide.askQuestion(em, camille, {
    title: 'Accompagner une personne qui ne sait pas lire dans ses démarches en ligne',
    body: 'Un jeune homme vient chaque semaine pour ses démarches. Il ne lit pas et a honte d’en parler. Comment l’aider à gagner en autonomie sans le mettre mal à l’aise ?',
    tags: ['Illettrisme', 'Accompagnement', 'Démarches en ligne'],
    departement: '44',
  });
  const lireByNadia = await entraide.answerQuestion(em, nadia, {
    questionId: lire,
    body: 'Les pictogrammes et la **lecture vocale** du téléphone (TalkBack, « Sélectionner pour prononcer ») changent tout. Et orientez-le, s’il le souhaite, vers un centre ressources illettrisme.',
  });
  const lireByBernard = await entraide.answerQuestion(em, bernard, {
    questionId: lire,
    body: 'Je lui fais photographier chaque écran important : il se fait un petit guide en images pour la fois suivante.',
  });
  await entraide.vote(em, camille, { answerId: lireByNadia, value: VoteValue.UP });
  await entraide.vote(em, sophie, { answerId: lireByNadia, value: VoteValue.UP });
  await entraide.vote(em, lucas, { answerId: lireByBernard, value: VoteValue.UP });
  await entraide.vote(em, karim, { questionId: lire, value: VoteValue.UP });

  const mail = await entraide.askQuestion(em, bernard, {
    title: 'Créer une adresse e-mail pour une personne âgée sans téléphone portable',
    body: 'Tous les services demandent un numéro de portable pour valider la création. Quelle messagerie accepte une validation autrement ?',
    tags: ['Courriel', 'Seniors'],
    departement: '44',
  });
  const mailByLucas = await entraide.answerQuestion(em, lucas, {
    questionId: mail,
    body: 'Certaines messageries acceptent une adresse de secours à la place du numéro : on peut utiliser celle de l’aidant familial, avec son accord.',
  });
  await entraide.vote(em, bernard, { answerId: mailByLucas, value: VoteValue.UP });

  // Open questions, still waiting for someone who knows.
  await entraide.askQuestion(em, nadia, {
    title: 'Un smartphone Android refuse d’installer l’application France Identité',
    body: 'Le Play Store indique « appareil non compatible » sur un Samsung de 2019. Quelqu’un a-t-il trouvé une solution ?',
    tags: ['Smartphone', 'France Identité'],
    departement: '16',
    commune: 'Angoulême',
  });
  const cafe = await entraide.askQuestion(em, karim, {
    title: 'Quel déroulé pour le café citoyen « Le numérique pour tous ? À quelle condition » ?',
    body: 'Nous le préparons pour les trois amicales laïques. Combien de temps pour le débat, et comment faire parler les personnes qui n’osent pas ?',
    tags: ['Café citoyen', 'Animation'],
    departement: '44',
  });
  await entraide.followQuestion(em, sophie, { questionId: cafe, follow: true });
  await entraide.followQuestion(em, camille, { questionId: lire, follow: true });
}
