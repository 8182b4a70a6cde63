import type { EntityManager } from '@mikro-orm/postgresql';
import { query, queryOne, sql } from '../../db/sql.js';
import { AppError, FieldErrors, conflict } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import type { User } from '../comptes/user.entity.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { EventMessage } from './event-message.entity.js';
import { sendGuestMessages, type GuestRecipient } from './guest-emails.js';
import type { AgendaEvent } from './event.entity.js';
import { eventLink, getEvent, lockEvent } from './event-lookup.js';
import { canManageEvent, requireEventManager } from './events.service.js';
import type { Viewer } from '../comptes/viewer.js';

/** Enough for a room change, a reminder of what to bring and a correction; not a newsletter. */
export const MESSAGES_PER_DAY = 5;
export const MESSAGE_MAX_LENGTH = 2000;

export interface MessageToRegistrants {
  eventId: string;
  body: string;
  includesWaitlisted?: boolean | null;
  wholeCycle?: boolean | null;
}

/**
 * The organizers write to the people registered to an event (or to every session to come of its
 * cycle): members notified by their preferences (e-mail by default), guests who gave an address by
 * e-mail (agenda/guest-emails.ts), the message kept on the event page. People registered at the desk
 * with a phone only cannot be reached: the answer counts them, for the organizers to call.
 */
export async function messageRegistrants(
  em: EntityManager,
  author: User,
  input: MessageToRegistrants,
): Promise<{ message: EventMessage; unreachableCount: number }> {
  const found = await getEvent(em, input.eventId);
  await requireEventManager(em, found, author);
  const body = input.body.trim();
  const errors = new FieldErrors();
  if (!body) errors.add('body', say('Écrivez le message à envoyer.', 'Write the message to send.'));
  errors.throwIfAny();
  return em.transactional(async (tx) => {
    const event = await lockEvent(tx, found.id);
    const sentToday = await queryOne<{ n: number }>(
      tx,
      sql`select count(*)::int as n from (select 1 from event_message
           where event_id = ${event.id} and created_at > now() - interval '24 hours' limit ${MESSAGES_PER_DAY}) m`,
    );
    if ((sentToday?.n ?? 0) >= MESSAGES_PER_DAY) {
      throw new AppError(
        'RATE_LIMITED',
        say(
          `Vous avez déjà écrit ${MESSAGES_PER_DAY} messages aux inscrits de cet événement ces dernières 24 heures : attendez demain, ou regroupez vos informations.`,
          `You already wrote ${MESSAGES_PER_DAY} messages to this event's registered people in the last 24 hours: wait until tomorrow, or group your news.`,
        ),
      );
    }
    const wholeCycle = Boolean(input.wholeCycle && event.series);
    if (input.wholeCycle && !event.series) {
      throw conflict(say('Cet événement ne fait pas partie d’un cycle.', 'This event is not part of a cycle.'));
    }
    const recipients = await readRecipients(tx, event, wholeCycle, Boolean(input.includesWaitlisted));
    const message = tx.create(EventMessage, {
      event,
      author: author.id,
      body,
      includesWaitlisted: Boolean(input.includesWaitlisted),
      wholeCycle,
      recipientCount: recipients.memberIds.filter((id) => id !== author.id).length + recipients.guests.length,
    });
    await tx.flush();
    await notify(
      tx,
      recipients.memberIds,
      {
        kind: 'agenda.message',
        text: say(`Message des organisateurs de « ${event.title} » : ${body}`, `Message from the organizers of "${event.title}": ${body}`),
        link: eventLink(event.id),
      },
      author.id,
    );
    await sendGuestMessages(tx, recipients.guests, body);
    return { message, unreachableCount: recipients.unreachable };
  });
}

interface Recipients {
  /** The members registered (the author among them, if they are: `notify` skips its actor). */
  memberIds: string[];
  /** The guests with an address, one per address, in the session of this event when they are in it. */
  guests: GuestRecipient[];
  /** Registered at the desk without an address: nobody can write to them from here. */
  unreachable: number;
}

interface GuestRow {
  registrationId: string;
  eventId: string;
  title: string;
  startsAt: string;
  departement: string | null;
  firstName: string;
  email: string;
}

