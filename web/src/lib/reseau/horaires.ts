/**
 * A place's week as people fill it in: for each day, up to two time ranges (the morning, the
 * afternoon), read from and written to the OpenStreetMap `opening_hours` text the directory stores
 * ("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00"). Hours that say more than a plain week (public
 * holidays, months, weeks, comments, past midnight) are not a plain week: the form then shows the
 * OpenStreetMap text itself, which the server checks (server/src/modules/reseau/opening-hours.ts).
 */

export const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
export type Day = (typeof DAYS)[number];

/** Two ranges a day: the form's rows ("Ouvre à… Ferme à…", then "Rouvre à… Ferme à…"). */
export const RANGES_PER_DAY = 2;

/** "09:00" to "12:00"; the end is after the start, on the same day ("24:00" at the latest). */
export interface TimeRange {
  from: string;
  to: string;
}

export type Week = Record<Day, TimeRange[]>;

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DAY_SELECTOR = /^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$/;

export function closedWeek(): Week {
  return { Mo: [], Tu: [], We: [], Th: [], Fr: [], Sa: [], Su: [] };
}

/** The days of "Mo-Fr" or "Sa" or "Fr-Mo" (a range may wrap past Sunday). */
function daysOf(selector: string): Day[] | null {
  const match = DAY_SELECTOR.exec(selector);
  if (!match) return null;
  const first = DAYS.indexOf(match[1] as Day);
  const last = match[2] ? DAYS.indexOf(match[2] as Day) : first;
  const days: Day[] = [];
  for (let i = first; ; i = (i + 1) % 7) {
    days.push(DAYS[i]);
    if (i === last) break;
  }
  return days;
}

function rangesOf(text: string): TimeRange[] | null {
  if (text === 'off' || text === 'closed') return [];
  const ranges: TimeRange[] = [];
  for (const part of text.split(',')) {
    const [from, to, extra] = part.trim().split('-');
    if (extra !== undefined || !TIME.test(from ?? '') || !TIME.test(to ?? '') || from === '24:00' || to <= from) return null;
    ranges.push({ from, to });
  }
  return ranges;
}

/**
 * The OpenStreetMap text as a plain week, or null when it says more than one (then the form shows the
 * text). Rules apply in order, a later one replacing the earlier for its days, as OpenStreetMap reads them.
 */
export function plainWeek(osm: string | null | undefined): Week | null {
  const week = closedWeek();
  const text = (osm ?? '').trim();
  if (!text || text === 'off' || text === 'closed') return week;
  for (const rule of text.split(';')) {
    const trimmed = rule.trim();
    if (!trimmed) continue;
    const space = trimmed.indexOf(' ');
    if (space < 0) return null;
    const ranges = rangesOf(trimmed.slice(space + 1).replace(/\s+/g, ''));
    if (!ranges || ranges.length > RANGES_PER_DAY || !ordered(ranges)) return null;
    for (const selector of trimmed.slice(0, space).split(',')) {
      const days = daysOf(selector.trim());
      if (!days) return null;
      for (const day of days) week[day] = ranges;
    }
  }
  return week;
}

const ordered = (ranges: readonly TimeRange[]) => ranges.every((range, i) => i === 0 || ranges[i - 1].to <= range.from);

const rangesText = (ranges: readonly TimeRange[]) => ranges.map((range) => `${range.from}-${range.to}`).join(',');

/** The week as OpenStreetMap writes it, following days of the same hours grouped ("Mo-Fr 09:00-12:00"); '' if always closed. */
export function osmOfWeek(week: Week): string {
  const rules: string[] = [];
  let start = 0;
  while (start < DAYS.length) {
    const hours = rangesText(week[DAYS[start]]);
    let end = start;
    while (end + 1 < DAYS.length && rangesText(week[DAYS[end + 1]]) === hours) end += 1;
    if (hours) rules.push(`${end > start ? `${DAYS[start]}-${DAYS[end]}` : DAYS[start]} ${hours}`);
    start = end + 1;
  }
  return rules.join('; ');
}

/** The name of a form field of the week: `horaires-Mo-1-de`, `horaires-Mo-1-a`… */
export function hoursFieldName(day: Day, range: number, end: 'de' | 'a'): string {
  return `horaires-${day}-${range + 1}-${end}`;
}

export type HoursMistake = 'incomplete' | 'order';

/**
 * The week typed in the form's fields, or the first mistake of each day (a start without its end, an
 * end before its start, the afternoon before the morning), named by the day's first field.
 */
export function weekFromForm(values: Record<string, string | undefined>): { week: Week; mistakes: Partial<Record<Day, HoursMistake>> } {
  const week = closedWeek();
  const mistakes: Partial<Record<Day, HoursMistake>> = {};
  for (const day of DAYS) {
    for (let range = 0; range < RANGES_PER_DAY; range += 1) {
      const from = values[hoursFieldName(day, range, 'de')]?.trim() ?? '';
      const to = values[hoursFieldName(day, range, 'a')]?.trim() ?? '';
      if (!from && !to) continue;
      if (!TIME.test(from) || !TIME.test(to)) mistakes[day] ??= 'incomplete';
      else if (to <= from) mistakes[day] ??= 'order';
      else week[day].push({ from, to });
    }
    if (!mistakes[day] && !ordered(week[day])) mistakes[day] = 'order';
  }
  return { week, mistakes };
}

/**
 * The hours a form sent (`HoursField.svelte`), as OpenStreetMap text: the text itself when the form showed
 * it, otherwise the week filled in, written out — or the saved text when the week is the same, however it
 * was written ("Mo,Tu,We,Th,Fr" is "Mo-Fr"), so an unchanged week is no change. Or each day's mistake, by
 * the name of the field it shows next to.
 */
export function hoursSent(
  values: Record<string, string | undefined>,
  saved: string | null | undefined,
): { text: string; mistakes: null } | { text: null; mistakes: Array<[field: string, mistake: HoursMistake]> } {
  if ('horaires' in values) return { text: values.horaires ?? '', mistakes: null };
  const { week, mistakes } = weekFromForm(values);
  const found = Object.entries(mistakes).map(([day, mistake]) => [hoursFieldName(day as Day, 0, 'de'), mistake] as [string, HoursMistake]);
  if (found.length) return { text: null, mistakes: found };
  const text = osmOfWeek(week);
  const before = plainWeek(saved);
  return { text: before && osmOfWeek(before) === text ? (saved ?? '') : text, mistakes: null };
}
