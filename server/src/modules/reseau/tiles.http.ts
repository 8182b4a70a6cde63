/**
 * The map's tiles through this site (`GET /tuiles/<z>/<x>/<y>.png`): the directory's map (web PlacesMap.svelte)
 * asks its own origin, and this route fetches the tile from the tile server (`TILE_URL_TEMPLATE`, formerly
 * `PUBLIC_MAP_TILES_URL`; OpenStreetMap's by default). The browser never talks to a third party (no visitor's
 * address sent to it, nothing to allow in the Content-Security-Policy), and when the tile server cannot be
 * reached the answer is `204 No Content`: MapLibre draws an empty tile, the page says in French that the
 * background cannot be loaded, and the browser's console stays clean (Chromium logs every failed resource).
 *
 * Tiles fetched are kept in memory (the last MAX_KEPT, least recently used out) and cached by browsers a day.
 * After a failure the tile server is left alone for RETRY_AFTER_MS: a map of 20 tiles does not wait 20 timeouts.
 */
import type { Express, Request, Response } from 'express';
import { logger } from '../../logger.js';
import type { HttpRouteDeps } from '../commun/section.js';

export const DEFAULT_TILE_URL_TEMPLATE = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const MAX_ZOOM = 22;
const TIMEOUT_MS = 4000;
const RETRY_AFTER_MS = 15_000;
const MAX_KEPT = 400;
const MAX_TILE_BYTES = 1024 * 1024;
const BROWSER_CACHE = 'public, max-age=86400';

interface Tile {
  body: Buffer;
  type: string;
}

/** The tile server's address template, `{z}`, `{x}`, `{y}` replaced (http or https only), or null when it is not one. */
export function tileUrlTemplate(env: NodeJS.ProcessEnv = process.env): string | null {
  const template = env.TILE_URL_TEMPLATE || env.PUBLIC_MAP_TILES_URL || DEFAULT_TILE_URL_TEMPLATE;
  try {
    const url = new URL(template.replace(/\{[a-z]+\}/gi, '0'));
    return url.protocol === 'https:' || url.protocol === 'http:' ? template : null;
  } catch {
    return null;
  }
}

/** z, x and y of a tile's address when they name a tile of the world at that zoom, else null. */
export function parseTile(z: string, x: string, file: string): { z: number; x: number; y: number } | null {
  const y = /^(\d{1,8})\.png$/.exec(file)?.[1];
  if (!/^\d{1,2}$/.test(z) || !/^\d{1,8}$/.test(x) || y === undefined) return null;
  const tile = { z: Number(z), x: Number(x), y: Number(y) };
  const size = 2 ** tile.z;
  return tile.z <= MAX_ZOOM && tile.x < size && tile.y < size ? tile : null;
}

export function createTileProxy(template: string | null, userAgent: string) {
  const kept = new Map<string, Tile>();
  const underWay = new Map<string, Promise<Tile | null>>();
  let restingUntil = 0;

  async function fetchTile(z: number, x: number, y: number): Promise<Tile | null> {
    if (!template || Date.now() < restingUntil) return null;
    const url = template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
    try {
      const response = await fetch(url, { headers: { 'user-agent': userAgent }, signal: AbortSignal.timeout(TIMEOUT_MS) });
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok || !type.startsWith('image/')) throw new Error(`tile server answered ${response.status} ${type}`);
      const body = Buffer.from(await response.arrayBuffer());
      if (body.length === 0 || body.length > MAX_TILE_BYTES) throw new Error(`tile of ${body.length} bytes`);
      return { body, type };
    } catch (error) {
      restingUntil = Date.now() + RETRY_AFTER_MS;
      logger.warn({ err: error, url }, 'map tiles: the tile server cannot be reached');
      return null;
    }
  }

  /** The tile (kept, or fetched once however many ask at the same time), or null when the tile server failed. */
  async function tile(z: number, x: number, y: number): Promise<Tile | null> {
    const key = `${z}/${x}/${y}`;
    const found = kept.get(key);
    if (found) {
      kept.delete(key);
      kept.set(key, found);
      return found;
    }
    let pending = underWay.get(key);
    if (!pending) {
      pending = fetchTile(z, x, y).finally(() => underWay.delete(key));
      underWay.set(key, pending);
    }
    const fetched = await pending;
    if (fetched && !kept.has(key)) {
      kept.set(key, fetched);
      if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
    }
    return fetched;
  }

  return async (req: Request<{ z: string; x: string; file: string }>, res: Response) => {
    const wanted = parseTile(req.params.z, req.params.x, req.params.file);
    if (!wanted) {
      res.status(400).type('text/plain; charset=utf-8').send('Cette tuile n’existe pas : /tuiles/<zoom>/<x>/<y>.png.');
      return;
    }
    const found = await tile(wanted.z, wanted.x, wanted.y);
    if (!found) {
      // An empty tile, asked again on the next visit.
      res.status(204).set('Cache-Control', 'no-store').end();
      return;
    }
    res.status(200).set({ 'Content-Type': found.type, 'Cache-Control': BROWSER_CACHE }).send(found.body);
  };
}

export function mountTiles(app: Express, { config }: HttpRouteDeps): void {
  const userAgent = config.publicUrl ? `Maillage (+${config.publicUrl})` : 'Maillage';
  app.get('/tuiles/:z/:x/:file', createTileProxy(tileUrlTemplate(), userAgent));
}
