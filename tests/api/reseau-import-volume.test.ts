import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlaces } from '../../server/src/modules/reseau/import.service.js';
import { startTestApp, type TestApp } from '../helpers/api.js';

// 10,000 crafted rows, each its own place, imported twice; the time of each import is logged (the rules: reseau-import-sources.test.ts).
const HEADER = 'id,pivot,nom,commune,code_postal,adresse,latitude,longitude,date_maj,services,source';
const crafted = (count: number, source: string) =>
  [
    HEADER,
    ...Array.from({ length: count }, (_, i) => {
      const pivot = String(10_000_000_000_000 + i * 7);
      const latitude = (43 + (i % 100) * 0.05).toFixed(5);
      const longitude = (-1 + Math.floor(i / 100) * 0.05).toFixed(5);
      return `${i + 1},${pivot},Lieu numérique ${i + 1},Commune ${i % 300},44260,${i + 1} rue des Essais,${latitude},${longitude},2025-01-15,Aide aux démarches administratives,${source}`;
    }),
  ].join('\n');

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('a large import', () => {
  it('imports 10,000 rows, then the same again unchanged, in a few seconds each', { timeout: 300_000 }, async () => {
    const csv = crafted(10_000, 'Essais');
    let started = performance.now();
    const first = await importPlaces(app.orm.em.fork(), null, csv, { format: 'csv', source: 'Essais' } as never);
    const firstMs = performance.now() - started;
    expect(first).toMatchObject({ total: 10_000, created: 10_000, rejected: 0 });
    started = performance.now();
    const again = await importPlaces(app.orm.em.fork(), null, csv, { format: 'csv', source: 'Essais' } as never);
    const againMs = performance.now() - started;
    expect(again).toMatchObject({ total: 10_000, created: 0, unchanged: 10_000 });
    console.log(`10,000 rows: first import ${Math.round(firstMs)} ms, again ${Math.round(againMs)} ms`);
  });
});