/** Whom a message reaches, in one statement over the event's (or the cycle's) registrations. */
async function readRecipients(em: EntityManager, event: AgendaEvent, wholeCycle: boolean, withWaitlisted: boolean): Promise<Recipients> {
  const statuses = withWaitlisted ? sql`('confirmed', 'waitlisted')` : sql`('confirmed')`;
  const scope = wholeCycle
    ? sql`e.series_id = ${event.series!.id} and (e.id = ${event.id} or e.starts_at > now())`
    : sql`e.id = ${event.id}`;
  const row = await queryOne<{ memberIds: string[]; guests: GuestRow[]; unreachable: number }>(
    em,
    sql`with registered as (
          select r.id, r.user_id, r.guest_first_name, r.guest_email, e.id as event_id, e.title, e.starts_at, e.departement
            from event_registration r join agenda_event e on e.id = r.event_id
           where ${scope} and r.status in ${statuses}
        ), guests as (
          select distinct on (lower(guest_email)) * from registered
           where user_id is null and guest_email is not null
           order by lower(guest_email), (event_id = ${event.id}) desc, starts_at
        )
        select coalesce((select array_agg(distinct user_id)::text[] from registered where user_id is not null), '{}') as "memberIds",
               coalesce((select json_agg(json_build_object('registrationId', id, 'eventId', event_id, 'title', title, 'startsAt', starts_at,
                                                           'departement', departement, 'firstName', guest_first_name, 'email', guest_email))
                           from guests), '[]') as guests,
               (select count(*)::int from registered where user_id is null and guest_email is null) as unreachable`,
  );
  return {
    memberIds: row?.memberIds ?? [],
    guests: (row?.guests ?? []).map((guest) => ({
      registrationId: guest.registrationId,
      event: { id: guest.eventId, title: guest.title, startsAt: new Date(guest.startsAt), departement: guest.departement },
      firstName: guest.firstName,
      email: guest.email,
    })),
    unreachable: row?.unreachable ?? 0,
  };
}

export interface EventMessageView {
  id: string;
  body: string;
  authorName: string;
  createdAt: Date;
  includesWaitlisted: boolean;
  wholeCycle: boolean;
  recipientCount: number;
}

/**
 * The messages of an event (and those written to its whole cycle), newest first, for the people
 * registered or waiting and for the organizers; nobody else (they may say where the keys are).
 */
export async function eventMessages(em: EntityManager, eventId: string, viewer: Viewer | null): Promise<EventMessageView[]> {
  if (!viewer) return [];
  const event = await getEvent(em, eventId);
  const manages = await canManageEvent(em, event, viewer);
  if (!manages) {
    const registered = await queryOne(
      em,
      sql`select 1 from event_registration where event_id = ${event.id} and user_id = ${viewer.id} and status in ('confirmed', 'waitlisted')`,
    );
    if (!registered) return [];
  }
  const series = event.series?.id ?? null;
  const rows = await query<EventMessageView>(
    em,
    sql`select m.id, m.body, coalesce(u.display_name, 'Compte supprimé') as "authorName", m.created_at as "createdAt",
               m.includes_waitlisted as "includesWaitlisted", m.whole_cycle as "wholeCycle", m.recipient_count as "recipientCount"
          from event_message m left join member_card u on u.id = m.author_id
         where m.event_id = ${event.id}
            or (${series}::uuid is not null and m.whole_cycle and m.event_id in (select id from agenda_event where series_id = ${series}))
         order by m.created_at desc, m.id desc
         limit 50`,
  );
  // Plain SQL gives the time as text; the API's DateTime wants a date.
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

export interface MessageReach {
  confirmedReachable: number;
  confirmedUnreachable: number;
  waitlistedReachable: number;
  waitlistedUnreachable: number;
}

/**
 * Whom "Écrire aux inscrits" reaches on this event: members and guests with an address, and the people
 * registered at the desk with a phone only. Counted on the event's registrations (index on event, status).
 */
export async function messageReach(em: EntityManager, eventId: string): Promise<MessageReach> {
  const row = await queryOne<MessageReach>(
    em,
    sql`select
          (count(*) filter (where status = 'confirmed' and (user_id is not null or guest_email is not null)))::int as "confirmedReachable",
          (count(*) filter (where status = 'confirmed' and user_id is null and guest_email is null))::int as "confirmedUnreachable",
          (count(*) filter (where status = 'waitlisted' and (user_id is not null or guest_email is not null)))::int as "waitlistedReachable",
          (count(*) filter (where status = 'waitlisted' and user_id is null and guest_email is null))::int as "waitlistedUnreachable"
        from event_registration where event_id = ${eventId} and status in ('confirmed', 'waitlisted')`,
  );
  return row ?? { confirmedReachable: 0, confirmedUnreachable: 0, waitlistedReachable: 0, waitlistedUnreachable: 0 };
}
