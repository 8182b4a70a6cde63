import type { EntityManager } from '@mikro-orm/postgresql';
import { query, queryOne, sql } from '../../db/sql.js';
import { AppError, FieldErrors, conflict } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import type { User } from '../comptes/user.entity.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { EventMessage } from './event-message.entity.js';
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
 * cycle): notified by their preferences (e-mail by default), the message kept on the event page.
 */
export async function messageRegistrants(em: EntityManager, author: User, input: MessageToRegistrants): Promise<EventMessage> {
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
    const statuses = input.includesWaitlisted ? sql`('confirmed', 'waitlisted')` : sql`('confirmed')`;
    const scope = wholeCycle
      ? sql`e.series_id = ${event.series!.id} and (e.id = ${event.id} or e.starts_at > now())`
      : sql`e.id = ${event.id}`;
    const recipients = await query<{ user_id: string }>(
      tx,
      sql`select distinct r.user_id from event_registration r join agenda_event e on e.id = r.event_id
           where ${scope} and r.status in ${statuses} and r.user_id is not null`,
    );
    const message = tx.create(EventMessage, {
      event,
      author: author.id,
      body,
      includesWaitlisted: Boolean(input.includesWaitlisted),
      wholeCycle,
      recipientCount: recipients.filter((r) => r.user_id !== author.id).length,
    });
    await tx.flush();
    await notify(
      tx,
      recipients.map((r) => r.user_id),
      {
        kind: 'agenda.message',
        text: say(`Message des organisateurs de « ${event.title} » : ${body}`, `Message from the organizers of "${event.title}": ${body}`),
        link: eventLink(event.id),
      },
      author.id,
    );
    return message;
  });
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
