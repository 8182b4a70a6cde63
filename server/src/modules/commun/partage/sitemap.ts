/**
 * /sitemap.xml, a sitemap index, and its parts /sitemaps/<part>-<n>.xml (sitemaps.org protocol 0.9).
 *
 * Each section declares its parts (`SitemapProvider`). A part holds at most PART_SIZE addresses; parts
 * are cut at keys found by walking the provider's index in key order (`keyAt(after, PART_SIZE - 1)`, one
 * bounded statement per part, read from the index alone). A part is streamed to the response from keyset
 * pages of PAGE rows, so its memory stays the same whatever the table's size.
 */
import { once } from 'node:events';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Response } from 'express';
import { query, queryOne } from '../../../db/sql.js';
import type { SitemapProvider } from './partage-provider.js';

/** The protocol's limit per file. */
export const PART_SIZE = 50_000;
const PAGE = 1_000;
/** Where a part ends is kept this long per process, so fetching part n does not walk the n − 1 before it again. */
const ENDS_TTL_MS = 10 * 60_000;

/** The pages that are no item: the home page and each section's. */
export const SECTION_PAGES = ['/', '/reseau', '/agenda', '/entraide', '/projets', '/banque-de-temps', '/charte'];

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

interface PartEnds {
  at: number;
  /** The last key of each full part, in order. */
  ends: string[];
  /** How many parts there are (the last one may not be full). */
  parts: number;
  /** True when the walk went to the end of the index. */
  complete: boolean;
}
const endsCache = new Map<string, PartEnds>();

/** Walks the index until `wanted` parts are known (all of them when undefined). */
async function partEnds(em: EntityManager, provider: SitemapProvider, wanted?: number): Promise<PartEnds> {
  const cached = endsCache.get(provider.part);
  const fresh = cached && Date.now() - cached.at < ENDS_TTL_MS;
  if (fresh && wanted !== undefined && (cached.complete || cached.ends.length >= wanted)) return cached;
  const ends: string[] = [];
  let after: string | null = null;
  for (;;) {
    if (wanted !== undefined && ends.length >= wanted) {
      // Enough for the part asked for; whether more follow is not needed.
      return { at: Date.now(), ends, parts: ends.length, complete: false };
    }
    const end: { key: string } | undefined = await queryOne<{ key: string }>(em, provider.keyAt(after, PART_SIZE - 1));
    if (!end) break;
    ends.push(end.key);
    after = end.key;
  }
  const rest = await queryOne<{ key: string }>(em, provider.keyAt(after, 0));
  const result = { at: Date.now(), ends, parts: ends.length + (rest ? 1 : 0), complete: true };
  endsCache.set(provider.part, result);
  return result;
}

/** The index: one `<sitemap>` per part of each provider, then the section pages' part. */
export async function sitemapIndex(em: EntityManager, providers: SitemapProvider[], origin: string): Promise<string> {
  const entries = [`${origin}/sitemaps/pages-1.xml`];
  for (const provider of providers) {
    const { parts } = await partEnds(em, provider);
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

async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await once(res, 'drain');
}

export function sectionPagesPart(origin: string): string {
  return URLSET_OPEN + SECTION_PAGES.map((path) => urlEntry(origin, path)).join('') + URLSET_CLOSE;
}

/**
 * Streams part `n` (from 1) of a provider. Returns false, writing nothing, when there is no such part.
 */
export async function streamPart(em: EntityManager, provider: SitemapProvider, n: number, origin: string, res: Response): Promise<boolean> {
  const known = await partEnds(em, provider, n);
  let after = n === 1 ? null : (known.ends[n - 2] ?? null);
  if (n > 1 && !after) return false;
  const end = known.ends[n - 1] ?? null; // null: the last part, to the end of the index
  const first = await queryOne<{ key: string }>(em, provider.keyAt(after, 0));
  if (!first) return false;
  res.status(200).set({ 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' });
  await write(res, URLSET_OPEN);
  for (let written = 0; written < PART_SIZE;) {
    const rows = await query<{ key: string; path: string; lastmod: Date | null }>(
      em,
      provider.rows(after, Math.min(PAGE, PART_SIZE - written)),
    );
    let chunk = '';
    let reachedEnd = false;
    for (const row of rows) {
      chunk += urlEntry(origin, row.path, row.lastmod);
      written++;
      if (row.key === end) {
        reachedEnd = true;
        break;
      }
    }
    if (chunk) await write(res, chunk);
    if (reachedEnd || rows.length < PAGE) break;
    after = rows[rows.length - 1].key;
  }
  res.end(URLSET_CLOSE);
  return true;
}

/** Forgets where parts end (the tests, after changing the data). */
export function forgetPartEnds(): void {
  endsCache.clear();
}
