/**
 * Registering without an account (docs/architecture.md, "Registering without an account"). On an event whose
 * organizers allow it, a person gives a first name and an e-mail address and confirms by the link
 * e-mailed to them (48 hours); the link then leads for good to their page, where they see, add to
 * their calendar or cancel their registration. Organizers may also register someone at the desk by
 * name, with a phone and an address if given. Guests are rows of `event_registration` without a user, so
 * seats and the waitlist keep one rule (`takeSeatOrQueue`). No answer to a visitor tells whether an address
 * is registered (the organizers see it on their list), and no account is ever created from a guest's
 * address. Their data is erased three months after the event.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { execute, sql } from '../../db/sql.js';
import { AppError, FieldErrors, badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { say, type Text } from '../../i18n/lang.js';
import { checkEmail, normalizeEmail } from '../comptes/email-address.js';
import { hit } from '../comptes/rate-limit.js';
import { hashToken } from '../comptes/tokens.js';
import { User } from '../comptes/user.entity.js';
import { AgendaEvent } from './event.entity.js';
import { EVENT_NOT_FOUND, getEvent, lockEvent } from './event-lookup.js';
import { canManageEvent } from './events.service.js';
import { sendGuestConfirmation, sendGuestDeskWelcome } from './guest-emails.js';
import { GuestLink } from './guest-link.entity.js';
import { Registration, RegistrationStatus } from './registration.entity.js';
import {
  freeRegistration,
  refuseOutsideWindow,
  takeSeatOrQueue,
  waitlistPosition,
  type RegistrationOutcome,
} from './registrations.service.js';

/** Requests per hour: from one IP address (a shared place may register several people), and to one address. */
export const GUEST_REQUESTS_PER_IP_PER_HOUR = 20;
export const GUEST_REQUESTS_PER_ADDRESS_PER_HOUR = 3;
/** Guests' names, addresses and phones are erased this long after the event ends. */
export const GUEST_RETENTION_MONTHS = 3;

const MAX_TOKEN_LENGTH = 100;

export const GUEST_REQUEST_SENT = say(
  'Vérifiez votre boîte e-mail : nous vous avons envoyé un lien pour confirmer votre inscription (valable 48 heures). Pensez à regarder dans les courriers indésirables. Sans confirmation, aucune place n’est retenue.',
  'Check your mailbox: we sent you a link to confirm your registration (valid 48 hours). Look in your spam folder too. Without confirmation, no seat is kept.',
);

const INVALID_LINK = say(
  'Ce lien n’est pas valable : il a expiré (48 heures pour confirmer) ou l’inscription a été effacée. Inscrivez-vous à nouveau depuis la page de l’événement.',
  'This link is not valid: it expired (48 hours to confirm) or the registration was erased. Register again from the event page.',
);

const GUESTS_NOT_ALLOWED = say(
  'Cet événement n’accepte pas d’inscription sans compte : créez un compte ou connectez-vous pour vous inscrire.',
  'This event does not take registrations without an account: create an account or sign in to register.',
);

function tooMany(text: Text): AppError {
  return new AppError('RATE_LIMITED', text);
}

