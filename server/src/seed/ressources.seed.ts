import type { EntityManager } from '@mikro-orm/postgresql';
import PDFDocument from 'pdfkit';
import { storeUpload } from '../modules/fichiers/fichiers.service.js';
import * as ressources from '../modules/ressources/ressources.service.js';
import { CollectionVisibility, ResourceKind, ResourceLicence, ResourceVisibility } from '../modules/ressources/ressources.types.js';
import type { DemoWorld } from './demo.js';

/** A small PDF written at seed time (the demo's attached file, whose text the search finds). */
function pdf(title: string, lines: string[]): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.fontSize(18).text(title).moveDown();
    doc.fontSize(12);
    for (const line of lines) doc.text(line).moveDown(0.5);
    doc.end();
  });
}

/**
 * Ressources: the Savenay amicale's base with its workshop sheet "Créer son adresse e-mail" (and its PDF),
 * the network's six-session beginners' course, a checklist for a café citoyen, and a public collection.
 */
export async function seedRessources(em: EntityManager, { people, organizations }: DemoWorld): Promise<void> {
  const { camille, karim, sophie } = people;
  const savenay = await ressources.createResourceBase(em, camille, {
    organizationId: organizations.savenay.id,
    description: 'Les fiches et supports des ateliers numériques de l’amicale laïque de Savenay.',
  });
  const reseau = await ressources.createResourceBase(em, camille, {
    organizationId: organizations.reseau.id,
    description: 'Les parcours et outils partagés par les trois amicales du réseau.',
  });

  const sheet = await pdf('Créer son adresse e-mail — fiche atelier', [
    '1. Choisir un fournisseur de messagerie (par exemple La Poste, Orange ou un service libre).',
    '2. Choisir une adresse facile à dicter au téléphone : prénom.nom plutôt qu’un surnom.',
    '3. Choisir un mot de passe long : une phrase de quatre mots que la personne retient.',
    '4. Noter l’adresse et l’indice du mot de passe dans le carnet de la personne, jamais le mot de passe lui-même.',
    '5. Envoyer un premier message à un proche pour vérifier que tout fonctionne.',
  ]);
  const file = await storeUpload(
    em,
    camille,
    { name: 'fiche-creer-son-adresse-e-mail.pdf', bytes: sheet, purpose: 'attachment' },
    { uploadMaxBytes: 50 * 1024 * 1024, uploadImageMaxBytes: 10 * 1024 * 1024 },
  );
  const email = await ressources.createResource(em, camille, {
    title: 'Créer son adresse e-mail',
    summary: 'Une fiche d’atelier pas à pas pour créer une première adresse e-mail avec une personne débutante, en une heure.',
    contentMarkdown: [
      '## Avant l’atelier',
      '- Vérifiez que la personne a un téléphone portable avec elle (code de vérification).',
      '- Prévoyez le carnet de bord de l’amicale pour noter l’adresse.',
      '',
      '## Déroulé (1 h)',
      '1. **Pourquoi une adresse e-mail ?** Les démarches (CAF, impôts, Ameli) la demandent toutes.',
      '2. **Choisir l’adresse** ensemble, à voix haute.',
      '3. **Le mot de passe** : une phrase de quatre mots.',
      '4. **Premier message** à un proche.',
      '',
      'La fiche imprimable est jointe en PDF.',
    ].join('\n'),
    kind: ResourceKind.SUPPORT_ATELIER,
    licence: ResourceLicence.CC_BY_SA,
    visibility: ResourceVisibility.PUBLIC,
    themes: ['Maîtrise des outils numériques du quotidien', 'Aide aux démarches administratives'],
    publics: ['Tous publics', 'Seniors'],
    levels: [1],
    tags: ['messagerie', 'debutants'],
    baseId: savenay,
    fileIds: [file.id],
    links: [
      {
        url: 'https://www.cnil.fr/fr/les-conseils-de-la-cnil-pour-un-bon-mot-de-passe',
        title: 'Les conseils de la CNIL pour un bon mot de passe',
      },
    ],
  });

  const cycle = await ressources.createResource(em, camille, {
    title: 'Cycle débutants en six séances',
    summary:
      'Le parcours des trois amicales pour les personnes qui débutent : six séances de deux heures, de l’allumage à la première démarche en ligne.',
    contentMarkdown: [
      '1. **Allumer, éteindre, la souris et le clavier**',
      '2. **Internet : chercher, lire, se méfier**',
      '3. **Créer son adresse e-mail** (voir la fiche de l’amicale de Savenay)',
      '4. **Envoyer une photo à un proche**',
      '5. **Les mots de passe et les arnaques**',
      '6. **Une première démarche : le compte Ameli**',
      '',
      'Chaque séance se termine par dix minutes de questions libres.',
    ].join('\n'),
    kind: ResourceKind.PARCOURS,
    licence: ResourceLicence.LICENCE_OUVERTE,
    visibility: ResourceVisibility.PUBLIC,
    themes: ['Maîtrise des outils numériques du quotidien'],
    publics: ['Tous publics', 'Seniors'],
    levels: [1, 2],
    tags: ['debutants'],
    baseId: reseau,
    coAuthorIds: [karim.id],
    // Camille credits only the organizations she belongs to (the editor's rule).
    authorOrganizationIds: [organizations.savenay.id],
  });

  await ressources.createResource(em, karim, {
    title: 'Check-list d’un café citoyen numérique',
    summary: 'Tout ce qu’il faut prévoir pour un café citoyen sur le numérique : lieu, matériel, animation, après.',
    contentMarkdown: [
      '- [ ] Une salle avec une prise par table et le Wi-Fi testé la veille',
      '- [ ] Deux animateurs : un qui parle, un qui aide aux tables',
      '- [ ] Une question de départ affichée (« Qu’est-ce qui vous agace avec le numérique ? »)',
      '- [ ] Des post-it, des feutres, un vidéoprojecteur',
      '- [ ] Le café, le thé, des gâteaux de l’amicale',
      '- [ ] Un compte rendu envoyé aux participants dans la semaine',
    ].join('\n'),
    kind: ResourceKind.OUTIL,
    licence: ResourceLicence.CC_BY,
    visibility: ResourceVisibility.MEMBRES,
    themes: ['Compréhension du monde numérique'],
    publics: ['Tous publics'],
    levels: [1, 2, 3],
    tags: ['cafe-citoyen'],
    baseId: reseau,
  });

  await ressources.addFeedback(
    em,
    sophie,
    email,
    5,
    'Utilisée telle quelle avec un groupe de quatre : tout le monde est reparti avec son adresse.',
  );
  const collection = await ressources.createCollection(em, sophie, {
    title: 'Pour bien démarrer',
    description: 'Ce que je donne aux nouveaux bénévoles.',
    visibility: CollectionVisibility.PUBLIC,
  });
  await ressources.saveToCollection(em, sophie, { resourceId: email, collectionId: collection });
  await ressources.saveToCollection(em, sophie, { resourceId: cycle, collectionId: collection });
}
