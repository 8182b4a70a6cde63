import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, queryOne, sql } from '../../db/sql.js';
import { count } from '../../i18n/count.js';
import { say } from '../../i18n/lang.js';
import type { HomeFeedProvider, HomeFigureProvider, HomePersonalProvider } from '../commun/accueil/accueil-provider.js';
import { placeCondition } from '../commun/accueil/near.js';
import type { ModeratedContentType } from '../commun/moderation/moderated-content.js';
import { DeliveryChannel, type NotificationKind } from '../commun/notifications/notification-kinds.js';
import type { PrivacyProvider } from '../commun/mes-donnees/mes-donnees-provider.js';
import { User } from '../comptes/user.entity.js';
import { cancelRegistration } from './registrations.service.js';

/** How the agenda plugs into the commun (declared in agenda.section.ts): data and SQL only. */
export const agendaNotificationKinds: NotificationKind[] = [
  {
    kind: 'agenda.promoted',
    label: say(
      'Une place s’est libérée : je passe de la liste d’attente aux inscrits',
      'A seat freed up: I move from the waitlist to registered',
    ),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'agenda.changed',
    label: say(
      'Un événement où je suis inscrit·e change (date, lieu, annulation)',
      'An event I registered to changes (date, place, cancellation)',
    ),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'agenda.message',
    label: say(
      'Un message des organisateurs d’un événement où je suis inscrit·e',
      'A message from the organizers of an event I registered to',
    ),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'agenda.co-organisation',
    label: say(
      'Mon organisation est invitée à co-organiser un événement (pour ses administrateurs)',
      'My organization is invited to co-organize an event (for its admins)',
    ),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'agenda.reminder',
    label: say('Un rappel la veille d’un événement où je suis inscrit·e', 'A reminder the day before an event I registered to'),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'agenda.reminder-soon',
    label: say('Un second rappel deux heures avant l’événement', 'A second reminder two hours before the event'),
    defaultChannel: DeliveryChannel.OFF,
  },
];

export const eventContent: ModeratedContentType = {
  type: 'agenda.event',
  label: say('un événement', 'an event'),
  table: 'agenda_event',
  authorColumn: 'created_by_id',
  excerptSql: `t.title || coalesce(' — ' || left(t.description, 240), '')`,
  linkSql: `'/agenda/evenements/' || t.id`,
};

export const barcampSessionContent: ModeratedContentType = {
  type: 'agenda.session',
  label: say('une proposition de session de barcamp', 'a barcamp session proposal'),
  table: 'barcamp_session',
  authorColumn: 'proposer_id',
  excerptSql: `t.title || coalesce(' — ' || left(t.pitch, 240), '')`,
  linkSql: `'/agenda/evenements/' || t.event_id || '/programme#session-' || t.id`,
};

export const agendaPrivacy: PrivacyProvider = {
  section: 'agenda',
  label: say('Agenda', 'Agenda'),
  words: {
    registrations: say('Inscriptions', 'Registrations'),
    eventsCreated: say('Événements créés', 'Events created'),
    barcampSessions: say('Sessions de barcamp proposées', 'Barcamp sessions proposed'),
    barcampInterests: say('Sessions de barcamp qui vous intéressent', 'Barcamp sessions you are interested in'),
    messagesToRegistrants: say('Messages aux inscrits', 'Messages to registrants'),
    startsAt: say('Début', 'Starts at'),
    registeredAt: say('Inscrit le', 'Registered on'),
    cancelledAt: say('Annulé le', 'Cancelled on'),
    pitch: say('Présentation', 'Pitch'),
    notes: say('Notes', 'Notes'),
    session: say('Session', 'Session'),
    markedAt: say('Marqué le', 'Marked on'),
    event: say('Événement', 'Event'),
    sentAt: say('Envoyé le', 'Sent on'),
  },
  async exportData(em: EntityManager, userId: string) {
    return queryOne<Record<string, unknown>>(
      em,
      sql`select (select coalesce(json_agg(r order by r."startsAt"), '[]') from (
                    select e.title, e.starts_at as "startsAt", r.status, r.created_at as "registeredAt", r.cancelled_at as "cancelledAt"
                      from event_registration r join agenda_event e on e.id = r.event_id where r.user_id = ${userId}) r) as registrations,
                 (select coalesce(json_agg(e order by e."startsAt"), '[]') from (
                    select id, title, starts_at as "startsAt" from agenda_event where created_by_id = ${userId}) e) as "eventsCreated",
                 (select coalesce(json_agg(s order by s."createdAt"), '[]') from (
                    select id, title, pitch, notes, created_at as "createdAt" from barcamp_session where proposer_id = ${userId}) s) as "barcampSessions",
                 (select coalesce(json_agg(i), '[]') from (
                    select s.title as session, i.created_at as "markedAt" from barcamp_interest i join barcamp_session s on s.id = i.session_id where i.user_id = ${userId}) i) as "barcampInterests",
                 (select coalesce(json_agg(m order by m."sentAt"), '[]') from (
                    select e.title as event, m.body, m.created_at as "sentAt" from event_message m join agenda_event e on e.id = m.event_id where m.author_id = ${userId}) m) as "messagesToRegistrants"`,
    );
  },
  async erase(em: EntityManager, userId: string) {
    // Seats of upcoming events are given back (the waitlist moves up through the agenda's own rule).
    const upcoming = await query<{ event_id: string }>(
      em,
      sql`select r.event_id from event_registration r join agenda_event e on e.id = r.event_id
           where r.user_id = ${userId} and r.status <> 'cancelled' and e.starts_at > now()`,
    );
    if (upcoming.length) {
      const user = await em.findOneOrFail(User, { id: userId });
      for (const { event_id } of upcoming) await cancelRegistration(em, user, event_id);
    }
    await execute(em, sql`delete from barcamp_interest where user_id = ${userId}`);
    await execute(em, sql`delete from calendar_token where user_id = ${userId}`);
    const counted = await queryOne<{ kept: number }>(
      em,
      sql`select ((select count(*) from event_registration r join agenda_event e on e.id = r.event_id where r.user_id = ${userId} and e.starts_at <= now())
                 + (select count(*) from agenda_event where created_by_id = ${userId})
                 + (select count(*) from barcamp_session where proposer_id = ${userId})
                 + (select count(*) from event_message where author_id = ${userId}))::int as kept`,
    );
    const kept = counted?.kept ?? 0;
    const texts = [];
    if (upcoming.length)
      texts.push(
        say(
          upcoming.length === 1
            ? 'Votre inscription à venir est annulée : votre place revient à la première personne en liste d’attente.'
            : `Vos ${count('fr', upcoming.length, 'inscription', 'inscriptions')} à venir sont annulées : les places reviennent aux personnes en liste d’attente.`,
          upcoming.length === 1
            ? 'Your upcoming registration is cancelled: your seat goes to the first person on the waitlist.'
            : `Your ${count('en', upcoming.length, 'upcoming registration', 'upcoming registrations')} are cancelled: the seats go to people on the waitlist.`,
        ),
      );
    if (kept > 0) {
      texts.push(
        say(
          'Vos participations passées restent sur les feuilles d’émargement, et les événements, sessions et messages aux inscrits que vous avez proposés ou écrits restent en ligne, au nom de « Compte supprimé ».',
          'Your past attendance stays on the attendance sheets, and the events, sessions and messages to registered people you proposed or wrote stay online, under the name "Compte supprimé".',
        ),
      );
    }
    return texts;
  },
};

