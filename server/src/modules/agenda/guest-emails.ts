/**
 * The e-mails a guest (someone registered without an account) receives, and the private links they
 * carry. Kept apart from guest-registrations.ts so that registrations.service.ts (promotions) and
 * reminders.ts can send them without importing the events service in a loop.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { icu } from '../../i18n/count.js';
import { say, type Text } from '../../i18n/lang.js';
import { queuePlainEmail } from '../commun/notifications/notifications.service.js';
import { hashToken, newToken } from '../comptes/tokens.js';
import { AgendaEvent } from './event.entity.js';
import { GuestLink } from './guest-link.entity.js';
import { eventZone, spokenStart } from '../../shared/local-time.js';
import { Registration } from './registration.entity.js';

/** A confirmation link stays valid 48 hours, as an account's (comptes/email-verification.ts). */
export const GUEST_LINK_HOURS = 48;

/** What a guest's e-mail says of the event: its title and when, on the clock of its place. */
export type GuestEvent = Pick<AgendaEvent, 'id' | 'title' | 'startsAt' | 'departement'>;

/** The guest's page, reached by the private link. */
export function guestPagePath(token: string): string {
  return `/agenda/invite/${token}`;
}

/** "mercredi 2 décembre 2026 à 17 h 30", in the event's own time zone. */
export function guestWhen(event: Pick<GuestEvent, 'startsAt' | 'departement'>, lang: 'fr' | 'en'): string {
  return spokenStart(event.startsAt, eventZone(event), lang);
}

const FOOTER = say(
  'Vous recevez ce message parce que cette adresse a été donnée pour s’inscrire sans compte à un événement de Maillage. Elle ne sert qu’à cette inscription et est effacée trois mois après l’événement ; aucun compte n’est créé.',
  'You receive this message because this address was given to register without an account to an event on Maillage. It serves only this registration and is erased three months after the event; no account is created.',
);

/** Written with the caller's next flush. */
function queueGuestEmail(em: EntityManager, to: string, firstName: string, subject: Text, body: Text, token: string): void {
  queuePlainEmail(em, {
    to,
    lang: 'fr',
    kind: 'agenda.guest',
    subject,
    greeting: say(`Bonjour ${firstName},`, `Hello ${firstName},`),
    body: body.fr,
    footer: FOOTER,
    link: guestPagePath(token),
  });
}

/** A guest who gave an address, as a registration or as one statement reads them (event-messages.service.ts). */
export interface GuestRecipient {
  registrationId: string;
  event: GuestEvent;
  firstName: string;
  email: string;
}

/**
 * E-mails to guests, each with a new link to their page (the earlier links keep working): every link and every
 * e-mail is written in one flush, however many guests are written to.
 */
async function writeToGuests(em: EntityManager, letters: (GuestRecipient & { subject: Text; body: Text })[]): Promise<void> {
  for (const letter of letters) {
    const token = newToken();
    em.create(GuestLink, {
      tokenHash: hashToken(token),
      event: em.getReference(AgendaEvent, letter.event.id),
      registration: em.getReference(Registration, letter.registrationId),
    });
    queueGuestEmail(em, letter.email, letter.firstName, letter.subject, letter.body, token);
  }
  if (letters.length) await em.flush();
}

/** An e-mail to a guest who gave an address, with a new link to their page; a desk registration without one gets none. */
async function writeToGuest(em: EntityManager, event: GuestEvent, registration: Registration, subject: Text, body: Text): Promise<void> {
  if (!registration.guestEmail || !registration.guestFirstName) return;
  const guest = { registrationId: registration.id, event, firstName: registration.guestFirstName, email: registration.guestEmail };
  await writeToGuests(em, [{ ...guest, subject, body }]);
}

/** The link to confirm a registration asked on the event's page (pending, 48 hours). */
export async function sendGuestConfirmation(em: EntityManager, event: AgendaEvent, firstName: string, email: string): Promise<void> {
  const token = newToken();
  em.create(GuestLink, {
    tokenHash: hashToken(token),
    event,
    firstName,
    email,
    expiresAt: new Date(Date.now() + GUEST_LINK_HOURS * 3600 * 1000),
  });
  queueGuestEmail(
    em,
    email,
    firstName,
    say(`Confirmez votre inscription : ${event.title}`, `Confirm your registration: ${event.title}`),
    say(
      `Pour confirmer votre inscription à « ${event.title} » (${guestWhen(event, 'fr')}), ouvrez ce lien (valable ${GUEST_LINK_HOURS} heures). Il mène ensuite à la page de votre inscription : gardez ce message pour l’ajouter à votre agenda ou l’annuler. Si vous êtes déjà inscrit·e, il vous y ramène. Si vous n’avez rien demandé, ignorez ce message : sans confirmation, rien n’est enregistré.`,
      `To confirm your registration to "${event.title}" (${guestWhen(event, 'en')}), open this link (valid ${GUEST_LINK_HOURS} hours). It then leads to the page of your registration: keep this message to add it to your calendar or cancel it. If you are already registered, it takes you there. If you asked for nothing, ignore this message: without confirmation, nothing is kept.`,
    ),
    token,
  );
  await em.flush();
}

