import type { EntityManager } from '@mikro-orm/postgresql';
import { say, type Text } from '../../i18n/lang.js';
import type { PrivacyProvider } from '../privacy/privacy-provider.js';
import { lockEvent } from './events.service.js';
import { promoteWaiting } from './registrations.service.js';

/** Registrations, published events, barcamp sessions and calendar links of a person. */
export const agendaPrivacy: PrivacyProvider = {
  section: 'agenda',
  label: say('Agenda', 'Events'),
  async exportData(em: EntityManager, userId: string) {
    const [data] = await em.execute<Record<string, unknown>[]>(
      `select (select coalesce(json_agg(r order by r."startsAt"), '[]') from (
                 select e.id as "eventId", e.title, e.starts_at as "startsAt", e.ends_at as "endsAt", r.status, r.queue_number as "queueNumber",
                        r.created_at as "registeredAt", r.confirmed_at as "confirmedAt", r.cancelled_at as "cancelledAt"
                   from event_registration r join agenda_event e on e.id = r.event_id where r.user_id = ?) r) as registrations,
              (select coalesce(json_agg(e order by e."startsAt"), '[]') from (
                 select e.id, e.title, o.name as organizer, e.starts_at as "startsAt", e.created_at as "createdAt",
                        e.hidden_at as "hiddenAt", e.hidden_reason as "hiddenReason"
                   from agenda_event e join organization o on o.id = e.organizer_id where e.created_by_id = ?) e) as events_published,
              (select coalesce(json_agg(s order by s."createdAt"), '[]') from (
                 select s.id, s.event_id as "eventId", s.title, s.pitch, s.theme, s.created_at as "createdAt",
                        s.hidden_at as "hiddenAt", s.hidden_reason as "hiddenReason"
                   from barcamp_session s
                  where s.proposer_id = ? or exists (select 1 from barcamp_session_speaker k where k.session_id = s.id and k.user_id = ?)) s) as barcamp_sessions,
              (select coalesce(json_agg(i order by i."since"), '[]') from (
                 select s.title, i.created_at as "since" from barcamp_interest i join barcamp_session s on s.id = i.session_id where i.user_id = ?) i) as barcamp_interests,
              (select coalesce(json_agg(t.created_at order by t.created_at), '[]') from calendar_token t where t.user_id = ?) as calendar_links_created`,
      [userId, userId, userId, userId, userId, userId],
    );
    return {
      registrations: data.registrations, eventsPublished: data.events_published, barcampSessions: data.barcamp_sessions,
      barcampInterests: data.barcamp_interests, calendarLinksCreated: data.calendar_links_created,
    };
  },
  async erase(em: EntityManager, userId: string) {
    // Seats held for upcoming events go to the first waiting people, as when one cancels.
    const upcoming = await em.execute<{ event_id: string; status: string }[]>(
      `select r.event_id, r.status from event_registration r join agenda_event e on e.id = r.event_id
        where r.user_id = ? and e.ends_at > now() and r.status in ('confirmed', 'waitlisted') order by r.event_id`,
      [userId],
    );
    for (const row of upcoming) {
      const event = await lockEvent(em, row.event_id);
      await em.execute(`delete from event_registration where event_id = ? and user_id = ?`, [row.event_id, userId]);
      if (row.status === 'confirmed') await promoteWaiting(em, event, null);
    }
    await em.execute(`delete from event_registration where user_id = ?`, [userId]);
    await em.execute(`delete from barcamp_interest where user_id = ?`, [userId]);
    await em.execute(`delete from calendar_token where user_id = ?`, [userId]);
    const [counts] = await em.execute<{ events: number; sessions: number }[]>(
      `select (select count(*)::int from agenda_event where created_by_id = ?) as events,
              (select count(*)::int from barcamp_session where proposer_id = ?) as sessions`,
      [userId, userId],
    );
    const kept: Text[] = [
      say(
        'Vos inscriptions sont supprimées ; les places que vous teniez aux événements à venir sont passées aux personnes en liste d’attente. Vos liens d’agenda personnels ne fonctionnent plus.',
        'Your registrations are deleted; the seats you held at upcoming events went to people on the waiting list. Your personal calendar links no longer work.',
      ),
    ];
    if (counts.events || counts.sessions) {
      kept.push(
        say(
          `Les ${counts.events} événement(s) que vous avez publiés restent en ligne : ils appartiennent à leur organisation. Vos ${counts.sessions} proposition(s) d'atelier de barcamp restent au programme, signées « Compte supprimé ».`,
          `The ${counts.events} event(s) you published stay online: they belong to their organization. Your ${counts.sessions} barcamp session proposal(s) stay in the program, signed "Deleted account".`,
        ),
      );
    }
    return kept;
  },
};
