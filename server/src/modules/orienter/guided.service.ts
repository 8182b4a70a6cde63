/**
 * The guided orientation: from a person's answers (need, where, when, how they travel, what they need to be
 * welcomed) to a ranked list of places, each with why it fits, and a fallback when nothing fits nearby.
 * The places are read through reseau (reseau/orientation-places.ts): nearest first, bounded.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, forbidden } from '../../graphql/errors.js';
import { say, type Lang } from '../../i18n/lang.js';
import { timeZoneOfPlace } from '../../shared/territory.js';
import type { User } from '../comptes/user.entity.js';
import { resolveNear } from '../reseau/directory.service.js';
import { Membership } from '../reseau/membership.entity.js';
import { parseOpeningHours } from '../reseau/opening-hours.js';
import { nearestPlacesOffering, organizationPoint, type PlaceForOrientation } from '../reseau/orientation-places.js';
import { needOf, slotOf, TRAVEL, WELCOME_NEEDS, type Need } from './needs.js';

export interface OrientationAnswers {
  need: string;
  commune?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  /** Mode accompagnant: start from the helper's own place. */
  fromOrganizationId?: string | null;
  /** "lundi-matin", "samedi-apres-midi"… (none: any time). */
  slots?: string[] | null;
  travel?: string | null;
  welcome?: string[] | null;
}

export interface RankedPlace {
  place: PlaceForOrientation;
  /** True when open at one of the chosen half-days, false when closed at all of them, null when unknown or none chosen. */
  openAtChosenTimes: boolean | null;
  comesToThePerson: boolean;
  reasons: string[];
  warnings: string[];
}

export interface OrientationResult {
  need: Need;
  /** Where the search starts, said for the person ("Savenay", "votre lieu : Amicale laïque"). */
  origin: string;
  places: RankedPlace[];
  /** Nothing fits within reach: `places` are the nearest that offer the need, farther away. */
  fallback: boolean;
  /** Places that come to the person or help from a distance (phone, video). */
  comesToThePerson: RankedPlace[];
}

/** How many places a page shows, and how far the fallback looks. */
const SHOWN = 8;
const CANDIDATES = 40;
const FALLBACK_KM = 100;
/** Places that come to the person (itinerant) or help from a distance, within a département or so. */
const COMING_KM = 60;

/** The next date (y, m, d) in `timeZone` that falls on `weekday`, today included. */
function nextWallDay(now: Date, timeZone: string, weekday: number): { y: number; m: number; d: number } {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(now)
    .split('-')
    .map(Number);
  const today = new Date(Date.UTC(y, m - 1, d));
  const ahead = (weekday - today.getUTCDay() + 7) % 7;
  const day = new Date(Date.UTC(y, m - 1, d + ahead));
  return { y: day.getUTCFullYear(), m: day.getUTCMonth(), d: day.getUTCDate() };
}

/**
 * The chosen half-days when the place is open, read from its hours on its own wall clock (the opening_hours
 * library reads the local fields of a Date: the wall clock is built field by field). Null: no readable hours.
 */
export function openSlots(horaires: string | null, slots: string[], now: Date, timeZone: string): string[] | null {
  const hours = horaires ? parseOpeningHours(horaires) : null;
  if (!hours) return null;
  return slots.filter((key) => {
    const slot = slotOf(key);
    if (!slot) return false;
    const { y, m, d } = nextWallDay(now, timeZone, slot.day.weekday);
    const intervals = hours.getOpenIntervals(new Date(y, m, d, slot.half.from), new Date(y, m, d, slot.half.to)) as unknown as unknown[];
    return intervals.length > 0;
  });
}

function distanceWords(km: number, lang: Lang): string {
  const distance =
    km < 1 ? `${Math.max(50, Math.round((km * 1000) / 50) * 50)} m` : `${km.toFixed(1).replace('.', lang === 'fr' ? ',' : '.')} km`;
  // About 4.5 km an hour on foot.
  const minutes = Math.round((km / 4.5) * 60);
  if (km <= 3)
    return lang === 'fr' ? `À ${distance}, environ ${Math.max(1, minutes)} min à pied` : `${distance} away, about ${minutes} min on foot`;
  return lang === 'fr' ? `À ${distance}` : `${distance} away`;
}