function cleanName(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function checkName(errors: FieldErrors, name: string, field: string): void {
  if (!name) errors.add(field, say('Indiquez un prénom.', 'Give a first name.'));
  else if (name.length > 80) errors.add(field, say('Le prénom tient en 80 caractères au plus.', 'The first name fits in 80 characters.'));
}

/** At the desk the form asks "Nom ou prénom": its messages say the same. */
function checkDeskName(errors: FieldErrors, name: string, field: string): void {
  if (!name) errors.add(field, say('Indiquez le nom ou le prénom de la personne.', "Give the person's name or first name."));
  else if (name.length > 80) {
    errors.add(field, say('Le nom ou le prénom tient en 80 caractères au plus.', 'The name or first name fits in 80 characters.'));
  }
}

/** An event a visitor may register to without an account, or the reason why not. */
async function openToGuests(em: EntityManager, eventId: string): Promise<AgendaEvent> {
  const event = await getEvent(em, eventId);
  if (event.hiddenAt || !event.publishedAt) throw notFound(EVENT_NOT_FOUND);
  if (!event.guestsAllowed) throw forbidden(GUESTS_NOT_ALLOWED);
  refuseOutsideWindow(event);
  return event;
}

/**
 * "S'inscrire sans compte": e-mails a link to confirm. The answer is the same whether the address is
 * already registered or not (opening the link then leads to the registration that exists).
 */
export async function requestGuestRegistration(
  em: EntityManager,
  input: { eventId: string; firstName: string; email: string; consent: boolean },
  ip: string,
): Promise<Text> {
  const firstName = cleanName(input.firstName);
  const email = normalizeEmail(input.email);
  const errors = new FieldErrors();
  checkName(errors, firstName, 'firstName');
  checkEmail(errors, email, 'email');
  if (!input.consent) {
    errors.add(
      'consent',
      say(
        'Acceptez que votre prénom et votre adresse servent à cette inscription pour continuer.',
        'Accept that your first name and address serve this registration to continue.',
      ),
    );
  }
  errors.throwIfAny();
  if ((await hit(em, `guest-register-ip:${ip}`, 3600)) > GUEST_REQUESTS_PER_IP_PER_HOUR) {
    throw tooMany(
      say('Trop de demandes depuis cette connexion. Patientez une heure.', 'Too many requests from this connection. Wait an hour.'),
    );
  }
  // A digest of the address, not the address: the counter lives a day (comptes/rate-limit.ts).
  if ((await hit(em, `guest-register-email:${hashToken(email)}`, 3600)) > GUEST_REQUESTS_PER_ADDRESS_PER_HOUR) {
    throw tooMany(
      say(
        'Plusieurs liens ont déjà été envoyés à cette adresse : patientez une heure, et regardez aussi dans les courriers indésirables.',
        'Several links were already sent to this address: wait an hour, and check your spam folder too.',
      ),
    );
  }
  const event = await openToGuests(em, input.eventId);
  await em.transactional((tx) => sendGuestConfirmation(tx, tx.getReference(AgendaEvent, event.id), firstName, email));
  return GUEST_REQUEST_SENT;
}

export interface GuestView {
  link: GuestLink;
  event: AgendaEvent;
  registration: Registration | null;
  waitlistPosition: number | null;
}

async function findLink(em: EntityManager, token: string): Promise<GuestLink | null> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  const link = await em.findOne(GuestLink, { tokenHash: hashToken(token) }, { populate: ['registration', 'event'] });
  if (!link) return null;
  if (!link.registration && (!link.expiresAt || link.expiresAt <= new Date())) return null;
  return link;
}

async function view(em: EntityManager, link: GuestLink): Promise<GuestView> {
  const registration = link.registration ?? null;
  return {
    link,
    event: link.event,
    registration,
    waitlistPosition: registration ? await waitlistPosition(em, registration) : null,
  };
}

/** What the private link shows (nothing changes: a pending link only offers to confirm). */
export async function guestRegistration(em: EntityManager, token: string): Promise<GuestView | null> {
  const link = await findLink(em, token);
  return link ? view(em, link) : null;
}

/**
 * The guest opened their link and confirmed: a seat or the waitlist, as for a member. An address
 * already registered to the event is led to its registration; none is made twice.
 */
export async function confirmGuestRegistration(em: EntityManager, token: string): Promise<GuestView> {
  const found = await findLink(em, token);
  if (!found) throw notFound(INVALID_LINK);
  if (found.registration) return view(em, found);
  return em.transactional(async (tx) => {
    const event = await lockEvent(tx, found.event.id);
    const link = await tx.findOneOrFail(GuestLink, found.id, { populate: ['registration'] });
    if (link.registration) return view(tx, link);
    let registration = await tx.findOne(Registration, {
      event,
      guestEmail: link.email!,
      status: { $ne: RegistrationStatus.CANCELLED },
    });
    if (!registration) {
      if (!event.guestsAllowed) throw forbidden(GUESTS_NOT_ALLOWED);
      refuseOutsideWindow(event);
      registration = tx.create(Registration, {
        event,
        guestFirstName: link.firstName!,
        guestEmail: link.email!,
        status: RegistrationStatus.WAITLISTED,
        queueNumber: 0,
      });
      await takeSeatOrQueue(tx, event, registration);
    }
    Object.assign(link, { registration, firstName: null, email: null, expiresAt: null });
    await tx.flush();
    return view(tx, link);
  });
}

/** "Annuler mon inscription" from the private page: the seat goes to the first waiting person. */
export async function cancelGuestRegistration(em: EntityManager, token: string): Promise<GuestView> {
  const found = await findLink(em, token);
  if (!found?.registration) throw notFound(INVALID_LINK);
  return em.transactional(async (tx) => {
    const event = await lockEvent(tx, found.event.id);
    const link = await tx.findOneOrFail(GuestLink, found.id, { populate: ['registration'] });
    const registration = link.registration!;
    if (registration.status === RegistrationStatus.CANCELLED) {
      throw conflict(say('Cette inscription est déjà annulée.', 'This registration is already cancelled.'));
    }
    await freeRegistration(tx, event, registration, null);
    return view(tx, link);
  });
}

