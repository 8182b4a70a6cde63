/**
 * How the tags of the médiation numérique's everyday vocabulary are written for people. A tag
 * written as its bare slug (`demarches-en-ligne`, from a URL, an import or an older record) is shown
 * with its label from here, else with its slug made readable ("site-web" → "Site web").
 * Migration20261202160000_tag_labels filled the existing tags from the same list.
 */
export const KNOWN_LABELS: Readonly<Record<string, string>> = {
  accessibilite: 'Accessibilité',
  accompagnement: 'Accompagnement',
  'acces-aux-droits': 'Accès aux droits',
  'aidants-connect': 'Aidants Connect',
  animation: 'Animation',
  ants: 'ANTS',
  benevolat: 'Bénévolat',
  caf: 'CAF',
  'cafe-citoyen': 'Café citoyen',
  courriel: 'Courriel',
  cybersecurite: 'Cybersécurité',
  'demarches-en-ligne': 'Démarches en ligne',
  fablab: 'Fablab',
  formation: 'Formation',
  'formation-de-mediateurs': 'Formation de médiateurs',
  'france-identite': 'France Identité',
  'france-services': 'France Services',
  illettrisme: 'Illettrisme',
  'impression-3d': 'Impression 3D',
  ordinateur: 'Ordinateur',
  pix: 'Pix',
  reemploi: 'Réemploi',
  reparation: 'Réparation',
  'reseaux-sociaux': 'Réseaux sociaux',
  seniors: 'Seniors',
  'site-web': 'Site web',
  smartphone: 'Smartphone',
};

/** "site-web" → "Site web". */
export function humanizeSlug(slug: string): string {
  const words = slug.replace(/-+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label of a tag known only by its slug. */
export function labelForSlug(slug: string): string {
  return KNOWN_LABELS[slug] ?? humanizeSlug(slug);
}