const EVENT_KINDS = {
  fr: {
    atelier: 'Atelier',
    barcamp: 'Barcamp',
    cafe_citoyen: 'Café citoyen',
    formation: 'Formation',
    webinaire: 'Webinaire',
    permanence: 'Permanence',
    reunion_reseau: 'Réunion de réseau',
  },
  en: {
    atelier: 'Workshop',
    barcamp: 'Barcamp',
    cafe_citoyen: 'Citizen café',
    formation: 'Training',
    webinaire: 'Webinar',
    permanence: 'Drop-in session',
    reunion_reseau: 'Network meeting',
  },
};

export const upcomingEventsFeed: HomeFeedProvider = {
  position: 40,
  kind: 'agenda.event',
  label: say('Prochains événements', 'Upcoming events'),
  soonestFirst: true,
  query: (filter, limit, lang) => {
    const place = placeCondition(filter, { departement: 'e.departement', lat: 'e.latitude', lng: 'e.longitude' });
    const online = lang === 'en' ? 'Online' : 'En ligne';
    return sql`select e.id, e.title, (${JSON.stringify(EVENT_KINDS[lang])}::jsonb ->> e.kind::text) as summary, '/agenda/evenements/' || e.id as link,
                      e.starts_at as at, e.departement, coalesce(o.name, e.commune, case when e.online_url is not null then ${online} end) as place
                 from agenda_event e left join organization_card o on o.id = e.place_id
                where e.starts_at > now() and e.hidden_at is null and e.published_at is not null and ${place}
                order by e.starts_at, e.id limit ${limit}`;
  },
};

export const agendaFigures: HomeFigureProvider[] = [
  {
    position: 50,
    key: 'evenements_a_venir',
    label: say(
      '{n, plural, one {événement à venir} other {événements à venir}}',
      '{n, plural, one {upcoming event} other {upcoming events}}',
    ),
    // The days after today from their tally (migration 20261206100000), today's events still to start from the index.
    sql: sql`select coalesce((select sum(value) from agenda_event_day_tally where key > to_char(now() at time zone 'UTC', 'YYYY-MM-DD')), 0)
                  + (select count(*) from agenda_event
                      where starts_at > now() and starts_at < (date_trunc('day', now() at time zone 'UTC') + interval '1 day') at time zone 'UTC'
                        and hidden_at is null and published_at is not null)`,
  },
];

export const myNextRegistrations: HomePersonalProvider = {
  position: 30,
  kind: 'agenda.registration',
  label: say('Mes prochaines inscriptions', 'My next registrations'),
  soonestFirst: true,
  query: (user, limit, lang) => {
    const waitlisted = lang === 'en' ? 'On the waitlist' : 'En liste d’attente';
    const registered = lang === 'en' ? 'Registered' : 'Inscrit·e';
    return sql`select r.id, e.title, case when r.status = 'waitlisted' then ${waitlisted} else ${registered} end as summary, '/agenda/evenements/' || e.id as link,
                      e.starts_at as at, e.departement, e.commune as place
                 from event_registration r join agenda_event e on e.id = r.event_id
                where r.user_id = ${user.id} and r.status <> 'cancelled' and e.starts_at > now()
                order by e.starts_at, r.id limit ${limit}`;
  },
};
