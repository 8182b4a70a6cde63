'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * Tags keep their words: every skill of a profile, tag of a project and tag of a time-bank post
 * gets its row in `tag` (the label people read, the slug for URLs and matching), and a tag whose
 * label was only its slug ("demarches-en-ligne") gets a real one: the everyday vocabulary's label
 * (the same list as server/src/modules/mots-cles/vocabulary.ts, frozen here), else the slug made
 * readable ("site-web" → "Site web"). Data only; going down keeps the labels.
 */
const KNOWN_LABELS = {
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

const quote = (text) => `'${text.replace(/'/g, "''")}'`;

class Migration20261202160000_tag_labels extends Migration {
  async up() {
    const known = Object.entries(KNOWN_LABELS)
      .map(([slug, label]) => `(${quote(slug)}, ${quote(label)})`)
      .join(', ');
    const readable = (column) => `upper(left(replace(${column}, '-', ' '), 1)) || substr(replace(${column}, '-', ' '), 2)`;
    // Labels that were only the slug.
    this.addSql(`update "tag" t set "label" = k.label from (values ${known}) as k(slug, label) where k.slug = t.slug and t.label = t.slug;`);
    this.addSql(`update "tag" set "label" = ${readable('"slug"')} where "label" = "slug";`);
    // Slugs used by profiles, projects and posts that had no row.
    this.addSql(`insert into "tag" ("slug", "label")
      select u.slug, coalesce(k.label, ${readable('u.slug')})
        from (select unnest("expertise_tags") as slug from "app_user"
              union select unnest("tags") from "project"
              union select unnest("tags") from "timebank_post") u
        left join (values ${known}) as k(slug, label) on k.slug = u.slug
       where u.slug <> '' and length(u.slug) <= 40
      on conflict ("slug") do nothing;`);
  }

  async down() {}
}
exports.Migration20261202160000_tag_labels = Migration20261202160000_tag_labels;
