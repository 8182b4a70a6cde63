import { sql } from '../../db/sql.js';
import { say } from '../../i18n/lang.js';
import type { HomeFeedProvider, HomeFigureProvider } from '../commun/accueil/accueil-provider.js';
import { placeCondition } from '../commun/accueil/near.js';

const KIND_LABELS = {
  fr: { lieu: 'Lieu', structure: 'Structure', reseau: 'Réseau local' },
  en: { lieu: 'Place', structure: 'Organization', reseau: 'Local network' },
};

/** Newest organizations, near the visitor when they say where they are. */
export const newOrganizationsFeed: HomeFeedProvider = {
  position: 60,
  kind: 'reseau.organisation',
  label: say('Nouveaux lieux et structures', 'New places and organizations'),
  query: (filter, limit, lang) => {
    const place = placeCondition(filter, { departement: 'o.departement', lat: 'o.latitude', lng: 'o.longitude' });
    const kind = sql`(${JSON.stringify(KIND_LABELS[lang])}::jsonb ->> o.kind::text)`;
    // What the place offers, in a few words: its own summary, else its first services (the standard requires them).
    const summary = sql`coalesce(o.presentation_resume, nullif(array_to_string(o.services[1:2], ' · '), ''), ${kind})`;
    return sql`select o.id, o.name as title, ${summary} as summary,
                      '/organisations/' || o.slug as link, o.created_at as at, o.departement, o.commune as place
                 from organization o
                where ${place}
                order by o.created_at desc, o.id limit ${limit}`;
  },
};

/** Read from the tally a trigger keeps as places are written (docs/read-models.md, "Tallies"), not counted per view. */
export const organizationFigures: HomeFigureProvider[] = [
  {
    position: 10,
    key: 'lieux',
    label: say(
      '{n, plural, one {lieu de médiation} other {lieux de médiation}}',
      '{n, plural, one {place of digital mediation} other {places of digital mediation}}',
    ),
    sql: sql`select coalesce((select value from organization_tally where key = 'lieu'), 0)`,
  },
  {
    position: 11,
    key: 'reseaux',
    label: say('{n, plural, one {réseau local} other {réseaux locaux}}', '{n, plural, one {local network} other {local networks}}'),
    sql: sql`select coalesce((select value from organization_tally where key = 'reseau'), 0)`,
  },
];
