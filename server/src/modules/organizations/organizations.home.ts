import { say } from '../../i18n/lang.js';
import type { HomeFeedProvider, HomeFigureProvider } from '../home/home-provider.js';

const KIND_LABELS = {
  fr: { lieu: 'Lieu', structure: 'Structure', reseau: 'Réseau local' },
  en: { lieu: 'Place', structure: 'Organization', reseau: 'Local network' },
};

/** Newest organizations. They carry no place yet, so a territory filter leaves this section empty. */
export const newOrganizationsFeed: HomeFeedProvider = {
  kind: 'reseau.organisation',
  label: say('Nouveaux lieux et structures', 'New places and organizations'),
  query: (filter, limit, lang) => ({
    sql: `select o.id, o.name as title, (?::jsonb ->> o.kind::text) as summary,
                 '/organisations/' || o.slug as link, o.created_at as at, null::text as departement, null::text as place
            from organization o
           where ?::boolean
           order by o.created_at desc, o.id limit ?`,
    params: [JSON.stringify(KIND_LABELS[lang]), !filter.departement && !filter.near, limit],
  }),
};

export const organizationFigures: HomeFigureProvider[] = [
  { key: 'lieux', label: say('lieux de médiation', 'places of digital mediation'), sql: `select count(*) from organization where kind = 'lieu'` },
  { key: 'reseaux', label: say('réseaux locaux', 'local networks'), sql: `select count(*) from organization where kind = 'reseau'` },
];
