import type { EntityManager } from '@mikro-orm/postgresql';
import * as exchanges from '../modules/banque-de-temps/exchanges.service.js';
import * as ledger from '../modules/banque-de-temps/ledger.service.js';
import { PostCategory, PostKind } from '../modules/banque-de-temps/post.entity.js';
import { publishPost } from '../modules/banque-de-temps/posts.service.js';
import type { DemoWorld } from './demo.js';

/**
 * The time bank of the Estuaire et Sillon network: offers and requests, three exchanges already
 * confirmed, one under way and one just proposed, a pool fed by two gifts, and a first grant to
 * Bernard, the newest volunteer. Everything goes through the services, so the ledger is a real one.
 */
export async function seedTimebank(em: EntityManager, { people }: DemoWorld): Promise<void> {
  const { camille, karim, sophie, lucas, nadia, bernard } = people;

  const imprimante = await publishPost(em, sophie, {
    kind: PostKind.OFFER,
    category: PostCategory.MATERIEL,
    title: 'Mise en route d’une imprimante 3D dans votre EPN',
    description:
      'Je viens régler votre imprimante (plateau, buse, premier filament) et je forme deux personnes de l’équipe à lancer une impression.\n\nPrévoir **2 h à 3 h** sur place.',
    tags: ['impression-3d', 'fablab'],
    departement: '44',
    commune: 'Saint-Étienne-de-Montluc',
    availability: 'Le mercredi après-midi',
  });
  const pix = await publishPost(em, karim, {
    kind: PostKind.OFFER,
    category: PostCategory.FORMATION,
    title: 'Formation Pix : préparer la certification',
    description: 'Une séance pour découvrir la plateforme Pix, choisir les compétences à travailler et s’entraîner aux épreuves.',
    tags: ['pix'],
    departement: '44',
    commune: 'Malville',
    availability: 'Le jeudi matin, ou en visio',
  });
  const smartphone = await publishPost(em, lucas, {
    kind: PostKind.OFFER,
    category: PostCategory.USAGES,
    title: 'Les bases du smartphone, à votre rythme',
    description: 'Allumer, déverrouiller, passer un appel, envoyer une photo, installer une application sans se tromper de bouton.',
    tags: ['smartphone'],
    departement: '44',
    commune: 'Savenay',
    availability: 'Les après-midis de semaine',
  });
  const caf = await publishPost(em, camille, {
    kind: PostKind.OFFER,
    category: PostCategory.DEMARCHES,
    title: 'Accompagnement aux démarches CAF en ligne',
    description: 'Créer son compte, déclarer ses ressources trimestrielles, retrouver une attestation : je montre pas à pas.',
    tags: ['caf', 'demarches-en-ligne'],
    departement: '44',
    commune: 'Savenay',
    availability: 'Le lundi après les ateliers',
  });
  const site = await publishPost(em, nadia, {
    kind: PostKind.REQUEST,
    category: PostCategory.COMMUNICATION,
    title: 'Aide pour mettre à jour le site web du centre social',
    description:
      'Notre site a des horaires périmés et une page « démarches » à refaire. Quelqu’un pour nous montrer comment faire nous-mêmes ?',
    tags: ['site-web'],
    departement: '16',
    commune: 'Angoulême',
    availability: 'En visio, le mardi',
  });
  await publishPost(em, bernard, {
    kind: PostKind.REQUEST,
    category: PostCategory.USAGES,
    title: 'Apprendre à envoyer des photos par courriel',
    description: 'Je voudrais envoyer les photos des ateliers aux adhérents sans que le message soit refusé parce qu’il est trop lourd.',
    tags: ['courriel'],
    departement: '44',
    commune: 'Malville',
    availability: 'Le vendredi',
  });
  await publishPost(em, camille, {
    kind: PostKind.REQUEST,
    category: PostCategory.ANIMATION,
    title: 'Co-animer le café citoyen « Le numérique pour tous ? »',
    description: 'Cherche une personne pour co-animer le café citoyen de l’amicale : accueil, tour de parole, restitution.',
    tags: ['cafe-citoyen'],
    departement: '44',
    commune: 'Savenay',
    availability: 'Un samedi matin',
  });

  // Three exchanges done and confirmed: the ledger moves.
  const done = async (postId: string, asker: typeof camille, provider: typeof camille, beneficiary: typeof camille, minutes: number) => {
    const x = await exchanges.proposeExchange(em, asker, { postId, minutes });
    await exchanges.acceptExchange(em, asker.id === provider.id ? beneficiary : provider, x.id);
    await exchanges.completeExchange(em, provider, { exchangeId: x.id, minutes });
    await exchanges.confirmExchange(em, beneficiary, x.id);
  };
  await done(imprimante.id, camille, sophie, camille, 150);
  await done(pix.id, lucas, karim, lucas, 90);
  await done(smartphone.id, bernard, lucas, bernard, 60);

  // One under way, one just proposed.
  const website = await exchanges.proposeExchange(em, karim, {
    postId: site.id,
    minutes: 180,
    message: 'Je peux vous montrer en deux visios d’1 h 30.',
  });
  await exchanges.acceptExchange(em, nadia, website.id);
  await exchanges.proposeExchange(em, bernard, { postId: caf.id, minutes: 60, message: 'Pour aider les adhérents de Malville.' });

  // The pool: two gifts, then a first grant to Bernard, the newest volunteer.
  await ledger.donateToPool(em, sophie, { minutes: 120, memo: 'Pour les nouveaux bénévoles', idempotencyKey: 'demo-don-sophie' });
  await ledger.donateToPool(em, karim, { minutes: 60, memo: 'Pour le fonds commun', idempotencyKey: 'demo-don-karim' });
  await ledger.grantFromPool(em, camille, {
    toUserId: bernard.id,
    minutes: 60,
    reason: 'Bienvenue dans le réseau : de quoi faire votre premier échange',
    idempotencyKey: 'demo-attribution-bernard',
  });
  await ledger.transferTime(em, camille, {
    toUserId: lucas.id,
    minutes: 30,
    memo: 'Merci pour l’affiche de l’atelier',
    idempotencyKey: 'demo-virement-affiche',
  });
}
