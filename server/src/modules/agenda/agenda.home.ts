import { say } from '../../i18n/lang.js';
import { territoryCondition, type HomeFeedProvider, type HomeFigureProvider, type HomePersonalProvider } from '../home/home-provider.js';

const REGISTRATION_LABELS = {
  fr: { confirmed: 'Inscription confirmée', waitlisted: "En liste d'attente" },
  en: { confirmed: 'Registration confirmed', waitlisted: 'On the waiting list' },
};

/** Next events, soonest first, in the asked département or near the visitor. */
export const upcomingEventsFeed: HomeFeedProvider = {
  kind: 'agenda.event',
  label: say('Prochains événements', 'Upcoming events'),
  query: (filter, limit) => {
    const territory = territoryCondition(filter, { departement: 'e.departement', latitude: 'e.latitude', longitude: 'e.longitude' });
    return {
      sql: `select e.id, e.title, left(regexp_replace(e.description, '\\s+', ' ', 'g'), 200) as summary, '/agenda/evenements/' || e.id as link,
                   e.starts_at as at, e.departement, coalesce(o.name, e.commune) as place
              from agenda_event e left join organization o on o.id = e.place_id
             where e.hidden_at is null and e.ends_at >= now() and ${territory.sql}
             order by e.starts_at, e.id limit ?`,
      params: [...territory.params, limit],
    };
  },
};

export const agendaFigures: HomeFigureProvider[] = [
  { key: 'evenements_a_venir', label: say('événements à venir', 'upcoming events'), sql: `select count(*) from agenda_event where hidden_at is null and starts_at >= now()` },
];

/** My next registrations (confirmed or waiting), soonest first. */
export const myNextRegistrations: HomePersonalProvider = {
  kind: 'agenda.registration',
  label: say('Mes prochaines inscriptions', 'My next registrations'),
  query: (user, limit, lang) => ({
    sql: `select r.id, e.title, (?::jsonb ->> r.status::text) as summary, '/agenda/evenements/' || e.id as link,
                 e.starts_at as at, e.departement, coalesce(o.name, e.commune) as place
            from event_registration r join agenda_event e on e.id = r.event_id left join organization o on o.id = e.place_id
           where r.user_id = ? and r.status in ('confirmed', 'waitlisted') and e.ends_at >= now() and e.hidden_at is null
           order by e.starts_at, e.id limit ?`,
    params: [JSON.stringify(REGISTRATION_LABELS[lang]), user.id, limit],
  }),
};
