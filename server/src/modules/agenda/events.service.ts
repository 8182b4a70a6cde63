import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { badInput, conflict, FieldErrors, forbidden, notFound } from '../../graphql/errors.js';
import { count } from '../../i18n/count.js';
import { isModerator } from '../../graphql/auth.js';
import { say, type Text } from '../../i18n/lang.js';
import {
  UNKNOWN_DEPARTEMENT,
  departementFromPostcode,
  departementOfPlace,
  isDepartement,
  normalizeDepartement,
} from '../../shared/territory.js';
import type { User } from '../comptes/user.entity.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { contentChanged } from '../commun/content-changes.js';
import { Organization } from '../reseau/organization.entity.js';
import { requireOrganizationEditor } from '../reseau/organisations.service.js';
import { Role } from '../comptes/user.entity.js';
import { managesThroughOrganizations, readCoOrganizers, setCoOrganizers } from './co-organizers.js';
import { AgendaEvent, EventSeries, guestsAllowedByDefault, type DigitalLevel, type EventKind } from './event.entity.js';
import { endOfDay, englishDateTime, eventZone, frenchDateTime, sameTimeOfDay, wallClock, weeksLater } from '../../shared/local-time.js';
import { RegistrationStatus, Registration } from './registration.entity.js';
import { promoteWaiting, publishSeats } from './registrations.service.js';
import { seatCounts } from './agenda.queries.js';
import { EVENT_NOT_FOUND, eventLink, getEvent, isUuid, lockEvent } from './event-lookup.js';

export { EVENT_NOT_FOUND, eventLink, getEvent, isUuid, lockEvent };
import { assertCanPost } from '../commun/moderation/posting-limits.js';
import { assertCharterSignedIfRequired } from '../charte/requirement.service.js';
import { changeImage } from '../fichiers/fichiers.service.js';
import type { Viewer } from '../comptes/viewer.js';
import { communeNameKey, communeSpelling, communesByName } from '../../shared/communes.js';

export interface EventFields {
  title?: string | null;
  description?: string | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  localStart?: string | null;
  localEnd?: string | null;
  placeId?: string | null;
  address?: string | null;
  postalCode?: string | null;
  commune?: string | null;
  departement?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  onlineUrl?: string | null;
  capacity?: number | null;
  registrationOpensAt?: Date | null;
  registrationClosesAt?: Date | null;
  /** "2026-03-02": registrations close at the end of that day on the clock of the place. */
  registrationClosesOn?: string | null;
  level?: DigitalLevel | null;
  publics?: string[] | null;
  accessibility?: string | null;
  fees?: string | null;
  coOrganizerIds?: string[] | null;
  themes?: string[] | null;
  kind?: EventKind | null;
  guestsAllowed?: boolean | null;
  /** The uploaded image (fichiers) and its required alt text; a cycle's later sessions do not take it. */
  imageFileId?: string | null;
  imageAlt?: string | null;
}

/** Attaches the event's uploaded image (and releases the previous one) through the fichiers service. */
async function applyImage(em: EntityManager, user: User, event: AgendaEvent, input: EventFields): Promise<void> {
  const current = { fileId: event.imageFileId, alt: event.imageAlt };
  const image = await changeImage(
    em,
    user,
    { fileId: input.imageFileId, alt: input.imageAlt, current },
    { file: 'imageFileId', alt: 'imageAlt' },
  );
  if (image) Object.assign(event, { imageFileId: image.fileId, imageAlt: image.alt });
}

export interface CreateEventFields extends EventFields {
  organizationId: string;
  kind: EventKind;
  weeklySessions?: number | null;
  /** Kept as a draft: only its organizers see it, until they publish it. */
  draft?: boolean | null;
}

const MAX_DURATION_MS = 14 * 24 * 3600 * 1000;

