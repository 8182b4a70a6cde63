import fc from 'fast-check';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, queryOne, sql } from '../../server/src/db/sql.js';
import { searchOrganizations } from '../../server/src/modules/reseau/directory.service.js';
import { isOpenAt, parseOpeningHours } from '../../server/src/modules/reseau/opening-hours.js';
import { compileOpenings, openAtCondition } from '../../server/src/modules/reseau/place-openings.js';
import { timeZoneOfDepartement } from '../../server/src/shared/territory.js';
import { createTestDatabase } from '../helpers/database.js';

// Issue #15, point 2: "open now" is a filter in SQL (place_opening), and it says what the opening_hours library says.

const pad = (n: number) => String(n).padStart(2, '0');
const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${pad(h)}:${pad(m)}`);
// Ranges ending after midnight ("22:00-02:00"), and ranges in the hour that summer time skips or repeats.
const range = fc.oneof(
  fc
    .tuple(time, time)
    .filter(([from, to]) => from !== to)
    .map(([from, to]) => `${from}-${to}`),
  fc.constantFrom('01:30-02:30', '02:00-03:00', '00:00-02:15', '02:45-04:00', '09:00-12:00', '14:00-18:30'),
);
const ranges = fc.array(range, { minLength: 1, maxLength: 3 }).map((list) => list.join(','));
const days = fc.constantFrom('Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su', 'Mo-Fr', 'Tu-Sa', 'Mo,We,Fr', 'Sa,Su', 'Mo-Su');
const rule = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(days, ranges).map(([d, r]) => `${d} ${r}`) },
  { weight: 1, arbitrary: ranges },
  { weight: 1, arbitrary: fc.tuple(days, ranges).map(([d, r]) => `${d} ${r} unknown`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'PH off',
      'PH 10:00-12:00',
      'Dec 25 off',
      'Jan 1 off',
      'Jul 14 off',
      'Aug off',
      'Mar 29 off',
      'Oct 25 08:00-20:00',
      'week 1-53/2 Mo 10:00-12:00',
      'Jan-Jun Sa 09:00-12:00',
      'Su off',
    ),
  },
);
const hours = fc.oneof(
  { weight: 5, arbitrary: fc.array(rule, { minLength: 1, maxLength: 4 }).map((rules) => rules.join('; ')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '24/7',
      'off',
      'Mo-Fr 08:00-16:00; Dec 25 off',
      'Mo 14:00-19:30; We 09:30-12:00; Sa 10:00-12:00; PH off',
      'Mo-Su 00:00-24:00; PH off',
    ),
  },
);

// Paris: mainland; Saint-Pierre-et-Miquelon: overseas with summer time; Nouméa and La Réunion: none.
const departement = fc.constantFrom('44', '75', '975', '988', '974');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SPECIAL_DAYS = [
  '2026-03-29T01:00:00Z', // Paris: 02:00 → 03:00
  '2026-10-25T01:00:00Z', // Paris: 03:00 → 02:00
  '2027-03-28T01:00:00Z',
  '2027-10-31T01:00:00Z',
  '2026-03-08T05:00:00Z', // Miquelon: 02:00 → 03:00
  '2026-11-01T04:00:00Z', // Miquelon: 02:00 → 01:00
  '2026-12-25T10:00:00Z', // public holidays
  '2027-01-01T10:00:00Z',
  '2027-05-01T10:00:00Z',
  '2026-07-14T10:00:00Z',
  '2027-03-29T10:00:00Z', // Easter Monday 2027
].map((text) => Date.parse(text));
const instant = fc.oneof(
  fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2028-01-01T00:00:00Z') }).map((ms) => new Date(ms)),
  fc
    .tuple(fc.constantFrom(...SPECIAL_DAYS), fc.integer({ min: -36 * 60 * 60, max: 36 * 60 * 60 }))
    .map(([day, seconds]) => new Date(day + seconds * 1000)),
);

describe('"open now" in SQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let em: EntityManager;
  let counter = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    em = database.orm.em.fork() as EntityManager;
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function place(horaires: string | null, dep: string): Promise<string> {
    counter += 1;
    const row = await queryOne<{ id: string }>(
      em,
      sql`insert into organization (id, name, slug, kind, departement, horaires)
          values (gen_random_uuid(), ${`Lieu ${counter}`}, ${`horaires-${counter}`}, 'lieu', ${dep}, ${horaires}) returning id`,
    );
    return row!.id;
  }

  async function openInSql(id: string, at: Date): Promise<boolean> {
    const row = await queryOne<{ open: boolean }>(em, sql`select ${openAtCondition(at)} as open from organization o where o.id = ${id}`);
    return row!.open;
  }

  it('the grammar of the property below writes hours the library reads', () => {
    const samples = fc.sample(hours, { numRuns: 300, seed: 15 });
    const unreadable = samples.filter((text) => !parseOpeningHours(text));
    expect(unreadable.length / samples.length).toBeLessThan(0.05);
  });

  it('agrees with the opening_hours library on random hours, time zones and instants (summer time, public holidays)', async () => {
    const answers = { open: 0, closed: 0 };
    await fc.assert(
      fc.asyncProperty(hours, departement, instant, fc.integer({ min: 0, max: 9 * 24 * 60 - 1 }), async (horaires, dep, at, minutes) => {
        const id = await place(horaires, dep);
        // Compiled on some day of the window's reach: from 8 days before the instant to 1 day after.
        const compiledAt = new Date(at.getTime() + DAY - minutes * MINUTE);
        await compileOpenings(em, compiledAt, { ids: [id] });
        const expected = isOpenAt(horaires, at, timeZoneOfDepartement(dep));
        answers[expected ? 'open' : 'closed'] += 1;
        expect(await openInSql(id, at)).toBe(expected);
      }),
      { numRuns: 400, seed: Number(process.env.FC_SEED ?? Date.now() % 100000) },
    );
    // Both answers were tried often (a property that only ever saw closed places would prove little).
    expect(answers.open).toBeGreaterThan(40);
    expect(answers.closed).toBeGreaterThan(40);
  });

  it('a list asked for an instant outside the compiled days compiles them first, and a change of hours by any writer is compiled again', async () => {
    await execute(em, sql`delete from organization where slug like 'horaires-%'`);
    const id = await place('Mo-Fr 08:00-16:00; Dec 25 off', '988');
    await compileOpenings(em, new Date('2026-12-01T12:00:00Z'), { ids: [id] });
    // Friday 25 December 2026, 10:00 in Nouméa (23:00 the day before in UTC): Christmas, closed.
    const christmas = new Date('2026-12-24T23:00:00Z');
    const names = async (at: Date) =>
      (await searchOrganizations(em, { openNow: true, departement: '988' }, { first: 10 }, at)).edges.map((edge) => edge.node.id);
    expect(await names(christmas)).toEqual([]);
    // A year later (a Saturday in Nouméa): still closed; the Monday after, at 10:00 there: open.
    expect(await names(new Date('2027-12-24T23:00:00Z'))).toEqual([]);
    expect(await names(new Date('2027-12-26T23:00:00Z'))).toEqual([id]);
    // Hours changed by a plain statement (a bulk load): the trigger marks them, the next list compiles them.
    await execute(em, sql`update organization set horaires = 'Mo-Fr 08:00-16:00; Dec 27 off' where id = ${id}`);
    expect(await names(new Date('2027-12-26T23:00:00Z'))).toEqual([]);
    // No hours any more: never open.
    await execute(em, sql`update organization set horaires = null where id = ${id}`);
    expect(await names(new Date('2027-12-27T23:00:00Z'))).toEqual([]);
    const left = await queryOne<{ count: number }>(em, sql`select count(*)::int as count from place_opening where organization_id = ${id}`);
    expect(left!.count).toBe(0);
  });
});
