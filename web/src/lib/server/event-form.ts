import { parisDay, parisMidnight } from '$lib/agenda';
import type { FormProblem } from './forms';

/** Time as "HH:mm" in Paris. */
function parisTime(value: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hour12: false }).format(
    new Date(value),
  );
}

function endOfParisDay(ymd: string): string | null {
  const next = new Date(`${ymd}T00:00:00Z`);
  if (Number.isNaN(next.getTime())) return null;
  next.setUTCDate(next.getUTCDate() + 1);
  const midnight = parisMidnight(next.toISOString().slice(0, 10));
  return midnight ? new Date(midnight.getTime() - 60_000).toISOString() : null;
}

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
  return {
    title: values.title ?? '',
    description: values.description ?? '',
    localStart: values.date && values.start ? `${values.date}T${values.start}` : '',
    localEnd: values.date && values.end ? `${values.date}T${values.end}` : '',
    address: text(values.address),
    postalCode: text(values.postalCode),
    commune: text(values.commune),
    onlineUrl: text(values.onlineUrl),
    capacity: capacity === '' ? null : Number(capacity),
    level: (text(values.level) as 'DEBUTANT' | null) ?? null,
    publics: list(values.publics, /,/),
    accessibility: text(values.accessibility),
    fees: text(values.fees),
    themes: list(values.themes, /\n/),
    // An unticked box sends nothing: the hidden marker tells that the form had it.
    guestsAllowed: values.guestsAllowedShown === '1' ? values.guestsAllowed === 'on' : null,
    // The end of that day in Paris — a date is what people think in.
    registrationClosesAt: closes ? endOfParisDay(closes) : null,
  };
}

/** The API names times localStart / localEnd and the place placeId: show them next to the form's fields. */
export function formFields(problem: FormProblem): FormProblem {
  const fields = { ...problem.fields };
  if (fields.localStart || fields.startsAt) fields.start = fields.localStart ?? fields.startsAt;
  if (fields.localEnd || fields.endsAt) fields.end = fields.localEnd ?? fields.endsAt;
  if (fields.placeId) fields.address = fields.placeId;
  if (fields.registrationClosesAt) fields.closesOn = fields.registrationClosesAt;
  return { ...problem, fields };
}

/** The form's values for an existing event. */
export function valuesOfEvent(event: {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  address?: string | null;
  postalCode?: string | null;
  commune?: string | null;
  onlineUrl?: string | null;
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
    date: parisDay(event.startsAt),
    start: parisTime(event.startsAt),
    end: parisTime(event.endsAt),
    address: event.address ?? '',
    postalCode: event.postalCode ?? '',
    commune: event.commune ?? '',
    onlineUrl: event.onlineUrl ?? '',
    capacity: event.capacity == null ? '' : String(event.capacity),
    level: event.level ?? '',
    publics: event.publics.join(', '),
    accessibility: event.accessibility ?? '',
    fees: event.fees ?? '',
    themes: event.themes.join('\n'),
    closesOn: event.registrationClosesAt ? parisDay(event.registrationClosesAt) : '',
    guestsAllowedShown: '1',
    guestsAllowed: event.guestsAllowed ? 'on' : '',
  };
}