/** Texts: trimmed, empty means none. */
function clean(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

function cleanList(items: string[] | null | undefined, max: number): string[] {
  return [...new Set((items ?? []).map((item) => item.trim()).filter(Boolean))].slice(0, max);
}

/** Reads the start or end: an exact instant, or a wall-clock text of the place's zone. */
function readTime(
  errors: FieldErrors,
  field: 'startsAt' | 'endsAt',
  instant: Date | null | undefined,
  local: string | null | undefined,
  zone: string,
): Date | null | undefined {
  const localField = field === 'startsAt' ? 'localStart' : 'localEnd';
  if (local !== undefined && local !== null && local.trim() !== '') {
    const date = wallClock(local, zone);
    if (!date) {
      errors.add(
        localField,
        say(
          'Cette heure n’existe pas ce jour-là (passage à l’heure d’été), ou n’est pas au format 2026-03-02T14:30.',
          'This time does not exist that day (clocks go forward), or is not written like 2026-03-02T14:30.',
        ),
      );
      return null;
    }
    return date;
  }
  if (instant === undefined) return undefined;
  if (instant !== null && Number.isNaN(instant.getTime())) {
    errors.add(field, say('Cette date est invalide.', 'This date is invalid.'));
    return null;
  }
  return instant;
}

/** One address line as people type it again: case and spaces aside (around a comma too). */
function addressKey(text: string | null | undefined): string {
  return (text ?? '').normalize('NFC').replace(/\s+/g, ' ').replace(/ ?, ?/g, ', ').trim().toLocaleLowerCase('fr');
}

/** The event's address, as addressKey() reads each of its lines. */
function whereKey(event: Pick<AgendaEvent, 'address' | 'postalCode' | 'commune'>): string {
  return [event.address, event.postalCode, event.commune].map(addressKey).join('|');
}

/**
 * A place's own address, as the new-event form gives it (one line: its street, then its complement such as
 * "Bâtiment B" after a comma, as the place's page shows them) or as people type it without the complement.
 */
function placeWhereKeys(place: Organization): string[] {
  const streets = [place.adresse, [place.adresse, place.complementAdresse].filter(Boolean).join(', ')];
  return streets.map((address) => whereKey({ address, postalCode: place.codePostal, commune: place.commune }));
}

/**
 * Where an event given by its address is on the map, on creation and on every edit of its address (the project has
 * no geocoder): at the own address of the directory place it is linked to (`placeId`, through the API) or of its
 * organizer (the new-event form starts from it: web/src/routes/(membre)/agenda/nouveau), that place's position; an
 * address unchanged since `before` keeps its position; anywhere else, an event online only included, none, so it is
 * no longer shown at its old place.
 *
 * Its département, which lists it in that département's agenda and gives the clock of its times, follows it too
 * unless the same input gave a postcode or a département (`told`: those win). At a place: that place's. Elsewhere,
 * with a postcode kept from before (an API edit of the street only): as it is. Without a postcode: its commune's,
 * when the official list puts that name in one département (or in the current one among others); the same commune
 * as before keeps it; another commune the list cannot place leaves it unknown, since the old one was another
 * commune's (the old place's, say). With no commune at all (online only), nothing says it left: it keeps its
 * département, and the clock its times are read on.
 */
function followAddress(event: AgendaEvent, before: { where: string; commune: string } | null, told: boolean): void {
  const where = whereKey(event);
  if (before !== null && where === before.where) return;
  const known = [event.place, event.organizer] as Array<Organization | null | undefined>;
  const at = event.address
    ? known.find((place) => place?.latitude != null && place.longitude != null && placeWhereKeys(place).includes(where))
    : undefined;
  event.latitude = at?.latitude ?? null;
  event.longitude = at?.longitude ?? null;
  if (told) return;
  const atDepartement = at && (at.departement ?? departementOfPlace(at));
  if (atDepartement) event.departement = atDepartement;
  else if (!event.postalCode) event.departement = departementOfCommune(event, before?.commune ?? null);
}

/** The département an event without a postcode is in by its commune (see followAddress). */
function departementOfCommune(event: AgendaEvent, communeBefore: string | null): string | null {
  const current = event.departement ?? null;
  if (!event.commune) return current;
  const departements = new Set(communesByName(event.commune).map((commune) => commune.departement));
  if (departements.size === 1) return [...departements][0];
  if (current && departements.has(current)) return current;
  return communeNameKey(event.commune) === communeBefore ? current : null;
}

/**
 * Applies `input` onto `event` (create or update), collecting one message per wrong field.
 * Absent fields stay as they are; a null clears an optional field.
 */
async function applyFields(
  em: EntityManager,
  event: AgendaEvent,
  input: EventFields,
  creating: boolean,
  coOrganizers: { wanted?: Organization[] } = {},
): Promise<FieldErrors> {
  const errors = new FieldErrors();
  // An edit that leaves the address as it was leaves the event where it was on the map (followAddress).
  const addressBefore = creating ? null : { where: whereKey(event), commune: communeNameKey(event.commune ?? '') };

  if (input.kind) event.kind = input.kind;
  if (input.title !== undefined || creating) {
    const title = clean(input.title) ?? '';
    if (title.length < 3)
      errors.add('title', say('Donnez un titre à l’événement (au moins 3 caractères).', 'Give the event a title (at least 3 characters).'));
    else if (title.length > 200)
      errors.add('title', say('Le titre ne peut pas dépasser 200 caractères.', 'The title cannot exceed 200 characters.'));
    else event.title = title;
  }
  if (input.description !== undefined) {
    const description = input.description ?? '';
    if (description.length > 20_000)
      errors.add(
        'description',
        say('La description ne peut pas dépasser 20 000 caractères.', 'The description cannot exceed 20,000 characters.'),
      );
    else event.description = description;
  }

  if (input.placeId !== undefined) {
    if (input.placeId === null) event.place = null;
    else {
      const place = await em.findOne(Organization, { id: input.placeId });
      if (!place) errors.add('placeId', say('Ce lieu n’existe pas dans l’annuaire.', 'This place is not in the directory.'));
      else event.place = place;
    }
  }
  if (input.address !== undefined) event.address = clean(input.address);
  if (input.commune !== undefined) {
    const commune = clean(input.commune);
    const postalCode = input.postalCode === undefined ? event.postalCode : clean(input.postalCode);
    event.commune = commune && communeSpelling({ commune, codePostal: postalCode });
  }
  if (input.postalCode !== undefined) {
    const postalCode = clean(input.postalCode);
    if (postalCode && !/^\d{5}$/.test(postalCode))
      errors.add('postalCode', say('Le code postal a 5 chiffres (exemple : 44260).', 'A postcode has 5 digits (e.g. 44260).'));
    else event.postalCode = postalCode;
  }
  if (input.departement !== undefined || input.postalCode !== undefined) {
    const given = normalizeDepartement(input.departement);
    if (given && !isDepartement(given)) errors.add('departement', UNKNOWN_DEPARTEMENT);
    else
      event.departement =
        given ?? (event.postalCode ? departementFromPostcode(event.postalCode) : input.departement === null ? null : event.departement);
  }
  if (input.latitude !== undefined || input.longitude !== undefined) {
    const latitude = input.latitude === undefined ? event.latitude : input.latitude;
    const longitude = input.longitude === undefined ? event.longitude : input.longitude;
    if ((latitude == null) !== (longitude == null))
      errors.add(
        'latitude',
        say('Indiquez la latitude et la longitude, ou aucune des deux.', 'Give both latitude and longitude, or neither.'),
      );
    else if (latitude != null && (latitude < -90 || latitude > 90))
      errors.add('latitude', say('La latitude est comprise entre -90 et 90.', 'Latitude is between -90 and 90.'));
    else if (longitude != null && (longitude < -180 || longitude > 180))
      errors.add('longitude', say('La longitude est comprise entre -180 et 180.', 'Longitude is between -180 and 180.'));
    else {
      event.latitude = latitude ?? null;
      event.longitude = longitude ?? null;
    }
  }
  if (input.onlineUrl !== undefined) {
    const url = clean(input.onlineUrl);
    if (url && (!/^https?:\/\/\S+\.\S+/.test(url) || url.length > 500))
      errors.add(
        'onlineUrl',
        say(
          'Le lien doit commencer par https:// (exemple : https://visio.exemple.fr/atelier).',
          'The link must start with https:// (e.g. https://meet.example.org/workshop).',
        ),
      );
    else event.onlineUrl = url;
  }
  // A place of the directory brings its address and position unless the event gives its own.
  if (input.placeId && event.place) {
    const place = event.place as Organization;
    if (input.address === undefined && !event.address) event.address = place.adresse ?? null;
    if (input.commune === undefined && !event.commune) event.commune = place.commune ?? null;
    if (input.postalCode === undefined && !event.postalCode) event.postalCode = place.codePostal ?? null;
    if (input.departement === undefined && !event.departement) {
      event.departement = place.departement ?? (event.postalCode ? departementFromPostcode(event.postalCode) : null);
    }
    if (input.latitude === undefined && event.latitude == null && place.latitude != null && place.longitude != null) {
      event.latitude = place.latitude;
      event.longitude = place.longitude;
    }
  }
  const addressGiven = input.address !== undefined || input.postalCode !== undefined || input.commune !== undefined;
  if (!input.placeId && input.latitude === undefined && input.longitude === undefined && (creating || addressGiven)) {
    // A postcode or a département this input gives says the département, wherever the address is.
    const told = Boolean(normalizeDepartement(input.departement) || clean(input.postalCode));
    followAddress(event, addressBefore, told);
  }
  // Local times are read on the clock of the place, known once its address is.
  const zone = eventZone(event);
  const startsAt = readTime(errors, 'startsAt', input.startsAt, input.localStart, zone);
  const endsAt = readTime(errors, 'endsAt', input.endsAt, input.localEnd, zone);
  if (startsAt) event.startsAt = startsAt;
  if (endsAt) event.endsAt = endsAt;
  if (creating && !startsAt && !errors.has('localStart') && !errors.has('startsAt')) {
    errors.add('startsAt', say('Indiquez la date et l’heure de début.', 'Enter the start date and time.'));
  }
  if (creating && !endsAt && !errors.has('localEnd') && !errors.has('endsAt')) {
    errors.add('endsAt', say('Indiquez l’heure de fin.', 'Enter the end time.'));
  }
  if (
    event.startsAt &&
    event.endsAt &&
    !errors.has('startsAt') &&
    !errors.has('endsAt') &&
    !errors.has('localStart') &&
    !errors.has('localEnd')
  ) {
    if (event.endsAt.getTime() <= event.startsAt.getTime()) {
      errors.add(input.localEnd ? 'localEnd' : 'endsAt', say('La fin doit venir après le début.', 'The end must come after the start.'));
    } else if (event.endsAt.getTime() - event.startsAt.getTime() > MAX_DURATION_MS) {
      errors.add(
        input.localEnd ? 'localEnd' : 'endsAt',
        say(
          'Un événement dure au plus 14 jours ; pour un cycle, créez des séances hebdomadaires.',
          'An event lasts 14 days at most; for a cycle, create weekly sessions.',
        ),
      );
    }
    if (creating && event.startsAt.getTime() < Date.now()) {
      errors.add(input.localStart ? 'localStart' : 'startsAt', say('Cette date est déjà passée.', 'This date is already past.'));
    }
  }

  if (!event.place && !event.address && !event.commune && !event.onlineUrl && !errors.has('placeId') && !errors.has('onlineUrl')) {
    errors.add(
      'placeId',
      say(
        'Indiquez un lieu de l’annuaire, une adresse ou un lien pour participer en ligne.',
        'Give a place from the directory, an address or an online link.',
      ),
    );
  }

  if (input.capacity !== undefined) {
    if (input.capacity !== null && (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 100_000)) {
      errors.add(
        'capacity',
        say(
          'Le nombre de places est un nombre entier à partir de 1 (laissez vide pour ne pas limiter).',
          'Seats are a whole number from 1 (leave empty for no limit).',
        ),
      );
    } else event.capacity = input.capacity;
  }
  if (input.registrationOpensAt !== undefined) event.registrationOpensAt = input.registrationOpensAt;
  if (input.registrationClosesOn !== undefined) {
    // A date is what people think in: the end of that day on the clock of the place.
    const closes = input.registrationClosesOn === null ? null : endOfDay(input.registrationClosesOn, zone);
    if (input.registrationClosesOn !== null && !closes)
      errors.add('registrationClosesOn', say('Cette date n’est pas au format 2026-03-02.', 'This date is not written like 2026-03-02.'));
    else event.registrationClosesAt = closes;
  } else if (input.registrationClosesAt !== undefined) event.registrationClosesAt = input.registrationClosesAt;
  if (event.registrationOpensAt && event.registrationClosesAt && event.registrationClosesAt <= event.registrationOpensAt) {
    errors.add(
      'registrationClosesAt',
      say('La clôture des inscriptions doit venir après leur ouverture.', 'Registrations must close after they open.'),
    );
  }
  if (event.registrationClosesAt && event.endsAt && event.registrationClosesAt > event.endsAt) {
    errors.add(
      'registrationClosesAt',
      say('Les inscriptions doivent fermer avant la fin de l’événement.', 'Registrations must close before the event ends.'),
    );
  }

  if (input.level !== undefined) event.level = input.level;
  if (input.publics !== undefined) event.publics = cleanList(input.publics, 20);
  if (input.accessibility !== undefined) event.accessibility = clean(input.accessibility);
  if (input.fees !== undefined) {
    const fees = clean(input.fees);
    if (fees && fees.length > 200)
      errors.add('fees', say('Décrivez les frais en 200 caractères au plus.', 'Describe the fees in 200 characters at most.'));
    else event.fees = fees;
  }
  if (input.themes !== undefined) event.themes = cleanList(input.themes, 12);
  // People without an account (agenda/guest-registrations.ts): the organizers' choice, else the kind's default.
  if (input.guestsAllowed != null) event.guestsAllowed = input.guestsAllowed;
  else if (creating) event.guestsAllowed = guestsAllowedByDefault(event.kind);

  if (input.coOrganizerIds !== undefined) {
    // Invitations, sent once the event is saved (see co-organizers.ts).
    const found = await readCoOrganizers(em, event.organizer.id, input.coOrganizerIds ?? null, errors);
    if (found) coOrganizers.wanted = found;
  }
  return errors;
}

/**
 * The one place where an organization publishes an event (or a weekly cycle of them).
 * Only its admins and editors may, within the posting limit, having signed the charter when the platform requires it.
 */
export async function createEvent(em: EntityManager, author: User, input: CreateEventFields): Promise<AgendaEvent> {
  const organizer = await em.findOne(Organization, { id: input.organizationId });
  if (!organizer) throw notFound(say('Cette organisation n’existe pas.', 'This organization does not exist.'));
  await requireOrganizationEditor(em, organizer.id, author);

  // Built outside the unit of work: persisted only once every field is right.
  const event = new AgendaEvent();
  Object.assign(event, { kind: input.kind, organizer, createdBy: author, publishedAt: input.draft ? null : new Date() });
  const coOrganizers: { wanted?: Organization[] } = {};
  const errors = await applyFields(em, event, input, true, coOrganizers);
  const sessions = input.weeklySessions ?? 1;
  if (input.weeklySessions != null && (!Number.isInteger(sessions) || sessions < 2 || sessions > 52)) {
    errors.add('weeklySessions', say('Un cycle compte de 2 à 52 séances.', 'A cycle has 2 to 52 sessions.'));
  }
  errors.throwIfAny();
  await assertCharterSignedIfRequired(em, author);
  await assertCanPost(em, author, 'agenda.event');
  await applyImage(em, author, event, input);
  em.persist(event);
  const created = [event];

  if (sessions > 1) {
    const series = em.create(EventSeries, { title: event.title, sessionCount: sessions, organizer });
    event.series = series;
    event.seriesPosition = 1;
    const zone = eventZone(event);
    for (let week = 1; week < sessions; week++) {
      const copy = em.create(AgendaEvent, {
        ...copyableFields(event),
        organizer,
        createdBy: author,
        series,
        seriesPosition: week + 1,
        publishedAt: event.publishedAt,
        // Same wall-clock time of the place every week, across daylight-saving changes.
        startsAt: weeksLater(event.startsAt, week, zone),
        endsAt: weeksLater(event.endsAt, week, zone),
        registrationOpensAt: event.registrationOpensAt ? weeksLater(event.registrationOpensAt, week, zone) : null,
        registrationClosesAt: event.registrationClosesAt ? weeksLater(event.registrationClosesAt, week, zone) : null,
      });
      created.push(copy);
    }
  }
  await em.flush();
  if (coOrganizers.wanted?.length) await setCoOrganizers(em, created, coOrganizers.wanted, author);
  // The other sections hear of it (the federation publishes it on the fediverse); a draft stays quiet.
  if (event.publishedAt) {
    for (const one of created) await contentChanged(em, { type: 'agenda.event', id: one.id, change: 'created' });
  }
  return event;
}

function copyableFields(event: AgendaEvent) {
  return {
    kind: event.kind,
    title: event.title,
    description: event.description,
    place: event.place,
    address: event.address,
    postalCode: event.postalCode,
    commune: event.commune,
    departement: event.departement,
    latitude: event.latitude,
    longitude: event.longitude,
    onlineUrl: event.onlineUrl,
    capacity: event.capacity,
    level: event.level,
    publics: [...event.publics],
    accessibility: event.accessibility,
    fees: event.fees,
    themes: [...event.themes],
    guestsAllowed: event.guestsAllowed,
  };
}

/** An event anyone may see (hidden ones only for their organizers and moderators). */
export async function findVisibleEvent(em: EntityManager, id: string, viewer: Viewer | null): Promise<AgendaEvent | null> {
  if (!isUuid(id)) return null;
  const event = await em.findOne(AgendaEvent, { id }, { populate: ['organizer'] });
  if (!event) return null;
  if (event.hiddenAt && !(await canManageEvent(em, event, viewer)) && !isModerator(viewer)) return null;
  if (!event.publishedAt && !(await canManageEvent(em, event, viewer))) return null;
  return event;
}

/**
 * THE check of who manages an event (edit, registrations, émargement, messages, cancel, delete): admins
 * and editors of the organizing organization or of a co-organizer that accepted, and platform admins.
 */
export async function canManageEvent(em: EntityManager, event: AgendaEvent, user: Viewer | null): Promise<boolean> {
  if (!user) return false;
  if (user.role === Role.ADMIN) return true;
  return managesThroughOrganizations(em, event, user);
}

export async function requireEventManager(em: EntityManager, event: AgendaEvent, user: User): Promise<void> {
  if (!(await canManageEvent(em, event, user))) {
    throw forbidden(
      say(
        'Seuls les administrateurs et éditeurs des organisations qui organisent cet événement peuvent faire cela.',
        'Only the admins and editors of the organizations running this event can do this.',
      ),
    );
  }
}

const CHANGES_PEOPLE_NOTICE: Array<keyof EventFields> = [
  'startsAt',
  'endsAt',
  'localStart',
  'localEnd',
  'placeId',
  'address',
  'commune',
  'onlineUrl',
];

/** What the whole-cycle edit carries to the other sessions (dates stay each session's own). */
const CYCLE_FIELDS: Array<[keyof EventFields, Array<keyof AgendaEvent & string>]> = [
  ['kind', ['kind']],
  ['title', ['title']],
  ['description', ['description']],
  ['placeId', ['place', 'address', 'postalCode', 'commune', 'departement', 'latitude', 'longitude']],
  // A new address brings its position with it (followAddress).
  ['address', ['address', 'departement', 'latitude', 'longitude']],
  ['postalCode', ['postalCode', 'departement', 'latitude', 'longitude']],
  ['commune', ['commune', 'departement', 'latitude', 'longitude']],
  ['departement', ['departement']],
  ['latitude', ['latitude', 'longitude']],
  ['longitude', ['latitude', 'longitude']],
  ['onlineUrl', ['onlineUrl']],
  ['capacity', ['capacity']],
  ['level', ['level']],
  ['publics', ['publics']],
  ['accessibility', ['accessibility']],
  ['fees', ['fees']],
  ['themes', ['themes']],
  ['guestsAllowed', ['guestsAllowed']],
];

interface Before {
  startsAt: number;
  endsAt: number;
  capacity: number | null | undefined;
  place: string | null;
  address: string | null | undefined;
  commune: string | null | undefined;
  onlineUrl: string | null | undefined;
}

function snapshot(event: AgendaEvent): Before {
  return {
    startsAt: event.startsAt.getTime(),
    endsAt: event.endsAt.getTime(),
    capacity: event.capacity,
    place: event.place?.id ?? null,
    address: event.address,
    commune: event.commune,
    onlineUrl: event.onlineUrl,
  };
}

/** Its date or its place changed: what registered people must hear of (not a commune only respelled, "SAVENAY" → "Savenay"). */
function moved(event: AgendaEvent, before: Before): boolean {
  return (
    before.startsAt !== event.startsAt.getTime() ||
    before.endsAt !== event.endsAt.getTime() ||
    before.place !== (event.place?.id ?? null) ||
    before.address !== event.address ||
    communeNameKey(before.commune ?? '') !== communeNameKey(event.commune ?? '') ||
    before.onlineUrl !== event.onlineUrl
  );
}

/**
 * A published event whose start moves keeps the first start it announced (schema.org EventRescheduled);
 * moved back to that very start, it is no longer rescheduled.
 */
function keepPreviousStart(event: AgendaEvent, before: Before): void {
  if (!event.publishedAt || before.startsAt === event.startsAt.getTime()) return;
  if (!event.previousStartAt) event.previousStartAt = new Date(before.startsAt);
  else if (event.previousStartAt.getTime() === event.startsAt.getTime()) event.previousStartAt = null;
}

/** Only the organizer's own admins and editors (or platform admins) choose whom to invite. */
async function requireOrganizerEditor(em: EntityManager, event: AgendaEvent, user: User): Promise<void> {
  await requireOrganizationEditor(em, event.organizer.id, user);
}

/**
 * Changes an event — or, with `wholeCycle`, this session and every session of its cycle that has not
 * started and is not cancelled (title, description, place, capacity, time of day…; each keeps its date),
 * all in one transaction. Calendars get a higher SEQUENCE; raising the capacity confirms waiting people
 * in their order; lowering it never removes anyone already confirmed (a whole-cycle edit refuses a
 * capacity below a session's registrations, naming it).
 */
export async function updateEvent(
  em: EntityManager,
  editor: User,
  input: EventFields & { id: string; wholeCycle?: boolean | null },
): Promise<AgendaEvent> {
  const found = await getEvent(em, input.id);
  await requireEventManager(em, found, editor);
  if (input.coOrganizerIds !== undefined) await requireOrganizerEditor(em, found, editor);
  return em.transactional(async (tx) => {
    // The same lock as registrations: a capacity change and a registration never interleave. A cycle's
    // sessions are locked in the order registerToSeries uses (by id), so the two never deadlock.
    let event: AgendaEvent;
    let others: AgendaEvent[] = [];
    if (input.wholeCycle && found.series) {
      const sessions = await tx.find(
        AgendaEvent,
        { series: found.series.id },
        { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['organizer'] },
      );
      event = sessions.find((session) => session.id === found.id)!;
      const now = Date.now();
      others = sessions
        .filter((session) => session.id !== found.id && !session.cancelledAt && session.startsAt.getTime() > now)
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    } else {
      event = await lockEvent(tx, found.id);
    }
    // The directory place it is linked to, whose own address keeps it on the map (followAddress): read apart, not
    // joined to the locked rows.
    if (event.place) await tx.populate(event, ['place']);
    const before = new Map<AgendaEvent, Before>([[event, snapshot(event)]]);
    for (const session of others) before.set(session, snapshot(session));

    const coOrganizers: { wanted?: Organization[] } = {};
    const errors = await applyFields(tx, event, input, false, coOrganizers);
    errors.throwIfAny();
    await applyImage(tx, editor, event, input);

    const anchor = before.get(event)!;
    const timeChanged = anchor.startsAt !== event.startsAt.getTime() || anchor.endsAt !== event.endsAt.getTime();
    const duration = event.endsAt.getTime() - event.startsAt.getTime();
    for (const session of others) {
      for (const [field, properties] of CYCLE_FIELDS) {
        if (input[field] === undefined) continue;
        for (const property of properties) {
          const value = event[property];
          (session as unknown as Record<string, unknown>)[property] = Array.isArray(value) ? [...value] : value;
        }
      }
      if (timeChanged) {
        session.startsAt = sameTimeOfDay(session.startsAt, event.startsAt, eventZone(session));
        session.endsAt = new Date(session.startsAt.getTime() + duration);
        if (session.registrationClosesAt && session.registrationClosesAt > session.endsAt) {
          session.registrationClosesAt = session.startsAt;
        }
      }
    }

    const changed = [event, ...others];
    if (others.length && input.capacity != null) {
      const counts = await seatCounts(
        tx,
        changed.map((session) => session.id),
      );
      for (const session of changed) {
        const confirmed = counts.get(session.id)?.confirmed ?? 0;
        if (confirmed > input.capacity) {
          throw badInput({
            capacity: say(
              `La séance du ${frenchDateTime(session.startsAt, eventZone(session))} compte déjà ${count('fr', confirmed, 'inscrit·e', 'inscrits')} : gardez au moins ${confirmed} places.`,
              `The session of ${englishDateTime(session.startsAt, eventZone(session))} already has ${count('en', confirmed, 'registered person', 'registered people')}: keep at least ${confirmed} seats.`,
            ),
          });
        }
      }
    }
    for (const session of changed) {
      keepPreviousStart(session, before.get(session)!);
      session.sequence += 1;
    }
    await tx.flush();

    for (const session of changed) {
      const previous = before.get(session)!;
      const capacityRaised =
        session.capacity == null ? previous.capacity != null : previous.capacity != null && session.capacity > previous.capacity;
      if (capacityRaised) await promoteWaiting(tx, session, editor.id);
      // "Il reste N places" on the event's open pages follows a new capacity.
      if (session.capacity !== previous.capacity) await publishSeats(tx, session.id);
    }

    const asked = CHANGES_PEOPLE_NOTICE.some((field) => input[field] !== undefined);
    const movedSessions = asked ? changed.filter((session) => moved(session, before.get(session)!)) : [];
    if (others.length && movedSessions.length) {
      // One notice per person for the cycle, not one per session.
      const people = await registeredPeople(tx, movedSessions);
      await notify(tx, people, { kind: 'agenda.changed', text: cycleChangedText(event), link: eventLink(event.id) }, editor.id);
    } else if (movedSessions.length) {
      await notify(
        tx,
        await registeredPeople(tx, [event]),
        { kind: 'agenda.changed', text: changedText(event), link: eventLink(event.id) },
        editor.id,
      );
    }
    if (coOrganizers.wanted) await setCoOrganizers(tx, changed, coOrganizers.wanted, editor);
    if (event.publishedAt) {
      for (const session of changed) await contentChanged(tx, { type: 'agenda.event', id: session.id, change: 'updated' });
    }
    return event;
  });
}

function changedText(event: AgendaEvent): Text {
  const zone = eventZone(event);
  if (event.previousStartAt) {
    return say(
      `« ${event.title} » est reporté : rendez-vous le ${frenchDateTime(event.startsAt, zone)} (initialement prévu le ${frenchDateTime(event.previousStartAt, zone)}). Vérifiez le lieu sur la page de l’événement.`,
      `"${event.title}" is rescheduled: it now starts ${englishDateTime(event.startsAt, zone)} (first planned ${englishDateTime(event.previousStartAt, zone)}). Check the place on the event page.`,
    );
  }
  return say(
    `« ${event.title} » a changé : rendez-vous le ${frenchDateTime(event.startsAt, zone)}. Vérifiez le lieu sur la page de l’événement.`,
    `"${event.title}" has changed: it now starts ${englishDateTime(event.startsAt, zone)}. Check the place on the event page.`,
  );
}

function cycleChangedText(event: AgendaEvent): Text {
  const zone = eventZone(event);
  return say(
    `Les séances à venir du cycle « ${event.title} » ont changé (horaire ou lieu) : la prochaine a lieu le ${frenchDateTime(event.startsAt, zone)}. Vérifiez sur la page de l’événement.`,
    `The upcoming sessions of the cycle "${event.title}" have changed (time or place): the next one is ${englishDateTime(event.startsAt, zone)}. Check the event page.`,
  );
}

/**
 * Deletes a draft: it was never published, so nobody registered or saw it. A published event is
 * cancelled instead (people who saw it must learn it will not happen).
 */
export async function deleteEvent(em: EntityManager, user: User, eventId: string): Promise<boolean> {
  const found = await getEvent(em, eventId);
  await requireEventManager(em, found, user);
  return em.transactional(async (tx) => {
    const event = await lockEvent(tx, found.id);
    if (event.publishedAt) {
      throw conflict(
        say(
          'Cet événement est publié : il ne peut plus être supprimé. Annulez-le plutôt, les personnes inscrites seront prévenues.',
          'This event is published: it can no longer be deleted. Cancel it instead, registered people will be told.',
        ),
      );
    }
    tx.remove(event);
    await tx.flush();
    return true;
  });
}

/** Publishes a draft (and the other drafts of its cycle): from now on everyone sees it and may register. */
export async function publishEvent(em: EntityManager, user: User, eventId: string): Promise<AgendaEvent> {
  const found = await getEvent(em, eventId);
  await requireEventManager(em, found, user);
  return em.transactional(async (tx) => {
    const event = await lockEvent(tx, found.id);
    if (event.publishedAt) throw conflict(say('Cet événement est déjà publié.', 'This event is already published.'));
    if (event.startsAt.getTime() < Date.now()) {
      throw conflict(say('Cette date est déjà passée : changez-la avant de publier.', 'This date is past: change it before publishing.'));
    }
    const drafts = event.series
      ? await tx.find(
          AgendaEvent,
          { series: event.series.id, publishedAt: null, startsAt: { $gt: new Date() } },
          { orderBy: { id: 'asc' } },
        )
      : [event];
    const now = new Date();
    for (const draft of drafts) draft.publishedAt = now;
    await tx.flush();
    for (const draft of drafts) await contentChanged(tx, { type: 'agenda.event', id: draft.id, change: 'created' });
    return event;
  });
}

async function registeredPeople(em: EntityManager, events: AgendaEvent[]): Promise<string[]> {
  const registrations = await em.find(
    Registration,
    { event: { $in: events.map((event) => event.id) }, status: { $in: [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED] } },
    { fields: ['user'] },
  );
  // Guests (no account) are not notified in the site.
  return [...new Set(registrations.flatMap((registration) => (registration.user ? [registration.user.id] : [])))];
}