/**
 * Registered at the desk with an address: the e-mail an online guest gets, with the link of their page (to add it to
 * their calendar or cancel it), saying the organizers registered them. Written with the registration, in its transaction.
 */
export async function sendGuestDeskWelcome(
  em: EntityManager,
  event: AgendaEvent,
  registration: Registration,
  waitlistPosition: number | null,
): Promise<void> {
  const fr =
    waitlistPosition == null
      ? 'votre place est retenue.'
      : `vous êtes sur la liste d’attente, en ${icu('fr', '{n, selectordinal, one {#re} other {#e}}', { n: waitlistPosition })} position : un e-mail vous le dira si une place se libère.`;
  const en =
    waitlistPosition == null
      ? 'your seat is kept.'
      : `you are on the waitlist, number ${waitlistPosition}: an e-mail will tell you if a seat becomes free.`;
  await writeToGuest(
    em,
    event,
    registration,
    say(`Votre inscription : ${event.title}`, `Your registration: ${event.title}`),
    say(
      `Les organisateurs de « ${event.title} » (${guestWhen(event, 'fr')}) vous ont inscrit·e à l’accueil : ${fr} Ce lien mène à la page de votre inscription : gardez ce message pour l’ajouter à votre agenda ou l’annuler (la place ira alors à la personne suivante).`,
      `The organizers of "${event.title}" (${guestWhen(event, 'en')}) registered you at the desk: ${en} This link leads to the page of your registration: keep this message to add it to your calendar or cancel it (the seat then goes to the next person).`,
    ),
  );
}

/** A seat became free for a waiting guest. */
export async function sendGuestPromotion(em: EntityManager, event: AgendaEvent, registration: Registration): Promise<void> {
  await writeToGuest(
    em,
    event,
    registration,
    say(`Une place s’est libérée : ${event.title}`, `A seat became free: ${event.title}`),
    say(
      `Une place s’est libérée : votre inscription à « ${event.title} » (${guestWhen(event, 'fr')}) est confirmée. Vous ne pouvez plus venir ? Annulez-la depuis la page de votre inscription, la place ira à la personne suivante.`,
      `A seat became free: your registration to "${event.title}" (${guestWhen(event, 'en')}) is confirmed. Can't come any more? Cancel it from the page of your registration, the seat goes to the next person.`,
    ),
  );
}

/**
 * The organizers wrote to the people registered (agenda/event-messages.service.ts): one e-mail per guest, saying the
 * session they are registered to (a message to a whole cycle reaches each guest through their own session).
 */
export async function sendGuestMessages(em: EntityManager, guests: GuestRecipient[], body: string): Promise<void> {
  const letters = guests.map((guest) => ({
    ...guest,
    subject: say(`Message des organisateurs : ${guest.event.title}`, `Message from the organizers: ${guest.event.title}`),
    body: say(
      `Message des organisateurs de « ${guest.event.title} » (${guestWhen(guest.event, 'fr')}) : ${body}`,
      `Message from the organizers of "${guest.event.title}" (${guestWhen(guest.event, 'en')}): ${body}`,
    ),
  }));
  await writeToGuests(em, letters);
}

/** The organizers removed the registration (agenda/registrations.service.ts, removeRegistration). */
export async function sendGuestRemoval(em: EntityManager, event: AgendaEvent, registration: Registration): Promise<void> {
  await writeToGuest(
    em,
    event,
    registration,
    say(`Inscription annulée : ${event.title}`, `Registration cancelled: ${event.title}`),
    say(
      `Les organisateurs de « ${event.title} » (${guestWhen(event, 'fr')}) ont annulé votre inscription. Si c’est une erreur, contactez-les ou inscrivez-vous à nouveau depuis la page de l’événement.`,
      `The organizers of "${event.title}" (${guestWhen(event, 'en')}) cancelled your registration. If it is a mistake, contact them or register again from the event page.`,
    ),
  );
}

/** The day before (agenda/reminders.ts), to a confirmed guest. */
export async function sendGuestReminder(em: EntityManager, event: AgendaEvent, registration: Registration, where: string): Promise<void> {
  const at = where ? ` — ${where}` : '';
  await writeToGuest(
    em,
    event,
    registration,
    say(`Rappel : ${event.title}`, `Reminder: ${event.title}`),
    say(
      `Rappel : « ${event.title} », ${guestWhen(event, 'fr')}${at}. Vous ne pouvez plus venir ? Libérez votre place depuis la page de votre inscription (elle ira à la personne suivante).`,
      `Reminder: "${event.title}", ${guestWhen(event, 'en')}${at}. Can't come any more? Free your seat from the page of your registration (it goes to the next person).`,
    ),
  );
}

/** The organizers cancelled the event. */
export async function sendGuestCancellation(em: EntityManager, event: AgendaEvent, registration: Registration, reason: string | null) {
  await writeToGuest(
    em,
    event,
    registration,
    say(`Événement annulé : ${event.title}`, `Event cancelled: ${event.title}`),
    say(
      `« ${event.title} », prévu ${guestWhen(event, 'fr')}, est annulé.${reason ? ` Motif : ${reason}` : ''}`,
      `"${event.title}", planned ${guestWhen(event, 'en')}, is cancelled.${reason ? ` Reason: ${reason}` : ''}`,
    ),
  );
}