function slotWords(keys: string[], lang: Lang): string {
  return keys
    .map((key) => slotOf(key))
    .filter((slot) => slot !== null)
    .map((slot) => `${slot.day.label[lang]} ${slot.half.label[lang]}`)
    .join(', ');
}

function comesToPerson(place: PlaceForOrientation): boolean {
  return place.itinerance.includes('Itinérant') || place.modalitesAccompagnement.includes('À distance');
}

function assess(
  place: PlaceForOrientation,
  need: Need,
  answers: OrientationAnswers,
  now: Date,
  lang: Lang,
): RankedPlace & { score: number[] } {
  const reasons: string[] = [];
  const warnings: string[] = [];
  const slots = answers.slots ?? [];
  const travel = TRAVEL.find((t) => t.key === answers.travel) ?? TRAVEL[1];
  const coming = comesToPerson(place);
  reasons.push(say(`Aide à : ${midSentence(need.label.fr)}`, `Helps to: ${midSentence(need.label.en)}`)[lang]);
  if (place.distanceKm != null) reasons.push(distanceWords(place.distanceKm, lang));
  if (place.itinerance.includes('Itinérant')) reasons.push(say('Se déplace jusqu’à vous (itinérant)', 'Comes to you (itinerant)')[lang]);
  if (place.modalitesAccompagnement.includes('À distance'))
    reasons.push(say('Peut vous aider à distance, par téléphone', 'Can help you from a distance, by phone')[lang]);

  let openAtChosenTimes: boolean | null = null;
  if (slots.length > 0) {
    const open = openSlots(place.horaires, slots, now, timeZoneOfPlace(place));
    if (open === null) warnings.push(say('Horaires non indiqués : appelez avant de venir', 'Hours not given: call before you go')[lang]);
    else if (open.length > 0) {
      openAtChosenTimes = true;
      reasons.push(`${say('Ouvert', 'Open')[lang]} ${slotWords(open, lang)}`);
    } else {
      openAtChosenTimes = false;
      warnings.push(say('Fermé aux moments que vous avez choisis', 'Closed at the times you chose')[lang]);
    }
  }
  let welcomeMet = 0;
  for (const key of answers.welcome ?? []) {
    const welcome = WELCOME_NEEDS.find((w) => w.key === key);
    if (!welcome) continue;
    if (welcome.offeredBy(place)) {
      welcomeMet++;
      reasons.push(welcome.fits[lang]);
    } else warnings.push(`${say('Ne dit pas proposer :', 'Does not say it offers:')[lang]} ${midSentence(welcome.label[lang])}`);
  }
  // Who cannot travel is helped by those who come or help from a distance; others by places within their reach.
  const reachable = travel.key === 'aucun' ? coming : (place.distanceKm ?? 0) <= travel.reachKm || coming;
  // Compared in order: reachable, not closed at the chosen times (unknown hours come after open ones), welcome needs met, nearest.
  const timeTier = openAtChosenTimes === false ? 2 : openAtChosenTimes === null && slots.length > 0 ? 1 : 0;
  const score = [reachable ? 0 : 1, timeTier, -welcomeMet, place.distanceKm ?? 0];
  return { place, openAtChosenTimes, comesToThePerson: coming, reasons, warnings, score };
}

function byScore(a: { score: number[] }, b: { score: number[] }): number {
  for (let i = 0; i < a.score.length; i++) if (a.score[i] !== b.score[i]) return a.score[i] - b.score[i];
  return 0;
}

const strip = ({ score: _score, ...ranked }: RankedPlace & { score: number[] }): RankedPlace => ranked;

/** Checks the answers that are not free text, in French first. */
function checkAnswers(answers: OrientationAnswers): Need {
  const need = needOf(answers.need);
  if (!need) throw badInput({ need: say('Choisissez ce que la personne veut faire.', 'Choose what the person wants to do.') });
  if ((answers.slots ?? []).length > 14 || (answers.slots ?? []).some((key) => !slotOf(key)))
    throw badInput({ slots: say('Choisissez des demi-journées de la liste.', 'Choose half-days from the list.') });
  if (answers.travel && !TRAVEL.some((t) => t.key === answers.travel))
    throw badInput({ travel: say('Choisissez une façon de venir de la liste.', 'Choose a way of travelling from the list.') });
  if (
    (answers.welcome ?? []).length > WELCOME_NEEDS.length ||
    (answers.welcome ?? []).some((key) => !WELCOME_NEEDS.some((w) => w.key === key))
  )
    throw badInput({
      welcome: say('Choisissez dans la liste ce qui compte pour l’accueil.', 'Choose from the list what matters for the welcome.'),
    });
  return need;
}

