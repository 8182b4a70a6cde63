/**
 * What the organizers do to one registration (the registrations page, /agenda/evenements/<id>/inscriptions):
 * remove it, or confirm someone from the waitlist. Apart from registrations.service.ts, which the events
 * service imports: these need THE check of who manages an event (events.service.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import type { User } from '../comptes/user.entity.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { englishDateTime, eventZone, frenchDateTime } from '../../shared/local-time.js';
import type { AgendaEvent } from './event.entity.js';
import { eventLink, isUuid, lockEvent } from './event-lookup.js';
import { requireEventManager } from './events.service.js';
import { sendGuestRemoval } from './guest-emails.js';
import { Registration, RegistrationStatus } from './registration.entity.js';
import { confirmedCount, freeRegistration, publishSeats, tellPromoted } from './registrations.service.js';

const REGISTRATION_NOT_FOUND = say('Cette inscription n’existe pas ou plus.', 'This registration does not exist.');

/**
 * A cancelled or finished event keeps its registrations as they were: the list is its history (and the attendance
 * sheet's), and nobody should be told after the fact that their registration was removed or confirmed.
 */
function refuseSettledEvent(event: AgendaEvent): void {
  if (event.cancelledAt) {
    throw conflict(
      say(
        'Cet événement est annulé : ses inscriptions ne peuvent plus être modifiées.',
        'This event is cancelled: its registrations can no longer be changed.',
      ),
    );
  }
  if (event.endsAt <= new Date()) {
    throw conflict(
      say(
        'Cet événement est terminé : ses inscriptions ne peuvent plus être modifiées.',
        'This event is over: its registrations can no longer be changed.',
      ),
    );
  }
}

/** A registration of an event the organizer manages, read again under the event's lock; the event still to come. */
async function managedRegistration(
  em: EntityManager,
  organizer: User,
  registrationId: string,
  change: (tx: EntityManager, event: AgendaEvent, registration: Registration) => Promise<void>,
): Promise<AgendaEvent> {
  if (!isUuid(registrationId)) throw notFound(REGISTRATION_NOT_FOUND);
  const found = await em.findOne(Registration, { id: registrationId }, { populate: ['event'] });
  if (!found) throw notFound(REGISTRATION_NOT_FOUND);
  await requireEventManager(em, found.event, organizer);
  return em.transactional(async (tx) => {
    const event = await lockEvent(tx, found.event.id);
    refuseSettledEvent(event);
    const registration = await tx.findOneOrFail(Registration, found.id);
    await change(tx, event, registration);
    return event;
  });
}

/**
 * "Retirer": an organizer cancels someone's registration (made by mistake at the desk, cancelled by
 * phone). The seat goes to the first waiting person, as when people cancel themselves; the person
 * removed is told (a notification, or an e-mail to a guest who gave an address).
 */
export async function removeRegistration(em: EntityManager, organizer: User, registrationId: string): Promise<AgendaEvent> {
  return managedRegistration(em, organizer, registrationId, async (tx, event, registration) => {
    if (registration.status === RegistrationStatus.CANCELLED) {
      throw conflict(say('Cette inscription est déjà annulée.', 'This registration is already cancelled.'));
    }
    await freeRegistration(tx, event, registration, organizer.id);
    if (registration.user) {
      await notify(
        tx,
        [registration.user.id],
        {
          kind: 'agenda.changed',
          text: say(
            `Les organisateurs de « ${event.title} » du ${frenchDateTime(event.startsAt, eventZone(event))} ont annulé votre inscription.`,
            `The organizers of "${event.title}" on ${englishDateTime(event.startsAt, eventZone(event))} cancelled your registration.`,
          ),
          link: eventLink(event.id),
        },
        organizer.id,
      );
    } else {
      await sendGuestRemoval(tx, event, registration);
    }
  });
}

/**
 * "Confirmer": an organizer gives a seat to someone on the waitlist, out of turn if they choose. A full
 * event gets one more seat (its capacity grows by one), so confirmed people never outnumber the seats.
 */
export async function promoteRegistration(em: EntityManager, organizer: User, registrationId: string): Promise<AgendaEvent> {
  return managedRegistration(em, organizer, registrationId, async (tx, event, registration) => {
    if (registration.status !== RegistrationStatus.WAITLISTED) {
      throw conflict(say('Cette personne n’est pas sur la liste d’attente.', 'This person is not on the waitlist.'));
    }
    if (event.capacity != null && (await confirmedCount(tx, event.id)) >= event.capacity) event.capacity += 1;
    registration.status = RegistrationStatus.CONFIRMED;
    registration.confirmedAt = new Date();
    await tx.flush();
    await publishSeats(tx, event.id);
    await tellPromoted(tx, event, [registration], organizer.id);
  });
}
