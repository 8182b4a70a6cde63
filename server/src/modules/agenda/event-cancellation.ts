import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import type { User } from '../comptes/user.entity.js';
import { contentChanged } from '../commun/content-changes.js';
import { notify } from '../commun/notifications/notifications.service.js';
import type { AgendaEvent } from './event.entity.js';
import { eventLink, getEvent, lockEvent } from './event-lookup.js';
import { requireEventManager } from './events.service.js';
import { englishDateTime, eventZone, frenchDateTime } from '../../shared/local-time.js';
import { Registration, RegistrationStatus } from './registration.entity.js';
import { sendGuestCancellation } from './guest-emails.js';
import { publishSeats } from './registrations.service.js';

/**
 * Cancels an event: it stays on the agenda marked "annulé" (people who saw it must learn it will not
 * happen), every registered and waiting person is told (by e-mail unless they chose otherwise),
 * calendars receive STATUS:CANCELLED, registrations close. Registrations are kept as they were, so
 * the organizers still know whom they told.
 */
export async function cancelEvent(em: EntityManager, user: User, input: { eventId: string; reason?: string | null }): Promise<AgendaEvent> {
  const found = await getEvent(em, input.eventId);
  await requireEventManager(em, found, user);
  return em.transactional(async (tx) => {
    const event = await lockEvent(tx, found.id);
    if (event.cancelledAt) throw conflict(say('Cet événement est déjà annulé.', 'This event is already cancelled.'));
    if (event.endsAt <= new Date()) {
      throw conflict(
        say('Cet événement est terminé : il n’y a plus rien à annuler.', 'This event is over: there is nothing left to cancel.'),
      );
    }
    const reason = input.reason?.trim() || null;
    event.cancelledAt = new Date();
    event.cancellationReason = reason;
    event.sequence += 1;
    await tx.flush();

    const registered = await tx.find(Registration, {
      event,
      status: { $in: [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED] },
    });
    // Guests who gave an address hear of it by e-mail (agenda/guest-emails.ts).
    for (const guest of registered.filter((registration) => !registration.user)) await sendGuestCancellation(tx, event, guest, reason);
    const why = reason ? { fr: ` Motif : ${reason}`, en: ` Reason: ${reason}` } : { fr: '', en: '' };
    await notify(
      tx,
      registered.flatMap((registration) => (registration.user ? [registration.user.id] : [])),
      {
        kind: 'agenda.changed',
        text: say(
          `« ${event.title} », prévu le ${frenchDateTime(event.startsAt, eventZone(event))}, est annulé.${why.fr}`,
          `"${event.title}", planned ${englishDateTime(event.startsAt, eventZone(event))}, is cancelled.${why.en}`,
        ),
        link: eventLink(event.id),
      },
      user.id,
    );
    await publishSeats(tx, event.id);
    await contentChanged(tx, { type: 'agenda.event', id: event.id, change: 'updated' });
    return event;
  });
}
