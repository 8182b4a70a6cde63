import { sql, type Sql } from '../../../db/sql.js';
import { icu } from '../../../i18n/count.js';
import type { Lang, Text } from '../../../i18n/lang.js';
import type { Viewer } from '../../comptes/viewer.js';

/** Where the visitor says they are: a département, or a point and a radius ("près de chez moi"). */
export interface HomeFilter {
  departement?: string | null;
  near?: { lat: number; lng: number; radiusKm: number } | null;
}

/** The columns every feed statement returns (one row per item). */
export interface HomeItemRow {
  id: string;
  title: string;
  summary: string | null;
  link: string;
  /** When it happened or happens (publication, or start of an event). */
  at: string | Date;
  departement: string | null;
  /** Where: a place's or a commune's name. */
  place: string | null;
  /** The number its provider's `counted` message writes (answers, seats left…); absent from other providers' rows. */
  count?: number | null;
}

/**
 * An item whose title or summary says a number ("12 réponses", "1 234 réponses") has its statement return the
 * number as `count` and that text null; the message, ICU like every plural of the product, writes it in the
 * reader's language: never a plural built in SQL ("|| ' réponses'"), which knows neither plural rules nor
 * how a language groups digits.
 */
export interface CountedText {
  field: 'title' | 'summary';
  /** With `{n}`: "{n, plural, one {# réponse} other {# réponses}}". */
  message: Text;
}

/** The row with its counted text written, when its provider counts and the statement left that text to the message. */
export function writeCounted<R extends HomeItemRow>(row: R, counted: CountedText | undefined, lang: Lang): R {
  if (counted && row[counted.field] == null && row.count != null) row[counted.field] = icu(lang, counted.message[lang], { n: row.count });
  return row;
}

/**
 * One section's latest items on the home page ("Questions récentes", "Offres et demandes de temps",
 * "Prochains événements", "Projets qui cherchent des testeurs"), declared in the section's
 * `<module>.section.ts`. ONE SQL statement, which applies the filter it can
 * (a section without places returns nothing when a place is asked for) and leaves out hidden rows.
 */
export interface HomeFeedProvider {
  /** Where it stands on the home page among every section's feeds (smaller first). */
  position: number;
  /** "<section>.<thing>", also the signage of each item: "entraide.question", "agenda.event"… */
  kind: string;
  label: Text;
  /** Its items by `at`: the newest first, or with `soonestFirst` what comes next first (events). */
  soonestFirst?: boolean;
  counted?: CountedText;
  query(filter: HomeFilter, limit: number, lang: Lang): Sql;
}

/** One figure of the network ("lieux", "membres", "questions résolues", "heures échangées"…): a scalar SQL subquery. */
export interface HomeFigureProvider {
  /** Where it stands among the figures (smaller first). */
  position: number;
  key: string;
  /** What it counts, an ICU message of its value `n` (the page shows the number apart): "{n, plural, one {membre} other {membres}}". */
  label: Text;
  sql: Sql;
}

/** What concerns a signed-in member (answers to their questions, next registrations, exchanges waiting for them…). */
export interface HomePersonalProvider {
  /** Where it stands in "Ce qui vous concerne" (smaller first). */
  position: number;
  kind: string;
  label: Text;
  /** As a feed's (`HomeFeedProvider.soonestFirst`, `counted`). */
  soonestFirst?: boolean;
  counted?: CountedText;
  query(user: Viewer, limit: number, lang: Lang): Sql;
}

/**
 * SQL condition "this row's département matches the filter", or null when no département is asked.
 * `column` is written in the provider's code ("q.departement"), never taken from a request.
 */
export function departementCondition(filter: HomeFilter, column: string): Sql | null {
  return filter.departement ? sql`${sql.raw(column)} = ${filter.departement}` : null;
}
