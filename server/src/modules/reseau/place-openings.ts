/**
 * "Open now" as a filter of the directory's SQL statement. The `opening_hours` library stays the
 * source of truth: for each place it gives the open intervals of a window of days around the instant
 * asked (`openIntervals`, public holidays, dates and exceptions included, in the place's own time
 * zone), stored as absolute instants in `place_opening.open_at` (a `tstzmultirange`, GiST index), so
 * the list asks `open_at @> now`. Absolute instants, not minutes of a week: holidays and exceptions are
 * exact, summer time and overseas zones need nothing more, at the price of a window to renew — the
 * worker renews each row about once a day, and a list asked for an instant outside a row's window
 * (a fixed test clock, a worker that stopped) compiles that row first. See docs/architecture.md.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { execute, query, sql } from '../../db/sql.js';
import { logger } from '../../logger.js';
import { pgTextArray } from '../../shared/pg-array.js';
import { timeZoneOfPlace } from '../../shared/territory.js';
import { openIntervals } from './opening-hours.js';

const DAY = 24 * 3600 * 1000;
/** The window compiled around an instant: from one day before to eight days after. */
const WINDOW_BEFORE = DAY;
const WINDOW_AFTER = 8 * DAY;
/** The worker renews a row once less than this remains of its window (so about once a day). */
const RENEW_BEFORE = 7 * DAY;
const BATCH = 2000;

interface StaleRow {
  id: string;
  horaires: string;
  departement: string;
  codePostal: string;
  codeInsee: string;
}

/** `{[a,b),[c,d)}`: the multirange literal of the intervals (an empty `{}` when never open). */
export function multirangeLiteral(intervals: ReadonlyArray<[Date, Date]>): string {
  return `{${intervals.map(([from, to]) => `[${from.toISOString()},${to.toISOString()})`).join(',')}}`;
}

/** Compiles the hours of these places just written (their rows marked by the trigger), for the days around now. */
export async function compileOpeningsOf(em: EntityManager, ids: readonly string[], at: Date = new Date()): Promise<number> {
  return ids.length ? compileOpenings(em, at, { ids }) : 0;
}

/**
 * Compiles the rows whose window does not cover `at` … `renewUntil` (or that wait to be compiled),
 * `BATCH` at a time, each over the window around `at`. Places sharing hours and time zone are computed
 * once. A row whose hours or territory changed since it was read stays marked (the trigger's mark wins).
 */
export async function compileOpenings(
  em: EntityManager,
  at: Date,
  { renewUntil = at, ids }: { renewUntil?: Date; ids?: readonly string[] } = {},
): Promise<number> {
  const from = new Date(at.getTime() - WINDOW_BEFORE);
  const to = new Date(at.getTime() + WINDOW_AFTER);
  let compiled = 0;
  // Places sharing hours and time zone are computed once for the whole run.
  const byHours = new Map<string, string>();
  for (;;) {
    // Two index range scans (valid_from, valid_until), each bounded: nothing read when every window covers `at`,
    // and rows compiled by the previous batches are not read again.
    const ofIds = ids ? sql`and organization_id = any(${pgTextArray(ids)}::uuid[])` : sql.empty;
    const rows = await query<StaleRow>(
      em,
      sql`select o.id, o.horaires, coalesce(o.departement, '') as departement, coalesce(o.code_postal, '') as "codePostal",
                 coalesce(o.code_insee, '') as "codeInsee"
            from ((select organization_id from place_opening where valid_from > ${at}::timestamptz ${ofIds} limit ${BATCH})
                  union (select organization_id from place_opening where valid_until <= ${renewUntil}::timestamptz ${ofIds} limit ${BATCH})) stale
            join organization o on o.id = stale.organization_id
           where o.horaires is not null
           limit ${BATCH}`,
    );
    if (rows.length === 0) return compiled;
    const openAt = rows.map((row) => {
      const zone = timeZoneOfPlace(row);
      const key = `${zone}\u0000${row.horaires}`;
      let literal = byHours.get(key);
      if (literal === undefined) {
        literal = multirangeLiteral(openIntervals(row.horaires, from, to, zone));
        byHours.set(key, literal);
      }
      return literal;
    });
    const column = (pick: (row: StaleRow) => string) => pgTextArray(rows.map(pick));
    const updated = await execute(
      em,
      sql`update place_opening po set open_at = v.open_at::tstzmultirange, valid_from = ${from}::timestamptz, valid_until = ${to}::timestamptz
            from unnest(${column((row) => row.id)}::uuid[], ${pgTextArray(openAt)}::text[], ${column((row) => row.horaires)}::text[],
                        ${column((row) => row.departement)}::text[], ${column((row) => row.codePostal)}::text[], ${column((row) => row.codeInsee)}::text[])
                   v(id, open_at, horaires, departement, code_postal, code_insee),
                 organization o
           where po.organization_id = v.id and o.id = v.id and o.horaires = v.horaires and coalesce(o.departement, '') = v.departement
             and coalesce(o.code_postal, '') = v.code_postal and coalesce(o.code_insee, '') = v.code_insee`,
    );
    compiled += updated;
    // Rows changed meanwhile stay marked: the next pass takes them with their new hours.
    if (rows.length < BATCH && updated === rows.length) return compiled;
  }
}

/** The filter of a list: the place is open at `at` (its row compiled for `at` by `compileOpenings`). */
export function openAtCondition(at: Date) {
  return sql`exists (select 1 from place_opening po where po.organization_id = o.id and po.open_at @> ${at}::timestamptz)`;
}

export interface PlaceOpeningsWorker {
  stop(): Promise<void>;
}

/**
 * Started by `npm start`: compiles at once what waits (the places of the migration, of a bulk load),
 * then every 10 minutes renews the windows that end within a week — about once a day per row, which
 * also follows the calendar (next week's public holidays). Several processes may run it: a row
 * compiled twice is the same row.
 */
export function startPlaceOpeningsWorker(orm: MikroORM, everyMs = 10 * 60 * 1000): PlaceOpeningsWorker {
  let current: Promise<void> | undefined;
  let stopping = false;
  const run = async () => {
    try {
      const now = new Date();
      const compiled = await compileOpenings(orm.em.fork(), now, { renewUntil: new Date(now.getTime() + RENEW_BEFORE) });
      if (compiled > 0) logger.info({ compiled }, 'opening hours compiled');
    } catch (error) {
      logger.error({ err: error }, 'opening hours could not be compiled');
    }
  };
  const tick = () => {
    if (stopping || current) return;
    current = run().finally(() => (current = undefined));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      await current;
    },
  };
}
