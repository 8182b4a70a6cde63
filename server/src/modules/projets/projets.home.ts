import { say } from '../../i18n/lang.js';
import { territoryCondition, type HomeFeedProvider, type HomeFigureProvider } from '../home/home-provider.js';

/** Projects seeking testers: their open campaigns (applications still open), newest first. */
export const campaignsSeekingTestersFeed: HomeFeedProvider = {
  kind: 'projets.campaign',
  label: say('Projets qui cherchent des testeurs', 'Projects seeking testers'),
  query: (filter, limit) => {
    const territory = territoryCondition(filter, { departement: 'p.departement', latitude: 'p.latitude', longitude: 'p.longitude' });
    return {
      sql: `select c.id, p.title || ' — ' || c.title as title, left(regexp_replace(c.goal, '\\s+', ' ', 'g'), 200) as summary,
                   '/projets/campagnes/' || c.id as link, c.created_at as at, p.departement, p.commune as place
              from campaign c join project p on p.id = c.project_id
             where c.hidden_at is null and p.hidden_at is null and c.closed_at is null and c.application_deadline > now() and ${territory.sql}
             order by c.created_at desc, c.id limit ?`,
      params: [...territory.params, limit],
    };
  },
};

export const projetsFigures: HomeFigureProvider[] = [
  { key: 'projets', label: say('projets partagés', 'shared projects'), sql: `select count(*) from project where hidden_at is null` },
];
