/**
 * The fiche d'orientation: one page a helper hands to a person (printed, as PDF, as a short text message or by
 * e-mail): the place, how to get there, its hours in words, its phone, what to bring, and who oriented them.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { AppError, badInput, FieldErrors, notFound } from '../../graphql/errors.js';
import { say, type Lang } from '../../i18n/lang.js';
import { timeZoneOfPlace } from '../../shared/territory.js';
import { sendPlainEmail } from '../commun/notifications/notifications.service.js';
import { hit } from '../comptes/rate-limit.js';
import type { User } from '../comptes/user.entity.js';
import { weekInWords } from '../reseau/opening-hours.js';
import { placeForFiche } from '../reseau/orientation-places.js';
import { needOf } from './needs.js';

export interface FicheHours {
  day: string;
  hours: string;
}

export interface Fiche {
  slug: string;
  name: string;
  /** "12 rue de la Mairie, 44260 Savenay". */
  address: string | null;
  /** "Entrée par la cour" (the standard's complement d'adresse). */
  accessHint: string | null;
  /** A map with the way there (OpenStreetMap directions), when the place has a point. */
  directionsUrl: string | null;
  hours: FicheHours[] | null;
  /** "02 40 58 32 10". */
  telephone: string | null;
  appointmentUrl: string | null;
  needLabel: string | null;
  toBring: string[];
  helperName: string | null;
  /** The same in at most 300 characters, for a text message. */
  smsText: string;
}

export const HELPER_NAME_MAX = 80;

function phoneWords(value: string | null): string | null {
  if (!value) return null;
  const phone = parsePhoneNumberFromString(value, 'FR');
  if (!phone) return value;
  return phone.country === 'FR' ? phone.formatNational() : phone.formatInternational();
}

/**
 * Days with the same hours side by side read as one line: "lundi au vendredi : 9 h – 12 h" in French, "Monday to
 * Friday: 09:00 – 12:00" in English (the page's language, as on the place's own page).
 */
function hoursInWords(horaires: string | null, timeZone: string, now: Date, lang: Lang): FicheHours[] | null {
  const week = weekInWords(horaires, now, timeZone, lang);
  if (!week) return null;
  const [and, to] = lang === 'fr' ? ['et', 'au'] : ['and', 'to'];
  const lines: FicheHours[] = [];
  let i = 0;
  while (i < week.length) {
    let j = i;
    while (j + 1 < week.length && week[j + 1].hours === week[i].hours) j++;
    const days = j === i ? week[i].day : `${week[i].day} ${j === i + 1 ? and : to} ${week[j].day}`;
    lines.push({ day: days, hours: week[i].hours });
    i = j + 1;
  }
  return lines;
}

/** The short text for a text message: name, address, phone, and the first hours (at most 300 characters). */
function smsText(fiche: Omit<Fiche, 'smsText'>, lang: Lang): string {
  const parts = [fiche.name, fiche.address, fiche.telephone ? `${lang === 'fr' ? 'Tél.' : 'Tel.'} ${fiche.telephone}` : null];
  const closed = lang === 'fr' ? 'fermé' : 'closed';
  const open = fiche.hours?.filter((h) => h.hours !== closed) ?? [];
  if (open.length > 0) parts.push(open.map((h) => `${h.day} ${h.hours}`).join(lang === 'fr' ? ' ; ' : '; '));
  if (fiche.toBring.length > 0) parts.push(`${lang === 'fr' ? 'Apporter :' : 'Bring:'} ${fiche.toBring.join(', ')}`);
  // Who sends it is kept whole: when the text is too long, the hours and what to bring are cut instead.
  const signature = fiche.helperName ? `. ${lang === 'fr' ? 'De la part de' : 'From'} ${fiche.helperName}` : '';
  let text = parts.filter(Boolean).join('. ');
  const room = 300 - signature.length;
  if (text.length > room) text = `${text.slice(0, room - 1).trimEnd()}…`;
  return text + signature;
}

