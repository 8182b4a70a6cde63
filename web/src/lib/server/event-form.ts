import { clockIn, dayIn } from '$lib/format';
import type { FormProblem } from './forms';

const text = (value: string | undefined) => (value ?? '').trim() || null;
const list = (value: string | undefined, separator: RegExp) =>
  (value ?? '')
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);

/** The fields of the event form, as the API's createEvent / updateEvent input expects them. */
export function eventInputFrom(values: Record<string, string>) {
  const capacity = (values.capacity ?? '').trim();
  const closes = (values.closesOn ?? '').trim();
  // "En ligne uniquement": whatever the address fields still hold, the event has no address (nor position), and is no
  // longer at the directory place it was linked to (the demo's events, the API's `placeId`), which its page would show.
  const online = values.onlineOnly === 'on';
  return {
    title: values.title ?? '',
    description: values.description ?? '',
    localStart: values.date && values.start ? `${values.date}T${values.start}` : '',
    localEnd: values.date && values.end ? `${values.date}T${values.end}` : '',
    address: online ? null : text(values.address),
    postalCode: online ? null : text(values.postalCode),
    commune: online ? null : text(values.commune),
    onlineUrl: text(values.onlineUrl),
    // Sent only to unlink the place: the form has no field for it otherwise.
    ...(online ? { placeId: null } : {}),
    capacity: capacity === '' ? null : Number(capacity),
    level: (text(values.level) as 'DEBUTANT' | null) ?? null,
    publics: list(values.publics, /,/),
    accessibility: text(values.accessibility),
    fees: text(values.fees),
    themes: list(values.themes, /\n/),
    // An unticked box sends nothing: the hidden marker tells that the form had it.
    guestsAllowed: values.guestsAllowedShown === '1' ? values.guestsAllowed === 'on' : null,
    // A date is what people think in: the API closes at the end of that day on the clock of the place.
    registrationClosesOn: closes || null,
  };
}

/** The API names times localStart / localEnd and the place placeId: show them next to the form's fields. */
export function formFields(problem: FormProblem): FormProblem {
  const fields = { ...problem.fields };
  if (fields.localStart || fields.startsAt) fields.start = fields.localStart ?? fields.startsAt;
  if (fields.localEnd || fields.endsAt) fields.end = fields.localEnd ?? fields.endsAt;
  // No place at all: said next to the address, or next to the link for an event online only (its address hidden).
  if (fields.placeId) fields[problem.values.onlineOnly === 'on' ? 'onlineUrl' : 'address'] = fields.placeId;
  if (fields.registrationClosesAt || fields.registrationClosesOn)
    fields.closesOn = fields.registrationClosesOn ?? fields.registrationClosesAt;
  return { ...problem, fields };
}

/** The form's values for an existing event, on the clock of its place. */
export function valuesOfEvent(event: {
  timeZone: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  address?: string | null;
  postalCode?: string | null;
  commune?: string | null;
  onlineUrl?: string | null;
  place?: { id: string } | null;
  capacity?: number | null;
  level?: string | null;
  publics: string[];
  accessibility?: string | null;
  fees?: string | null;
  themes: string[];
  registrationClosesAt?: string | null;
  kind: string;
  guestsAllowed?: boolean;
}): Record<string, string> {
  return {
    kind: event.kind,
    title: event.title,
    description: event.description,
    date: dayIn(event.startsAt, event.timeZone),
    start: clockIn(event.startsAt, event.timeZone),
    end: clockIn(event.endsAt, event.timeZone),
    address: event.address ?? '',
    postalCode: event.postalCode ?? '',
    commune: event.commune ?? '',
    onlineUrl: event.onlineUrl ?? '',
    // Ticked only for an event that is nowhere: saved ticked, the form takes away its address and its place.
    onlineOnly: event.onlineUrl && !event.address && !event.postalCode && !event.commune && !event.place ? 'on' : '',
    capacity: event.capacity == null ? '' : String(event.capacity),
    level: event.level ?? '',
    publics: event.publics.join(', '),
    accessibility: event.accessibility ?? '',
    fees: event.fees ?? '',
    themes: event.themes.join('\n'),
    closesOn: event.registrationClosesAt ? dayIn(event.registrationClosesAt, event.timeZone) : '',
    guestsAllowedShown: '1',
    guestsAllowed: event.guestsAllowed ? 'on' : '',
  };
}