/** The starting point: the helper's place (mode accompagnant, their own organizations only), a point, or a commune. */
async function startingPoint(
  em: EntityManager,
  answers: OrientationAnswers,
  user: User | null,
  lang: Lang,
): Promise<{ lat: number; lng: number; origin: string }> {
  if (answers.fromOrganizationId) {
    if (!user) throw forbidden(say('Connectez-vous pour partir de votre lieu.', 'Sign in to start from your place.'));
    const member = await em.count(Membership, { organization: answers.fromOrganizationId, user: user.id });
    if (!member)
      throw forbidden(say('Vous ne pouvez partir que d’un lieu dont vous êtes membre.', 'You can only start from a place you belong to.'));
    const point = await organizationPoint(em, answers.fromOrganizationId);
    if (!point)
      throw badInput({
        where: say('Votre lieu n’a pas de position sur la carte : indiquez une commune.', 'Your place has no position: give a commune.'),
      });
    return { lat: point.lat, lng: point.lng, origin: point.name };
  }
  if (answers.latitude != null && answers.longitude != null) {
    const { lat, lng } = await resolveNear(em, { lat: answers.latitude, lng: answers.longitude });
    return { lat, lng, origin: say('autour de vous', 'around you')[lang] };
  }
  const commune = answers.commune?.trim();
  if (!commune) throw badInput({ commune: say('Indiquez une commune ou un code postal.', 'Give a commune or a postcode.') });
  const { lat, lng } = await resolveNear(em, { commune });
  return { lat, lng, origin: commune };
}

/**
 * The ranked places for the answers: the nearest places offering the need (at most CANDIDATES, within reach or
 * FALLBACK_KM), ranked by reach, opening at the chosen times, welcome needs met and distance; plus those that come
 * to the person or help from a distance.
 */
export async function orient(
  em: EntityManager,
  answers: OrientationAnswers,
  user: User | null,
  lang: Lang,
  now: Date = new Date(),
): Promise<OrientationResult> {
  const need = checkAnswers(answers);
  const start = await startingPoint(em, answers, user, lang);
  const travel = TRAVEL.find((t) => t.key === answers.travel) ?? TRAVEL[1];
  const candidates = await nearestPlacesOffering(em, {
    lat: start.lat,
    lng: start.lng,
    services: [need.service],
    maxKm: FALLBACK_KM,
    limit: CANDIDATES,
  });
  const ranked = candidates.map((place) => assess(place, need, answers, now, lang)).sort(byScore);
  const within = ranked.filter((r) => r.score[0] === 0);
  const fallback = within.length === 0;
  const coming = (
    await nearestPlacesOffering(em, {
      lat: start.lat,
      lng: start.lng,
      services: [need.service],
      maxKm: COMING_KM,
      limit: 5,
      comesToThePerson: true,
    })
  )
    .map((place) => assess(place, need, answers, now, lang))
    .sort(byScore);
  // Out of reach, the nearest come first, still never a place closed at the chosen times before an open one.
  const nearestFirst = (a: (typeof ranked)[number], b: (typeof ranked)[number]) =>
    a.score[1] - b.score[1] || (a.place.distanceKm ?? 0) - (b.place.distanceKm ?? 0);
  const places = (fallback ? [...ranked].sort(nearestFirst) : within).slice(0, SHOWN);
  return {
    need,
    origin: start.origin,
    places: places.map(strip),
    fallback,
    comesToThePerson: travel.key === 'aucun' || fallback ? coming.map(strip) : [],
  };
}

/** A label inside a sentence: its first letter in lower case, the rest as written ("… (CAF, impôts…)" keeps its CAF). */
function midSentence(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}
