import type { EntityManager } from '@mikro-orm/postgresql';
import { ApplicationStatus } from '../modules/projets/application.entity.js';
import { Campaign, CampaignQuestion, CampaignScenario, TesterLevel } from '../modules/projets/campaign.entity.js';
import { ProjectStage } from '../modules/projets/project.entity.js';
import * as campaigns from '../modules/projets/campaigns.service.js';
import * as projects from '../modules/projets/projects.service.js';
import type { DemoWorld } from './demo.js';

const DAY = 24 * 3600 * 1000;
const fromNow = (days: number, hour = 12) => {
  const date = new Date(Date.now() + days * DAY);
  date.setUTCHours(hour, 0, 0, 0);
  return date;
};

/**
 * Projets: an association's simplified phone app for seniors seeking beta-testers (open campaign),
 * a FabLab's repair-café kit whose campaign is closed with published results, and a network idea.
 */
export async function seedProjets(em: EntityManager, { people, organizations }: DemoWorld): Promise<void> {
  const { camille, sophie, karim, lucas, bernard, nadia } = people;

  const telephone = await projects.createProject(em, camille, {
    holderId: organizations.savenay.id,
    title: 'Mon Téléphone Facile',
    summary: 'Une application Android très simple pour les aînés : appeler ses proches d’un geste, lire ses messages en grand.',
    description: [
      'Dans nos ateliers du lundi, beaucoup de personnes âgées nous disent la même chose : **le téléphone fait peur**.',
      '',
      'Mon Téléphone Facile remplace l’écran d’accueil par trois gros boutons : *Appeler*, *Messages*, *Photos*.',
      'Les proches sont des photos, pas des numéros. Tout est écrit en grand, avec un fort contraste.',
      '',
      '## Ce qui existe déjà',
      '- une version bêta installable sur Android 10 et plus ;',
      '- un guide d’installation pour les aidants.',
    ].join('\n'),
    essaimage: [
      '1. Installez l’application sur le téléphone de la personne, avec elle.',
      '2. Ajoutez ensemble les photos de 3 à 6 proches.',
      '3. Prévoyez un deuxième rendez-vous une semaine plus tard : c’est là que les questions arrivent.',
      '',
      'Le guide pour les aidants est libre (CC BY-SA) : adaptez-le à votre structure.',
    ].join('\n'),
    stage: ProjectStage.BETA,
    commune: 'Savenay',
    departement: '44',
    latitude: 47.3606,
    longitude: -1.9425,
    tags: ['seniors', 'smartphone', 'accessibilite'],
    links: [{ label: 'Guide pour les aidants', url: 'https://exemple.fr/mon-telephone-facile/guide' }],
  });
  await projects.addTeamMember(em, camille, { projectId: telephone.id, userId: lucas.id, role: 'Volontaire en service civique' });

  await campaigns.openCampaign(em, camille, {
    projectId: telephone.id,
    title: 'Bêta-test auprès de débutants',
    goal: 'Savoir si une personne qui **débute** appelle un proche et lit un message **sans aide**, la première fois qu’elle voit l’application.',
    testerProfile: {
      levels: [TesterLevel.ELOIGNE, TesterLevel.DEBUTANT],
      publics: ['seniors', 'aidants'],
      devices: ['smartphone Android'],
    },
    seats: 6,
    applicationDeadline: fromNow(14, 17),
    testStartsAt: fromNow(15, 8),
    testEndsAt: fromNow(35, 17),
    scenarios: [
      {
        title: 'Appeler un proche',
        steps: ['Allumez le téléphone', 'Touchez « Appeler »', 'Touchez la photo de la personne'],
        expectedResult: 'L’appel part vers la bonne personne.',
      },
      {
        title: 'Lire le dernier message',
        steps: ['Touchez « Messages »', 'Touchez le message le plus récent'],
        expectedResult: 'Le message s’affiche en grands caractères.',
      },
      {
        title: 'Revenir à l’accueil',
        steps: ['Depuis un message, cherchez comment revenir à l’accueil'],
        expectedResult: 'Les trois gros boutons sont de nouveau visibles.',
      },
    ],
    questions: ['Qu’est-ce qui vous a le plus aidé ?', 'Qu’est-ce qui vous a gêné ?'],
  });

  // A first application waits for Camille's decision.
  const telephoneCampaign = await em.findOneOrFail(Campaign, { project: telephone.id });
  await campaigns.applyToCampaign(em, bernard, {
    campaignId: telephoneCampaign.id,
    motivation: 'J’ai 71 ans et mon téléphone me résiste : si je m’en sors avec votre appli, tout le monde s’en sortira !',
    level: TesterLevel.DEBUTANT,
    publics: ['seniors'],
    device: 'smartphone Android',
    agreesToBeNamed: true,
  });

  const repair = await projects.createProject(em, sophie, {
    holderId: organizations.montluc.id,
    title: 'Kit Repair Café numérique',
    summary: 'Un kit pour animer un repair café de smartphones et d’ordinateurs : fiches de diagnostic, outils, déroulé de séance.',
    description: [
      'Né au FabLab de Saint-Étienne-de-Montluc, le kit tient dans une caisse : **outillage**, fiches de diagnostic plastifiées, affiches et un déroulé de séance de 2 h 30.',
      '',
      'Objectif : que les habitants repartent avec un appareil qui marche *et* en sachant ce qui a été fait.',
    ].join('\n'),
    essaimage: [
      '- Liste du matériel (environ 250 €) et fournisseurs locaux dans le dépôt.',
      '- Deux bénévoles suffisent pour une séance de 8 appareils.',
      '- Assurance : vérifiez que votre structure couvre les ateliers de réparation.',
    ].join('\n'),
    stage: ProjectStage.DEPLOYE,
    commune: 'Saint-Étienne-de-Montluc',
    departement: '44',
    latitude: 47.2767,
    longitude: -1.7803,
    tags: ['reparation', 'fablab', 'reemploi'],
    links: [{ label: 'Fiches de diagnostic', url: 'https://exemple.fr/kit-repair-cafe/fiches' }],
  });

  const closed = await campaigns.openCampaign(em, sophie, {
    projectId: repair.id,
    title: 'Test des fiches de diagnostic',
    goal: 'Vérifier que des bénévoles qui ne sont pas techniciens trouvent la panne avec les fiches seules.',
    testerProfile: { levels: [TesterLevel.INTERMEDIAIRE, TesterLevel.AVANCE], publics: ['bénévoles'], devices: [] },
    seats: 3,
    applicationDeadline: fromNow(1, 17),
    testStartsAt: fromNow(1, 18),
    testEndsAt: fromNow(20, 17),
    scenarios: [
      {
        title: 'Diagnostiquer un smartphone qui ne charge plus',
        steps: ['Prenez la fiche n° 3', 'Suivez les questions dans l’ordre'],
        expectedResult: 'Le connecteur de charge est identifié comme cause.',
      },
      {
        title: 'Remplacer une batterie d’ordinateur portable',
        steps: ['Prenez la fiche n° 7', 'Démontez le capot', 'Changez la batterie'],
        expectedResult: 'L’ordinateur démarre sur batterie.',
      },
    ],
    questions: ['Quelle fiche faudrait-il ajouter ?'],
  });

  const testers = [
    { user: bernard, level: TesterLevel.INTERMEDIAIRE, device: 'ordinateur portable', named: true, publics: ['bénévoles', 'seniors'] },
    { user: karim, level: TesterLevel.AVANCE, device: 'smartphone Android', named: false, publics: ['bénévoles'] },
    { user: nadia, level: TesterLevel.INTERMEDIAIRE, device: 'smartphone iPhone', named: false, publics: ['travailleurs sociaux'] },
  ];
  for (const tester of testers) {
    const application = await campaigns.applyToCampaign(em, tester.user, {
      campaignId: closed.id,
      motivation: 'Je répare déjà pour mes voisins et je veux que les fiches servent à d’autres.',
      level: tester.level,
      publics: tester.publics,
      device: tester.device,
      agreesToBeNamed: tester.named,
    });
    await campaigns.decideApplication(em, sophie, { applicationId: application.id, decision: ApplicationStatus.ACCEPTED });
  }
  const scenarios = await em.find(CampaignScenario, { campaign: closed.id }, { orderBy: { position: 'asc' } });
  const reports: Array<[typeof bernard, number, boolean, number, string | null, string]> = [
    [bernard, 0, true, 5, 'La fiche pose les bonnes questions dans le bon ordre. Trouvé en dix minutes.', 'smartphone prêté par le FabLab'],
    [bernard, 1, true, 4, 'Le démontage du capot mériterait une photo de plus.', 'ordinateur portable'],
    [karim, 0, true, 4, null, 'smartphone Android'],
    [karim, 1, false, 2, 'Vis différentes selon les modèles : la fiche ne le dit pas, j’ai bloqué.', 'ordinateur portable'],
    [nadia, 0, false, 3, 'Je me suis arrêtée à la question sur le multimètre : je n’en avais jamais utilisé.', 'smartphone iPhone'],
    [nadia, 1, true, 4, 'Très clair une fois le capot ouvert.', 'ordinateur portable'],
  ];
  for (const [user, index, succeeded, rating, comment, device] of reports) {
    await campaigns.submitTestReport(em, user, { scenarioId: scenarios[index].id, succeeded, rating, comment, device });
  }
  const [question] = await em.find(CampaignQuestion, { campaign: closed.id });
  await campaigns.answerQuestionnaire(em, bernard, {
    campaignId: closed.id,
    answers: [{ questionId: question.id, answer: 'Une fiche sur les écrans cassés, c’est la panne la plus fréquente.' }],
  });
  await campaigns.answerQuestionnaire(em, nadia, {
    campaignId: closed.id,
    answers: [{ questionId: question.id, answer: 'Une fiche « utiliser un multimètre » pour commencer.' }],
  });
  await campaigns.closeCampaign(em, sophie, { campaignId: closed.id });
  // The story: this campaign ran last spring.
  await em.nativeUpdate(
    Campaign,
    { id: closed.id },
    {
      applicationDeadline: fromNow(-120, 17),
      testStartsAt: fromNow(-119, 8),
      testEndsAt: fromNow(-95, 17),
      closedAt: fromNow(-94, 10),
      createdAt: fromNow(-140),
    },
  );

  await projects.createProject(em, camille, {
    holderId: organizations.reseau.id,
    title: 'Parcours d’accueil des nouveaux bénévoles',
    summary: 'Une idée du réseau : un parcours en trois rendez-vous pour accueillir les bénévoles dans les trois amicales.',
    description: 'Nous cherchons des structures qui ont déjà un parcours d’accueil pour en parler. **Écrivez-nous !**',
    stage: ProjectStage.IDEE,
    commune: 'Malville',
    departement: '44',
    latitude: 47.3589,
    longitude: -1.8628,
    tags: ['benevolat', 'formation-de-mediateurs'],
  });
}
