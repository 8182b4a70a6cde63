import type { EntityManager } from '@mikro-orm/postgresql';
import { say } from '../../i18n/lang.js';
import type { HomeFeedProvider, HomeFigureProvider, HomePersonalProvider } from '../commun/accueil/accueil-provider.js';
import { placeCondition } from '../commun/accueil/near.js';
import type { ModeratedContentType } from '../commun/moderation/moderated-content.js';
import { DeliveryChannel, type NotificationKind } from '../commun/notifications/notification-kinds.js';
import type { PrivacyProvider } from '../commun/mes-donnees/mes-donnees-provider.js';

/** How the agenda plugs into the commons (registry.ts): data and SQL only. */
export const agendaNotificationKinds: NotificationKind[] = [
  { kind: 'agenda.promoted', label: say("Une place s'est libérée : je passe de la liste d'attente aux inscrits", 'A seat freed up: I move from the waitlist to registered'), defaultChannel: DeliveryChannel.EMAIL },
  { kind: 'agenda.changed', label: say('Un événement où je suis inscrit·e change (date, lieu, annulation)', 'An event I registered to changes (date, place, cancellation)'), defaultChannel: DeliveryChannel.EMAIL },
];

export const eventContent: ModeratedContentType = {
  type: 'agenda.event',
  label: say('un événement', 'an event'),
  table: 'agenda_event',
  authorColumn: 'created_by_id',
  excerptSql: `t.title || coalesce(' — ' || left(t.description, 240), '')`,
  linkSql: `'/agenda/' || t.id`,
};

export const barcampSessionContent: ModeratedContentType = {
  type: 'agenda.session',
  label: say('une proposition de session de barcamp', 'a barcamp session proposal'),
  table: 'barcamp_session',
  authorColumn: 'proposer_id',
  excerptSql: `t.title || coalesce(' — ' || left(t.pitch, 240), '')`,
  linkSql: `'/agenda/' || t.event_id || '#session-' || t.id`,
};

export const agendaPrivacy: PrivacyProvider = {
  section: 'agenda',
  label: say('Agenda', 'Agenda'),
  async exportData(em: EntityManager, userId: string) {
    const [data] = await em.execute<Record<string, unknown>[]>(
      `select (select coalesce(json_agg(r order by r."startsAt"), '[]') from (
                 select e.title, e.starts_at as "startsAt", r.status, r.created_at as "registeredAt", r.cancelled_at as "cancelledAt"
                   from event_registration r join agenda_event e on e.id = r.event_id where r.user_id = ?) r) as registrations,
              (select coalesce(json_agg(e order by e."startsAt"), '[]') from (
                 select id, title, starts_at as "startsAt" from agenda_event where created_by_id = ?) e) as "eventsCreated",
              (select coalesce(json_agg(s order by s."createdAt"), '[]') from (
                 select id, title, pitch, notes, created_at as "createdAt" from barcamp_session where proposer_id = ?) s) as "barcampSessions",
              (select coalesce(json_agg(i), '[]') from (
                 select s.title as session, i.created_at as "markedAt" from barcamp_interest i join barcamp_session s on s.id = i.session_id where i.user_id = ?) i) as "barcampInterests"`,
      [userId, userId, userId, userId],
    );
    return data;
  },
  async erase(em: EntityManager, userId: string) {
    // Seats of upcoming events are given back (the waitlist moves up through the agenda's own rule).
    const upcoming = await em.execute<{ event_id: string }[]>(
      `select r.event_id from event_registration r join agenda_event e on e.id = r.event_id
        where r.user_id = ? and r.status <> 'cancelled' and e.starts_at > now()`,
      [userId],
    );
    if (upcoming.length) {
      const [{ cancelRegistration }, { User }] = await Promise.all([import('./registrations.service.js'), import('../comptes/user.entity.js')]);
      const user = await em.findOneOrFail(User, { id: userId });
      for (const { event_id } of upcoming) await cancelRegistration(em, user, event_id);
    }
    await em.execute(`delete from barcamp_interest where user_id = ?`, [userId]);
    await em.execute(`delete from calendar_token where user_id = ?`, [userId]);
    const [{ kept }] = await em.execute<{ kept: number }[]>(
      `select ((select count(*) from event_registration r join agenda_event e on e.id = r.event_id where r.user_id = ? and e.starts_at <= now())
              + (select count(*) from agenda_event where created_by_id = ?) + (select count(*) from barcamp_session where proposer_id = ?))::int as kept`,
      [userId, userId, userId],
    );
    const texts = [];
    if (upcoming.length) texts.push(say(`Vos ${upcoming.length} inscription(s) à venir sont annulées : les places reviennent aux personnes en liste d'attente.`, `Your ${upcoming.length} upcoming registration(s) are cancelled: the seats go to people on the waitlist.`));
    if (kept > 0) {
      texts.push(
        say(
          'Vos participations passées restent sur les feuilles d’émargement, et les événements et sessions que vous avez proposés restent en ligne, au nom de « Compte supprimé ».',
          'Your past attendance stays on the attendance sheets, and the events and sessions you proposed stay online, under the name "Compte supprimé".',
        ),
      );
    }
    return texts;
  },
};

const EVENT_KINDS = {
  fr: { atelier: 'Atelier', barcamp: 'Barcamp', cafe_citoyen: 'Café citoyen', formation: 'Formation', webinaire: 'Webinaire', permanence: 'Permanence', reunion_reseau: 'Réunion de réseau' },
  en: { atelier: 'Workshop', barcamp: 'Barcamp', cafe_citoyen: 'Citizen café', formation: 'Training', webinaire: 'Webinar', permanence: 'Drop-in session', reunion_reseau: 'Network meeting' },
};

export const upcomingEventsFeed: HomeFeedProvider = {
  position: 40,
  kind: 'agenda.event',
  label: say('Prochains événements', 'Upcoming events'),
  query: (filter, limit, lang) => {
    const place = placeCondition(filter, { departement: 'e.departement', lat: 'e.latitude', lng: 'e.longitude' });
    return {
      sql: `select e.id, e.title, (?::jsonb ->> e.kind::text) as summary, '/agenda/' || e.id as link, e.starts_at as at,
                   e.departement, coalesce(o.name, e.commune, case when e.online_url is not null then ? end) as place
              from agenda_event e left join organization o on o.id = e.place_id
             where e.starts_at > now() and e.hidden_at is null and ${place.sql}
             order by e.starts_at, e.id limit ?`,
      params: [JSON.stringify(EVENT_KINDS[lang]), lang === 'en' ? 'Online' : 'En ligne', ...place.params, limit],
    };
  },
};

export const agendaFigures: HomeFigureProvider[] = [
  { position: 50, key: 'evenements_a_venir', label: say('événements à venir', 'upcoming events'), sql: `select count(*) from agenda_event where starts_at > now() and hidden_at is null` },
];

export const myNextRegistrations: HomePersonalProvider = {
  position: 30,
  kind: 'agenda.registration',
  label: say('Mes prochaines inscriptions', 'My next registrations'),
  query: (user, limit, lang) => ({
    sql: `select r.id, e.title, case when r.status = 'waitlisted' then ? else ? end as summary, '/agenda/' || e.id as link,
                 e.starts_at as at, e.departement, e.commune as place
            from event_registration r join agenda_event e on e.id = r.event_id
           where r.user_id = ? and r.status <> 'cancelled' and e.starts_at > now()
           order by e.starts_at, r.id limit ?`,
    params: [lang === 'en' ? 'On the waitlist' : "En liste d'attente", lang === 'en' ? 'Registered' : 'Inscrit·e', user.id, limit],
  }),
};