/** The fiche of a place (by its slug) for a need; NOT_FOUND for an unknown place. */
export async function ficheOf(
  em: EntityManager,
  input: { slug: string; need?: string | null; helperName?: string | null },
  lang: Lang,
  now: Date = new Date(),
): Promise<Fiche> {
  const place = await placeForFiche(em, input.slug);
  if (!place) throw notFound(say('Ce lieu n’existe pas ou plus.', 'This place does not exist.'));
  const helperName = input.helperName?.trim() || null;
  if (helperName && helperName.length > HELPER_NAME_MAX)
    throw badInput({
      helperName: say(`Votre nom tient en ${HELPER_NAME_MAX} caractères au plus.`, `Your name is at most ${HELPER_NAME_MAX} characters.`),
    });
  const need = needOf(input.need);
  const street = [place.adresse, [place.codePostal, place.commune].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const base = {
    slug: place.slug,
    name: place.name,
    address: street || null,
    accessHint: place.complementAdresse,
    directionsUrl:
      place.latitude != null && place.longitude != null
        ? `https://www.openstreetmap.org/directions?to=${place.latitude}%2C${place.longitude}#map=17/${place.latitude}/${place.longitude}`
        : null,
    hours: hoursInWords(place.horaires, timeZoneOfPlace(place), now, lang),
    telephone: phoneWords(place.telephone),
    appointmentUrl: place.priseRdv,
    needLabel: need ? need.label[lang] : null,
    toBring: need ? need.toBring.map((item) => item[lang]) : [],
    helperName,
  };
  return { ...base, smsText: smsText(base, lang) };
}

/** The fiche as plain text, for the e-mail. */
export function ficheText(fiche: Fiche, lang: Lang): string {
  const fr = lang === 'fr';
  const lines = [fr ? `Lieu : ${fiche.name}` : `Place: ${fiche.name}`];
  if (fiche.needLabel) lines.push(fr ? `Pour : ${fiche.needLabel}` : `For: ${fiche.needLabel}`);
  if (fiche.address) lines.push(fr ? `Adresse : ${fiche.address}` : `Address: ${fiche.address}`);
  if (fiche.accessHint) lines.push(fiche.accessHint);
  if (fiche.directionsUrl)
    lines.push(fr ? `Le chemin sur une carte : ${fiche.directionsUrl}` : `The way there on a map: ${fiche.directionsUrl}`);
  if (fiche.telephone) lines.push(fr ? `Téléphone : ${fiche.telephone}` : `Phone: ${fiche.telephone}`);
  if (fiche.hours) {
    lines.push(fr ? 'Horaires :' : 'Hours:');
    for (const h of fiche.hours) lines.push(`  ${h.day} : ${h.hours}`);
  } else lines.push(fr ? 'Horaires : appelez avant de venir.' : 'Hours: call before you go.');
  if (fiche.appointmentUrl) lines.push(fr ? `Prendre rendez-vous : ${fiche.appointmentUrl}` : `Book: ${fiche.appointmentUrl}`);
  if (fiche.toBring.length > 0) {
    lines.push(fr ? 'À apporter :' : 'To bring:');
    for (const item of fiche.toBring) lines.push(`  - ${item}`);
  }
  if (fiche.helperName) lines.push(fr ? `Fiche remise par ${fiche.helperName}` : `Sheet given by ${fiche.helperName}`);
  return lines.join('\n');
}

/** Fiches a helper may e-mail in an hour, and e-mails one address may receive in a day. */
export const FICHES_PER_HELPER_PER_HOUR = 20;
export const FICHES_PER_ADDRESS_PER_DAY = 3;

/** The per-address counter keeps a digest, not the address (counters are purged after a day: comptes/rate-limit.ts). */
function addressDigest(email: string): string {
  return createHash('sha256').update(email).digest('hex');
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * E-mails the fiche to the person, through the outbox (sent by the worker, never inside the request). The address
 * is kept only in that outbox row, nowhere else (docs/orienter.md); limited per helper and per address.
 */
export async function sendFiche(
  em: EntityManager,
  user: User,
  input: { slug: string; need?: string | null; helperName?: string | null; email: string },
  lang: Lang,
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const errors = new FieldErrors();
  if (!EMAIL_PATTERN.test(email) || email.length > 254)
    errors.add(
      'email',
      say('Indiquez une adresse e-mail complète, par exemple nom@exemple.fr.', 'Give a full e-mail address, e.g. name@example.org.'),
    );
  errors.throwIfAny();
  const fiche = await ficheOf(em, input, lang);
  if ((await hit(em, `fiche-helper:${user.id}`, 3600)) > FICHES_PER_HELPER_PER_HOUR)
    throw new AppError(
      'RATE_LIMITED',
      say(
        'Vous avez envoyé beaucoup de fiches cette heure-ci. Réessayez dans une heure.',
        'You sent many fiches this hour. Try again in an hour.',
      ),
    );
  if ((await hit(em, `fiche-address:${addressDigest(email)}`, 24 * 3600)) > FICHES_PER_ADDRESS_PER_DAY)
    throw new AppError(
      'RATE_LIMITED',
      say(
        'Cette adresse a déjà reçu plusieurs fiches aujourd’hui. Imprimez la fiche ou envoyez-la par SMS.',
        'This address already received several fiches today. Print the fiche or send it by text message.',
      ),
    );
  await sendPlainEmail(em, {
    to: email,
    lang,
    kind: 'fiche-orientation',
    subject: say(`Fiche d’orientation : ${fiche.name}`, `Where to get help: ${fiche.name}`),
    greeting: say('Bonjour,', 'Hello,'),
    body: ficheText(fiche, lang),
    footer: say(
      `Ce message vous a été envoyé par ${fiche.helperName ?? 'un membre de Maillage'}, pour vous indiquer ce lieu. Votre adresse n’est pas gardée : vous ne recevrez rien d’autre.`,
      `${fiche.helperName ?? 'A member of Maillage'} sent you this message to orient you to this place. Your address is not kept: you will receive nothing else.`,
    ),
  });
}
