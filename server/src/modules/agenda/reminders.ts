import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, sql } from '../../db/sql.js';
import { say } from '../../i18n/lang.js';
import type { SectionJob } from '../commun/section.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { eventLink } from './event-lookup.js';
import { sendGuestReminder } from './guest-emails.js';
import { eventZone, spokenStart } from '../../shared/local-time.js';
import { Registration } from './registration.entity.js';

/**
 * Reminders before an event, through the notifications (and so the outbox): the day before to every
 * confirmed person, and two hours before to those who turned that kind on in their preferences.
 * Each registration records when its reminder went, so the job may run in several processes and
 * after a restart without sending twice. A person who registered inside the window (the evening
 * before, an hour before) is not "reminded" of what they just did.
 */

type Reminder = 'day-before' | 'soon';

interface DueRow {
  registrationId: string;
  /** Null for a guest (agenda/guest-registrations.ts), reminded by e-mail instead. */
  userId: string | null;
  eventId: string;
  title: string;
  startsAt: Date;
  departement: string | null;
  placeName: string | null;
  address: string | null;
  postalCode: string | null;
  commune: string | null;
  onlineUrl: string | null;
}

/** How many reminders one run sends at most (the next run, minutes later, goes on). */
const BATCH = 500;

function dueRegistrations(em: EntityManager, reminder: Reminder): Promise<DueRow[]> {
  const window =
    reminder === 'day-before'
      ? sql`e.starts_at > now() + interval '2 hours' and e.starts_at <= now() + interval '24 hours'
            and r.reminded_day_before_at is null and r.created_at <= e.starts_at - interval '24 hours'`
      : sql`e.starts_at > now() and e.starts_at <= now() + interval '2 hours'
            and r.reminded_soon_at is null and r.created_at <= e.starts_at - interval '2 hours'`;
  return query<DueRow>(
    em,
    sql`select r.id as "registrationId", r.user_id as "userId", e.id as "eventId", e.title, e.starts_at as "startsAt", e.departement,
               p.name as "placeName", e.address, e.postal_code as "postalCode", e.commune, e.online_url as "onlineUrl"
          from agenda_event e
          join event_registration r on r.event_id = e.id and r.status = 'confirmed'
          left join organization_card p on p.id = e.place_id
         where ${window} and e.cancelled_at is null and e.hidden_at is null
         order by e.starts_at, r.id
         limit ${BATCH}
         for update of r skip locked`,
  );
}

/** "mercredi 2 décembre à 17 h 30" / "Wednesday 2 December at 17:30", in the event's own time zone. */
function when(row: DueRow, lang: 'fr' | 'en'): string {
  return spokenStart(new Date(row.startsAt), eventZone(row), lang, false);
}

function where(row: DueRow): string {
  const postal = [row.postalCode, row.commune].filter(Boolean).join(' ');
  const place = [row.placeName, row.address, postal].filter(Boolean).join(', ');
  return place || row.onlineUrl || '';
}

function reminderText(row: DueRow, reminder: Reminder) {
  const at = { fr: where(row) ? ` — ${where(row)}` : '', en: where(row) ? ` — ${where(row)}` : '' };
  return reminder === 'day-before'
    ? say(
        `Rappel : « ${row.title} », ${when(row, 'fr')}${at.fr}. Vous ne pouvez plus venir ? Libérez votre place depuis la page de l’événement (elle ira à la personne suivante) ; vous y trouverez aussi l’événement pour votre agenda (.ics).`,
        `Reminder: "${row.title}", ${when(row, 'en')}${at.en}. Can't come any more? Free your seat from the event's page (it goes to the next person); it also has the event for your calendar (.ics).`,
      )
    : say(
        `C’est bientôt : « ${row.title} » commence ${when(row, 'fr')}${at.fr}.`,
        `Starting soon: "${row.title}", ${when(row, 'en')}${at.en}.`,
      );
}

/** Sends the reminders due now; returns how many registrations were handled. */
export async function sendReminders(em: EntityManager, reminder: Reminder): Promise<number> {
  const due = await dueRegistrations(em, reminder);
  if (due.length === 0) return 0;
  const byEvent = new Map<string, DueRow[]>();
  for (const row of due) byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), row]);
  for (const rows of byEvent.values()) {
    const members = rows.flatMap((row) => (row.userId ? [row.userId] : []));
    // Guests with an address get the day-before reminder by e-mail, with a link to their page.
    const guests = reminder === 'day-before' ? rows.filter((row) => !row.userId) : [];
    for (const row of guests) {
      const registration = await em.findOne(Registration, row.registrationId, { populate: ['event'] });
      if (registration) await sendGuestReminder(em, registration.event, registration, where(row));
    }
    if (members.length === 0) continue;
    await notify(em, members, {
      kind: reminder === 'day-before' ? 'agenda.reminder' : 'agenda.reminder-soon',
      text: reminderText(rows[0], reminder),
      link: eventLink(rows[0].eventId),
    });
  }
  const ids = sql.join(due.map((row) => sql`${row.registrationId}`));
  await execute(
    em,
    reminder === 'day-before'
      ? sql`update event_registration set reminded_day_before_at = now() where id in (${ids})`
      : sql`update event_registration set reminded_soon_at = now() where id in (${ids})`,
  );
  return due.length;
}

/** Every five minutes: a reminder goes at most five minutes after its time. */
export const remindersJob: SectionJob = {
  name: 'agenda-reminders',
  everyMs: 5 * 60_000,
  run: async (em) => (await sendReminders(em, 'day-before')) + (await sendReminders(em, 'soon')),
};
