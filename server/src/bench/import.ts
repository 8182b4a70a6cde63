/**
 * Import at the speed of the database (issue #15, point 6): BENCH_PLACES rows (default 10,000) of a
 * realistic file of the national standard (CSV, hours on half of them), imported as Maillage imports
 * (`importPlaces`: parsing, matching, new places, source records, hours compiled) into an empty
 * directory, against the floor: a plain `COPY` of the same rows, already shaped as the directory's
 * columns, into the same tables (organization, place_source). Each side runs on its own fresh copy of a
 * migrated database, sides interleaved, BENCH_REPEAT rounds (default 3); prints min and median and the
 * ratio of medians (target ≤ 3).
 *
 *   npm run build -w server && DATABASE_URL=postgresql://… node server/dist/bench/import.js
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readConfig } from '../config.js';
import { initORM } from '../db/orm.js';
import { createScratchDatabase } from '../db/scratch.js';
import { importPlaces } from '../modules/reseau/import.service.js';

const PLACES = Number(process.env.BENCH_PLACES ?? 10_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const HOURS = ['Mo-Fr 09:00-12:00,14:00-18:00', 'Tu-Sa 10:00-19:00', 'We 14:00-18:00; Sa 10:00-12:00; PH off', ''];
const SERVICES = [
  'Aide aux démarches administratives',
  'Maîtrise des outils numériques du quotidien|Accès internet et matériel informatique',
];

interface Row {
  id: number;
  pivot: string;
  nom: string;
  commune: string;
  codePostal: string;
  adresse: string;
  latitude: string;
  longitude: string;
  horaires: string;
  services: string;
}

function rows(): Row[] {
  return Array.from({ length: PLACES }, (_, i) => ({
    id: i + 1,
    pivot: String(10_000_000_000_000 + i * 7),
    nom: `Espace numérique ${i + 1}`,
    commune: `Commune ${i % 300}`,
    codePostal: `${String((i % 95) + 1).padStart(2, '0')}260`,
    adresse: `${i + 1} rue des Essais`,
    latitude: (43 + (i % 100) * 0.05).toFixed(5),
    longitude: (-1 + Math.floor(i / 100) * 0.05).toFixed(5),
    horaires: HOURS[i % HOURS.length],
    services: SERVICES[i % SERVICES.length],
  }));
}

const quoted = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The file a network would send, in the standard's columns. */
function standardCsv(list: Row[]): string {
  const header = 'id,pivot,nom,commune,code_postal,adresse,latitude,longitude,horaires,date_maj,services,source';
  return [
    header,
    ...list.map((row) =>
      [
        row.id,
        row.pivot,
        row.nom,
        row.commune,
        row.codePostal,
        row.adresse,
        row.latitude,
        row.longitude,
        row.horaires,
        '2025-01-15',
        row.services,
        'Essais',
      ]
        .map((value) => quoted(String(value)))
        .join(','),
    ),
  ].join('\n');
}

/** The same rows already in the directory's columns, for the floor's COPY. */
function copyFiles(list: Row[]): { places: string; sources: string } {
  const places: string[] = [];
  const sources: string[] = [];
  for (const row of list) {
    const id = randomUUID();
    const services = `{${row.services
      .split('|')
      .map((service) => `"${service}"`)
      .join(',')}}`;
    places.push(
      [
        id,
        row.nom,
        `espace-numerique-${row.id}`,
        'lieu',
        String(row.id),
        row.pivot,
        row.commune,
        row.codePostal,
        row.codePostal.slice(0, 2),
        row.adresse,
        row.latitude,
        row.longitude,
        row.horaires || '',
        services,
        '2025-01-15',
        'Essais',
      ]
        .map((value) => quoted(value))
        .join(','),
    );
    sources.push([randomUUID(), id, 'Essais', String(row.id), '2025-01-15', '{nom,commune}'].map((value) => quoted(value)).join(','));
  }
  return { places: places.join('\n'), sources: sources.join('\n') };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const config = readConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  if (!config.databaseUrl) throw new Error('DATABASE_URL is needed');
  const template = await createScratchDatabase(config.databaseUrl, 'maillage_import_template');
  const templateName = new URL(template.url).pathname.slice(1);
  const migrated = await initORM(template.url);
  await migrated.getMigrator().up();
  await migrated.close(true);

  const list = rows();
  const csv = standardCsv(list);
  const floorFiles = copyFiles(list);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-import-'));
  fs.chmodSync(folder, 0o755);
  const placesFile = path.join(folder, 'places.csv');
  const sourcesFile = path.join(folder, 'sources.csv');
  fs.writeFileSync(placesFile, floorFiles.places);
  fs.writeFileSync(sourcesFile, floorFiles.sources);
  fs.chmodSync(placesFile, 0o644);
  fs.chmodSync(sourcesFile, 0o644);

  const app: number[] = [];
  const floor: number[] = [];
  const runApp = async () => {
    const scratch = await createScratchDatabase(config.databaseUrl!, 'maillage_import_app', templateName);
    const orm = await initORM(scratch.url);
    try {
      const start = performance.now();
      const report = await importPlaces(orm.em.fork() as EntityManager, null, csv, { format: 'csv', source: 'Essais' });
      app.push(performance.now() - start);
      if (report.created !== PLACES) throw new Error(`the import created ${report.created} places, not ${PLACES}`);
    } finally {
      await orm.close(true);
      await scratch.drop();
    }
  };
  const runFloor = async () => {
    const scratch = await createScratchDatabase(config.databaseUrl!, 'maillage_import_floor', templateName);
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const start = performance.now();
      await client.query('begin');
      await client.query(
        `copy organization (id, name, slug, kind, standard_id, pivot, commune, code_postal, departement, adresse, latitude, longitude, horaires, services, date_maj, source)
         from '${placesFile}' with (format csv)`,
      );
      await client.query(
        `copy place_source (id, organization_id, source, source_id, date_maj, fields) from '${sourcesFile}' with (format csv)`,
      );
      await client.query('commit');
      floor.push(performance.now() - start);
    } finally {
      await client.end();
      await scratch.drop();
    }
  };

  try {
    for (let round = 0; round < REPEAT; round++) {
      // Interleaved, the side that starts alternating.
      if (round % 2 === 0) {
        await runApp();
        await runFloor();
      } else {
        await runFloor();
        await runApp();
      }
      console.log(`round ${round + 1}: import ${Math.round(app[round])} ms, COPY ${Math.round(floor[round])} ms`);
    }
    const ratio = median(app) / median(floor);
    console.log(`\n${PLACES.toLocaleString('en')} places, ${REPEAT} rounds`);
    console.log(`| side | min ms | median ms |\n| --- | ---: | ---: |`);
    console.log(`| importPlaces | ${Math.round(Math.min(...app))} | ${Math.round(median(app))} |`);
    console.log(`| plain COPY | ${Math.round(Math.min(...floor))} | ${Math.round(median(floor))} |`);
    console.log(`ratio of medians: ${ratio.toFixed(1)}× (target ≤ 3×)`);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
    await template.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
