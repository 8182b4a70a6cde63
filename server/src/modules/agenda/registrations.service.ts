import type { EntityManager } from '@mikro-orm/postgresql';
import { queryOne, sql } from '../../db/sql.js';
import { LockMode } from '@mikro-orm/core';
import { conflict, forbidden, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { AccountStatus, User } from '../comptes/user.entity.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { AgendaEvent, EventSeries } from './event.entity.js';
import { EVENT_NOT_FOUND, eventLink, getEvent, lockEvent } from './event-lookup.js';
import { englishDateTime, eventZone, frenchDateTime } from '../../shared/local-time.js';
import { Registration, RegistrationStatus } from './registration.entity.js';
import { publishLive } from '../../live/publish.js';
import { sendGuestPromotion } from './guest-emails.js';

/** The live topic of an event's seats (agenda.live.ts): registrations, cancellations, promotions, capacity. */
export const seatsTopic = (eventId: string) => `seats:${eventId}`;

/** Tells the event's open pages that its seats changed (in the transaction of the change). */
export function publishSeats(em: EntityManager, eventId: string): Promise<void> {
  return publishLive(em, seatsTopic(eventId));
}

export type RegistrationState = 'open' | 'not_yet_open' | 'closed' | 'started';

/** Whether people may register now, and if not, why. */
export function registrationState(event: AgendaEvent, now = new Date()): RegistrationState {
  if (event.startsAt <= now) return 'started';
  if (event.cancelledAt || !event.publishedAt) return 'closed';
  if (event.registrationOpensAt && event.registrationOpensAt > now) return 'not_yet_open';
  if (event.registrationClosesAt && event.registrationClosesAt <= now) return 'closed';
  return 'open';
}

export function refuseOutsideWindow(event: AgendaEvent): void {
  // A draft: only its organizers see it, nobody registers yet.
  if (!event.publishedAt) throw notFound(EVENT_NOT_FOUND);
  if (event.cancelledAt) {
    throw conflict(say('Cet événement est annulé : on ne peut plus s’y inscrire.', 'This event is cancelled: registrations are closed.'));
  }
  const state = registrationState(event);
  if (state === 'started') {
    throw conflict(
      say('Cet événement a déjà commencé : les inscriptions sont closes.', 'This event has already started: registrations are closed.'),
    );
  }
  if (state === 'not_yet_open') {
    throw conflict(
      say(
        `Les inscriptions ouvrent le ${frenchDateTime(event.registrationOpensAt!, eventZone(event))}.`,
        `Registrations open on ${englishDateTime(event.registrationOpensAt!, eventZone(event))}.`,
      ),
    );
  }
  if (state === 'closed') throw conflict(say('Les inscriptions à cet événement sont closes.', 'Registrations to this event are closed.'));
}

export async function confirmedCount(em: EntityManager, eventId: string): Promise<number> {
  return em.count(Registration, { event: eventId, status: RegistrationStatus.CONFIRMED });
}

/** Position on the waitlist (1 = next to get a seat), or null when not waiting. */
export async function waitlistPosition(em: EntityManager, registration: Registration): Promise<number | null> {
  if (registration.status !== RegistrationStatus.WAITLISTED) return null;
  return em.count(Registration, {
    event: registration.event.id,
    status: RegistrationStatus.WAITLISTED,
    queueNumber: { $lte: registration.queueNumber },
  });
}

export interface RegistrationOutcome {
  registration: Registration;
  waitlistPosition: number | null;
}

/**
 * Registers `user` while the event row is locked: a seat if one is left, otherwise the end of the
 * waitlist. Concurrent registrations wait for each other on that lock, so seats are never overbooked
 * and the waitlist keeps the order in which people got the lock.
 */
async function registerLocked(em: EntityManager, event: AgendaEvent, user: User): Promise<RegistrationOutcome> {
  const existing = await em.findOne(Registration, { event, user });
  if (existing && existing.status !== RegistrationStatus.CANCELLED) {
    throw conflict(
      existing.status === RegistrationStatus.CONFIRMED
        ? say('Vous êtes déjà inscrit·e à cet événement.', 'You are already registered to this event.')
        : say('Vous êtes déjà sur la liste d’attente de cet événement.', 'You are already on the waitlist of this event.'),
    );
  }
  const registration = existing ?? em.create(Registration, { event, user, status: RegistrationStatus.WAITLISTED, queueNumber: 0 });
  return takeSeatOrQueue(em, event, registration);
}

/**
 * The one rule of seats, for members and guests alike (agenda/guest-registrations.ts): a seat if one
 * is left, otherwise the end of the waitlist. Must run while the event row is locked.
 */
export async function takeSeatOrQueue(em: EntityManager, event: AgendaEvent, registration: Registration): Promise<RegistrationOutcome> {
  // Next place in the line and seats taken, read together while the event is locked.
  const { next, confirmed } = (await queryOne<{ next: number; confirmed: number }>(
    em,
    sql`select coalesce(max(queue_number), 0)::int + 1 as next,
       (count(*) filter (where status = 'confirmed'))::int as confirmed
     from event_registration where event_id = ${event.id}`,
  ))!;
  const seatLeft = event.capacity == null || confirmed < event.capacity;
  const status = seatLeft ? RegistrationStatus.CONFIRMED : RegistrationStatus.WAITLISTED;
  const now = new Date();
  Object.assign(registration, { status, queueNumber: next, confirmedAt: seatLeft ? now : null, cancelledAt: null });
  await em.flush();
  await publishSeats(em, event.id);
  return { registration, waitlistPosition: await waitlistPosition(em, registration) };
}

function requireActive(user: User): void {
  if (user.status !== AccountStatus.ACTIVE) throw forbidden(say('Activez d’abord votre compte.', 'Activate your account first.'));
}

export async function registerToEvent(em: EntityManager, user: User, eventId: string): Promise<RegistrationOutcome> {
  requireActive(user);
  const found = await getEvent(em, eventId);
  if (found.hiddenAt) throw notFound(EVENT_NOT_FOUND);
  return em.transactional(async (tx) => {
    const event = await lockEvent(tx, found.id);
    refuseOutsideWindow(event);
    return registerLocked(tx, event, tx.getReference(User, user.id));
  });
}

/**
 * Registers to every session of a weekly cycle that is still open (sessions already started or
 * closed are skipped, and so are those the person is already registered to).
 */
export async function registerToSeries(em: EntityManager, user: User, seriesId: string): Promise<RegistrationOutcome[]> {
  requireActive(user);
  const series = await em.findOne(EventSeries, { id: seriesId });
  if (!series) throw notFound(say('Ce cycle n’existe pas ou plus.', 'This cycle does not exist.'));
  return em.transactional(async (tx) => {
    // Locked in a fixed order, so two people registering to the same cycle never deadlock.
    const events = await tx.find(
      AgendaEvent,
      { series: seriesId, hiddenAt: null },
      { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const me = await tx.findOneOrFail(User, user.id);
    const outcomes: RegistrationOutcome[] = [];
    for (const event of events.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
      if (registrationState(event) !== 'open') continue;
      const existing = await tx.findOne(Registration, { event, user: me });
      if (existing && existing.status !== RegistrationStatus.CANCELLED) continue;
      outcomes.push(await registerLocked(tx, event, me));
    }
    if (outcomes.length === 0) {
      throw conflict(
        say(
          'Aucune séance de ce cycle ne vous attend : vous y êtes déjà inscrit·e, ou les inscriptions sont closes.',
          'No session of this cycle is left for you: you are already registered, or registrations are closed.',
        ),
      );
    }
    return outcomes;
  });
}

const EVENT_OVER = say(
  'Cet événement est terminé : son inscription ne peut plus être annulée.',
  'This event is over: the registration can no longer be cancelled.',
);

/**
 * Cancels a registration while the event is locked. When it held a seat, the first waiting person gets
 * it and is told so: the one path of a freed seat (the member, the guest's private page, the organizers).
 */
export async function freeRegistration(em: EntityManager, event: AgendaEvent, registration: Registration, actorId: string | null) {
  if (event.endsAt <= new Date()) throw conflict(EVENT_OVER);
  const heldSeat = registration.status === RegistrationStatus.CONFIRMED;
  registration.status = RegistrationStatus.CANCELLED;
  registration.cancelledAt = new Date();
  await em.flush();
  // A cancelled event gives nobody a seat: the people waiting must not read "une place s'est libérée".
  if (heldSeat && !event.cancelledAt) await promoteWaiting(em, event, actorId);
  await publishSeats(em, event.id);
}

/**
 * Cancels a registration. When it held a seat, the first waiting person gets it and is told so.
 */
export async function cancelRegistration(em: EntityManager, user: User, eventId: string): Promise<Registration> {
  const found = await getEvent(em, eventId);
  return em.transactional(async (tx) => {
    const event = await lockEvent(tx, found.id);
    const registration = await tx.findOne(Registration, { event, user: user.id });
    if (!registration || registration.status === RegistrationStatus.CANCELLED) {
      throw notFound(say('Vous n’êtes pas inscrit·e à cet événement.', 'You are not registered to this event.'));
    }
    await freeRegistration(tx, event, registration, user.id);
    return registration;
  });
}

/**
 * Gives free seats to waiting people, first in first out, and tells each of them.
 * Must run while the event is locked (cancellation, capacity raised).
 */
export async function promoteWaiting(em: EntityManager, event: AgendaEvent, actorId: string | null): Promise<number> {
  const free = event.capacity == null ? Number.MAX_SAFE_INTEGER : event.capacity - (await confirmedCount(em, event.id));
  if (free <= 0) return 0;
  const waiting = await em.find(
    Registration,
    { event, status: RegistrationStatus.WAITLISTED },
    { orderBy: { queueNumber: 'asc' }, limit: Math.min(free, 10_000) },
  );
  const now = new Date();
  for (const registration of waiting) {
    registration.status = RegistrationStatus.CONFIRMED;
    registration.confirmedAt = now;
  }
  await em.flush();
  if (waiting.length) await publishSeats(em, event.id);
  await tellPromoted(em, event, waiting, actorId);
  return waiting.length;
}

/** Tells people who just got a seat: a notification to members, an e-mail to guests who gave an address. */
export async function tellPromoted(em: EntityManager, event: AgendaEvent, promoted: Registration[], actorId: string | null): Promise<void> {
  for (const guest of promoted.filter((r) => !r.user)) await sendGuestPromotion(em, event, guest);
  const members = promoted.flatMap((r) => (r.user ? [r.user.id] : []));
  if (members.length) {
    await notify(
      em,
      members,
      {
        kind: 'agenda.promoted',
        text: say(
          `Une place s’est libérée : votre inscription à « ${event.title} » du ${frenchDateTime(event.startsAt, eventZone(event))} est confirmée.`,
          `A seat became free: your registration to "${event.title}" on ${englishDateTime(event.startsAt, eventZone(event))} is confirmed.`,
        ),
        link: eventLink(event.id),
      },
      actorId,
    );
  }
}