/** "06 12 34 56 78" → "06 12 34 56 78"; "+32 …" kept international. Null when it is not a phone number. */
function phoneOf(value: string): string | null {
  const phone = parsePhoneNumberFromString(value, 'FR');
  if (!phone || !phone.isPossible()) return null;
  return phone.country === 'FR' ? phone.formatNational() : phone.formatInternational();
}

const ADDRESS_ALREADY_REGISTERED = say(
  'Cette adresse e-mail est déjà inscrite à cet événement : retrouvez la personne dans la liste des inscriptions.',
  'This e-mail address is already registered to this event: find the person in the list of registrations.',
);

/**
 * "Inscrire une personne à l'accueil": an organizer registers someone by name, with a phone and an e-mail address
 * if they give them. The address is kept as an online guest's (`guest_email`): the guest e-mails (a message of the
 * organizers, a freed seat, the reminder, a cancellation) reach them the same way, the first one at once with the link
 * of their page, and one address holds one registration of an event (confirmGuestRegistration leads that address back to it).
 */
export async function registerGuestAtDesk(
  em: EntityManager,
  organizer: User,
  input: { eventId: string; name: string; phone?: string | null; email?: string | null },
): Promise<RegistrationOutcome> {
  const found = await getEvent(em, input.eventId);
  if (!(await canManageEvent(em, found, organizer))) {
    throw forbidden(
      say(
        'Seuls les administrateurs et éditeurs de l’organisation peuvent inscrire une personne à l’accueil.',
        "Only the organization's admins and editors can register someone at the desk.",
      ),
    );
  }
  const name = cleanName(input.name);
  const rawPhone = (input.phone ?? '').trim();
  const email = normalizeEmail(input.email ?? '') || null;
  const errors = new FieldErrors();
  checkDeskName(errors, name, 'name');
  const phone = rawPhone ? phoneOf(rawPhone) : null;
  if (rawPhone && (!phone || phone.length > 30)) {
    errors.add('phone', say('Ce numéro de téléphone n’est pas valable (exemple : 06 12 34 56 78).', 'This phone number is not valid.'));
  }
  if (email) checkEmail(errors, email, 'email');
  errors.throwIfAny();
  return em.transactional(async (tx) => {
    const event = await lockEvent(tx, found.id);
    if (event.cancelledAt) throw conflict(say('Cet événement est annulé.', 'This event is cancelled.'));
    if (event.endsAt <= new Date()) throw conflict(say('Cet événement est terminé.', 'This event is over.'));
    if (email && (await tx.count(Registration, { event, guestEmail: email, status: { $ne: RegistrationStatus.CANCELLED } }))) {
      throw badInput({ email: ADDRESS_ALREADY_REGISTERED });
    }
    const registration = tx.create(Registration, {
      event,
      guestFirstName: name,
      guestPhone: phone,
      guestEmail: email,
      addedBy: tx.getReference(User, organizer.id),
      status: RegistrationStatus.WAITLISTED,
      queueNumber: 0,
    });
    const outcome = await takeSeatOrQueue(tx, event, registration);
    // With an address, the person gets the link of their page as an online guest does (none without).
    await sendGuestDeskWelcome(tx, event, registration, outcome.waitlistPosition);
    return outcome;
  });
}

/**
 * Three months after an event ends, its guests' names, addresses and phones are erased; each row stays
 * as an anonymous seat of the event's history. Pending links past their 48 hours go too.
 */
export async function eraseGuestData(em: EntityManager): Promise<number> {
  const erased = await execute(
    em,
    sql`update event_registration r set guest_first_name = '', guest_email = null, guest_phone = null
          from agenda_event e
         where e.id = r.event_id and r.user_id is null and r.guest_first_name <> ''
           and e.ends_at < now() - make_interval(months => ${GUEST_RETENTION_MONTHS})`,
  );
  await execute(
    em,
    sql`delete from event_guest_link l using agenda_event e
         where e.id = l.event_id and e.ends_at < now() - make_interval(months => ${GUEST_RETENTION_MONTHS})`,
  );
  await execute(em, sql`delete from event_guest_link where registration_id is null and expires_at < now()`);
  return erased;
}
