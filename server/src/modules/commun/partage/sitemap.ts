/**
 * /sitemap.xml, a sitemap index, and its parts /sitemaps/<part>-<n>.xml (sitemaps.org protocol 0.9).
 *
 * Each section declares its parts (`SitemapProvider`). Keys are random uuids (v4), so a part is a fixed
 * range of the key space: a provider's table is cut into a power of two of equal ranges, enough for the
 * planner's estimate of its rows (`pg_class.reltuples`) to average PART_TARGET per range. Building the
 * index therefore reads one catalog row per provider, whatever the table's size, and a part never
 * holds more than PART_SIZE addresses unless the keys stop being random (then it logs, stops at
 * PART_SIZE and the next index doubles that provider's parts). A part is streamed to the response from
 * keyset pages of PAGE rows, so its memory stays the same whatever the table's size.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Response } from 'express';
import { query, queryOne, sql } from '../../../db/sql.js';
import { logger } from '../../../logger.js';
import type { KeyRange, SitemapProvider } from './partage-provider.js';

/** The protocol's limit per file. */
export const PART_SIZE = 50_000;
/** What a part holds on average: half the limit, so a random range never comes near it (σ ≈ 160). */
const PART_TARGET = 25_000;
/** At most 2^16 parts: 1.6 billion rows, beyond any directory. */
const MAX_PARTS = 65_536;
const PAGE = 1_000;
/** Parts asked for by a part that overflowed (keys not random), per provider, for this process. */
const minimumParts = new Map<string, number>();

/** The pages that are no item: the home page and each section's. */
export const SECTION_PAGES = ['/', '/reseau', '/agenda', '/entraide', '/projets', '/banque-de-temps', '/charte'];

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** How many parts a provider's table needs: a power of two, from the planner's estimate of its rows. */
export async function partCount(em: EntityManager, provider: SitemapProvider): Promise<number> {
  const row = await queryOne<{ estimate: number }>(
    em,
    sql`select coalesce((select reltuples from pg_class where oid = to_regclass(${provider.table})), -1)::float8 as estimate`,
  );
  let estimate = row?.estimate ?? -1;
  if (estimate < 0) {
    // Never analyzed yet (a new table): count, but no further than the first parts need.
    const counted = await queryOne<{ n: number }>(
      em,
      sql`select count(*)::int as n from (${provider.rows({ from: null, after: null, until: null }, PART_TARGET * 8)}) listed`,
    );
    estimate = counted?.n ?? 0;
  }
  let parts = 1;
  while (parts < MAX_PARTS && estimate / parts > PART_TARGET) parts *= 2;
  return Math.max(parts, minimumParts.get(provider.part) ?? 1);
}

/** The range of keys of part `n` (from 1) of `parts`: cut on the uuid's first 32 bits. */
export function partRange(n: number, parts: number): KeyRange {
  const boundary = (i: number) =>
    `${Math.floor((i * 2 ** 32) / parts)
      .toString(16)
      .padStart(8, '0')}-0000-0000-0000-000000000000`;
  return { from: n === 1 ? null : boundary(n - 1), after: null, until: n === parts ? null : boundary(n) };
}

/** The index: one `<sitemap>` per part of each provider, then the section pages' part. */
export async function sitemapIndex(em: EntityManager, providers: SitemapProvider[], origin: string): Promise<string> {
  const entries = [`${origin}/sitemaps/pages-1.xml`];
  for (const provider of providers) {
    const parts = await partCount(em, provider);
    for (let n = 1; n <= parts; n++) entries.push(`${origin}/sitemaps/${provider.part}-${n}.xml`);
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    entries.map((loc) => `  <sitemap><loc>${escapeXml(loc)}</loc></sitemap>\n`).join('') +
    '</sitemapindex>\n'
  );
}

const URLSET_OPEN = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
const URLSET_CLOSE = '</urlset>\n';

function urlEntry(origin: string, path: string, lastmod?: Date | string | null): string {
  const date = lastmod ? `<lastmod>${new Date(lastmod).toISOString()}</lastmod>` : '';
  return `  <url><loc>${escapeXml(origin + path)}</loc>${date}</url>\n`;
}

/**
 * Writes chunks, waiting for the response to drain when its buffer is full. One listener for the whole
 * part: the compression middleware passes `drain` listeners to its stream and never takes them back.
 */
function writer(res: Response): (chunk: string) => Promise<void> {
  let resume: (() => void) | null = null;
  const wake = () => {
    const waiting = resume;
    resume = null;
    waiting?.();
  };
  res.on('drain', wake);
  res.on('close', wake);
  return async (chunk) => {
    if (!res.write(chunk) && !res.destroyed) await new Promise<void>((resolve) => (resume = resolve));
  };
}

export function sectionPagesPart(origin: string): string {
  return URLSET_OPEN + SECTION_PAGES.map((path) => urlEntry(origin, path)).join('') + URLSET_CLOSE;
}

/**
 * Streams part `n` (from 1) of a provider: every public row of its key range (possibly none).
 * Returns false, writing nothing, when there is no such part.
 */
export async function streamPart(em: EntityManager, provider: SitemapProvider, n: number, origin: string, res: Response): Promise<boolean> {
  const parts = await partCount(em, provider);
  if (!Number.isInteger(n) || n < 1 || n > parts) return false;
  const range = partRange(n, parts);
  res.status(200).set({ 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' });
  const write = writer(res);
  await write(URLSET_OPEN);
  let written = 0;
  for (;;) {
    const rows = await query<{ key: string; path: string; lastmod: Date | null }>(em, provider.rows(range, PAGE));
    const room = rows.slice(0, PART_SIZE - written);
    if (room.length) await write(room.map((row) => urlEntry(origin, row.path, row.lastmod)).join(''));
    written += room.length;
    if (rows.length < PAGE || res.destroyed) break;
    range.after = rows[rows.length - 1].key;
    if (written >= PART_SIZE) {
      if (!(await query(em, provider.rows(range, 1))).length) break;
      // Only keys that are not random can fill a range this much: cut finer next time.
      logger.error({ part: provider.part, n, parts }, 'sitemap part overflowed: its parts are doubled for this process');
      minimumParts.set(provider.part, Math.min(MAX_PARTS, parts * 2));
      break;
    }
  }
  res.end(URLSET_CLOSE);
  return true;
}

/** Forgets what overflowing parts taught (the tests). */
export function forgetPartEnds(): void {
  minimumParts.clear();
}
