/**
 * "Open now" at scale (issue #15, point 2): BENCH_ROWS generated places (default 100,000) with varied
 * hours, mainland and overseas; `organizations(near 10 km, openNow)` (/reseau?ouvert=1) and
 * `organizations(openNow)` as the service runs them, median and min of BENCH_REPEAT runs, interleaved with
 * the former way (every place's hours read into Node and evaluated there, the open ids inlined in the
 * statement); the time to compile every place's hours; and the plan of the new statement.
 *
 *   npm run build -w server && DATABASE_URL=postgresql://… node server/dist/bench/open-now.js
 */
import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readConfig } from '../config.js';
import { initORM } from '../db/orm.js';
import { createScratchDatabase } from '../db/scratch.js';
import { execute, query, sql } from '../db/sql.js';
import { organizationSearchStatement, searchOrganizations, type OrganizationFilters } from '../modules/reseau/directory.service.js';
import { isOpenAt } from '../modules/reseau/opening-hours.js';
import { compileOpenings } from '../modules/reseau/place-openings.js';
import { timeZoneOfPlace } from '../shared/territory.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
// Forty kinds of hours, as places write them.
const HOURS = [
  'Mo-Fr 09:00-12:00,14:00-18:00',
  'Tu-Sa 10:00-19:00',
  'Mo-Fr 08:30-12:30,13:30-17:00; PH off',
  'Mo 14:00-19:30; We 09:30-12:00; Sa 10:00-12:00; PH off',
  'Mo-Fr 08:00-16:00; Dec 25 off',
  'We 14:00-18:00; Fr 17:00-21:00; Sa 10:00-17:00',
  '24/7',
  'Mo-Su 07:00-22:00',
  'Tu,Th 09:00-12:00; Sa 09:00-12:00,14:00-17:00; PH off',
  'Mo-Fr 09:00-17:00; Aug off',
];
const VARIANTS = [
  ...new Set(HOURS.flatMap((hours) => [hours, hours.replace('09:00', '09:30'), hours.replace(/; PH off$/, ''), `${hours}; Jan 1 off`])),
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** The former way (before migration `place_opening`): every place's hours read into Node, the open ids inlined. */
async function searchTheFormerWay(em: EntityManager, filters: OrganizationFilters, now: Date): Promise<number> {
  const rows = await query<{ id: string; horaires: string; departement: string | null; codePostal: string | null }>(
    em,
    sql`select id, horaires, departement, code_postal as "codePostal" from organization where horaires is not null`,
  );
  const openIds = rows.filter((row) => isOpenAt(row.horaires, now, timeZoneOfPlace(row))).map((row) => row.id);
  const center = filters.near ? { lat: filters.near.lat!, lng: filters.near.lng!, radiusM: filters.near.radiusKm! * 1000 } : null;
  const { statement } = organizationSearchStatement({ ...filters, openNow: false }, { limit: 20, after: null } as never, { center });
  const idList = sql`array(select jsonb_array_elements_text(${JSON.stringify(openIds)}::jsonb))::uuid[]`;
  const found = await query(em, sql`select * from (${statement}) page where page.id = any(${idList})`);
  return found.length;
}

async function main(): Promise<void> {
  const config = readConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  if (!config.databaseUrl) throw new Error('DATABASE_URL is needed');
  const scratch = await createScratchDatabase(config.databaseUrl, 'maillage_open_now');
  const orm = await initORM(scratch.url);
  try {
    await orm.getMigrator().up();
    const em = orm.em.fork() as EntityManager;
    const hoursList = JSON.stringify(VARIANTS);
    let start = performance.now();
    // A tenth overseas (Nouméa, La Réunion, Saint-Pierre-et-Miquelon), a quarter around Nantes.
    await execute(
      em,
      sql`insert into organization (id, name, slug, kind, commune, code_postal, departement, latitude, longitude, horaires)
          select gen_random_uuid(), 'Lieu ' || i, 'open-now-' || i, 'lieu', 'Commune ' || (i % 500),
                 case when i % 10 = 1 then '98800' when i % 10 = 2 then '97400' else lpad(((i % 95) + 1)::text, 2, '0') || '000' end,
                 case when i % 30 = 1 then '988' when i % 30 = 11 then '974' when i % 30 = 21 then '975' else lpad(((i % 95) + 1)::text, 2, '0') end,
                 case when i % 4 = 0 then 47.2184 + ((i * 37) % 1000 - 500) / 1000.0 else 43.0 + ((i * 7919) % 6000) / 1000.0 end,
                 case when i % 4 = 0 then -1.5536 + ((i * 53) % 1000 - 500) / 1000.0 else -1.5 + ((i * 104729) % 8000) / 1000.0 end,
                 (${hoursList}::jsonb) ->> (i % ${VARIANTS.length})::int
            from generate_series(1::bigint, ${ROWS}::bigint) i`,
    );
    console.log(`${ROWS.toLocaleString('en')} places generated in ${Math.round(performance.now() - start)} ms`);
    start = performance.now();
    const compiled = await compileOpenings(em, new Date());
    console.log(`${compiled.toLocaleString('en')} places' hours compiled in ${Math.round(performance.now() - start)} ms`);
    await execute(em, sql`vacuum analyze organization`);
    await execute(em, sql`vacuum analyze place_opening`);

    const now = new Date();
    const operations: Array<{ name: string; filters: OrganizationFilters }> = [
      {
        name: 'organizations(near Nantes 10 km, openNow, first 20)',
        filters: { near: { lat: 47.2184, lng: -1.5536, radiusKm: 10 }, openNow: true },
      },
      { name: 'organizations(openNow, first 20)', filters: { openNow: true } },
    ];
    console.log(
      '\n| operation | former way (ms, median / min) | SQL filter (ms, median / min) | ratio of medians |\n| --- | ---: | ---: | ---: |',
    );
    for (const op of operations) {
      const former: number[] = [];
      const current: number[] = [];
      await searchOrganizations(orm.em.fork(), op.filters, { first: 20 }, now);
      for (let i = 0; i < REPEAT; i++) {
        former.push(await timed(() => searchTheFormerWay(orm.em.fork() as EntityManager, op.filters, now)));
        current.push(await timed(() => searchOrganizations(orm.em.fork(), op.filters, { first: 20 }, now)));
      }
      console.log(
        `| ${op.name} | ${median(former).toFixed(1)} / ${Math.min(...former).toFixed(1)} | ${median(current).toFixed(1)} / ${Math.min(...current).toFixed(1)} | ${(median(former) / median(current)).toFixed(1)}× |`,
      );
    }
    for (const op of operations) {
      const center = op.filters.near ? { lat: 47.2184, lng: -1.5536, radiusM: 10_000 } : null;
      const { statement } = organizationSearchStatement(op.filters, { limit: 20, after: null } as never, { center, openAt: now });
      const plan = await query<Record<string, string>>(em, sql`explain (analyze, buffers off, costs off, timing off) ${statement}`);
      console.log(`\nPlan — ${op.name}:\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
    }
  } finally {
    await orm.close(true);
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
