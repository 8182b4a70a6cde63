import type { EntityManager } from '@mikro-orm/postgresql';
import { commentAmendment, proposeAmendment, supportAmendment } from '../modules/charte/amendments.service.js';
import { signCharter } from '../modules/charte/signatures.service.js';
import { publishVersion } from '../modules/charte/versions.service.js';
import { User } from '../modules/comptes/user.entity.js';
import type { DemoPeople } from './accounts.seed.js';
import type { DemoWorld } from './demo.js';

/** The first version of the charter of Maillage, as written with the network. */
export const FIRST_CHARTER = [
  {
    number: 1,
    title: 'Accompagner vers l’autonomie',
    body: `Nous accompagnons chaque personne pour qu’elle gagne en autonomie avec le numérique, à son rythme et selon ses besoins. Nous faisons *avec* elle plutôt qu’à sa place : nous expliquons, nous montrons, puis nous la laissons faire.

Quand une démarche doit être faite pour quelqu’un, nous la faisons avec son accord explicite, dans un cadre prévu pour cela (par exemple Aidants Connect), et nous lui expliquons ce qui a été fait.

Nous partons de ce que la personne sait déjà faire et de ce qui compte pour elle : garder le lien avec ses proches, trouver un emploi, accéder à ses droits, se divertir.`,
  },
  {
    number: 2,
    title: 'Respecter les personnes accompagnées et leurs données',
    body: `Nous accueillons chaque personne sans jugement, quels que soient son âge, son origine, sa situation ou son aisance avec le numérique.

Ce qu’une personne nous confie reste entre elle et nous. Nous ne demandons que les informations nécessaires à l’accompagnement, nous ne conservons jamais ses mots de passe et nous ne gardons aucune copie de ses documents une fois la démarche terminée.

Nous appliquons le Règlement général sur la protection des données (RGPD) : la personne sait quelles données la concernent, pourquoi et pour combien de temps elles sont gardées ; elle peut demander à les consulter, à les corriger ou à les effacer.`,
  },
  {
    number: 3,
    title: 'Des ressources libres et ouvertes',
    body: `Les supports d’atelier, guides et outils que nous produisons sont partagés sous licence libre (par exemple Creative Commons BY-SA), afin que d’autres puissent les réutiliser et les améliorer.

Nous privilégions, quand c’est possible, les logiciels libres et les services respectueux de la vie privée, et nous les faisons découvrir aux personnes accompagnées.

Nous citons nos sources et les auteurs des ressources que nous réutilisons.`,
  },
  {
    number: 4,
    title: 'Coopérer entre acteurs',
    body: `Aucune structure ne répond seule à tous les besoins. Nous orientons les personnes vers le lieu ou l’acteur le plus adapté, et nous veillons à ce qu’elles y soient bien reçues.

Nous partageons nos pratiques, nos réussites comme nos difficultés, avec les autres acteurs du territoire : lieux de médiation, travailleurs sociaux, services publics, associations, collectivités.

Nous prenons part aux temps collectifs du réseau (réunions, barcamps, formations) dans la mesure de nos moyens.`,
  },
  {
    number: 5,
    title: 'Les règles de conduite sur Maillage',
    body: `Sur Maillage, nous échangeons avec bienveillance et courtoisie. Les propos injurieux, discriminatoires ou harcelants n’ont pas leur place ici : l’équipe de modération les masque.

Nous ne publions jamais d’information permettant de reconnaître une personne accompagnée sans son accord.

Nous ne faisons pas de démarchage commercial. Les offres de la banque de temps sont des échanges de savoir-faire entre pairs, pas des prestations payantes.

Chacun peut signaler un contenu qui lui paraît contraire à cette charte ; la modération y répond dans les meilleurs délais.`,
  },
];

/** Version 1, its signatories (people and organizations through their admins) and one amendment under discussion. */
export async function seedCharte(em: EntityManager, world: DemoWorld): Promise<void> {
  // The people of the world were loaded by another EntityManager: this seeder works with its own copies.
  const loaded = new Map((await em.find(User, { id: { $in: Object.values(world.people).map((p) => p.id) } })).map((u) => [u.id, u]));
  const people = Object.fromEntries(
    Object.entries(world.people).map(([key, user]) => [key, loaded.get(user.id)!]),
  ) as unknown as DemoPeople;
  const { organizations } = world;
  const version = await publishVersion(em, people.admin, {
    changelog: 'Première version de la charte, rédigée avec les membres du réseau numérique Estuaire et Sillon.',
    articles: FIRST_CHARTER,
  });

  // Lucas has not signed yet: his account shows the "Je signe la charte" button.
  for (const person of [people.camille, people.karim, people.sophie, people.bernard, people.nadia, people.moderator]) {
    await signCharter(em, person, {});
  }
  await signCharter(em, people.camille, { organizationId: organizations.reseau.id, departement: '44' });
  await signCharter(em, people.camille, { organizationId: organizations.savenay.id, departement: '44' });
  await signCharter(em, people.karim, { organizationId: organizations.malville.id, departement: '44' });

  await em.populate(version, ['articles']);
  const resources = version.articles.getItems().find((article) => article.number === 3)!;
  const amendmentId = await proposeAmendment(em, people.sophie, {
    articleId: resources.id,
    proposedBody: `${resources.body}

Lorsque nous utilisons un outil propriétaire parce qu’aucune solution libre ne convient, nous l’expliquons aux personnes accompagnées.`,
    reason: `En atelier, beaucoup de démarches imposent des services propriétaires (applications bancaires, messageries, espaces personnels des administrations). Il me semble honnête de le dire aux personnes plutôt que de laisser croire qu’elles ont le choix.`,
  });
  await commentAmendment(em, people.karim, {
    amendmentId,
    body: 'D’accord sur le fond. On pourrait préciser « nous expliquons **pourquoi** » : c’est ce qui aide les personnes à comprendre.',
  });
  await commentAmendment(em, people.camille, {
    amendmentId,
    body: 'Je soutiens. C’est ce que nous disons déjà dans les ateliers débutants du lundi à Savenay.',
  });
  for (const supporter of [people.karim, people.camille, people.bernard]) await supportAmendment(em, supporter, amendmentId);
}
