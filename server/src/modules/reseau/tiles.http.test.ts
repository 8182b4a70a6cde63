import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTileProxy, parseTile, tileUrlTemplate } from './tiles.http.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

async function listen(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let upstream: Awaited<ReturnType<typeof listen>>;
const asked: string[] = [];
let userAgent = '';

beforeAll(async () => {
  upstream = await listen((req, res) => {
    asked.push(req.url ?? '');
    userAgent = String(req.headers['user-agent']);
    if (req.url === '/5/1/1.png') {
      res.writeHead(500).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
  });
});
afterAll(() => upstream?.close());

async function proxy(template: string | null) {
  const app = express();
  app.get('/tuiles/:z/:x/:file', createTileProxy(template, 'Maillage (+https://maillage.exemple.fr)'));
  return listen(app);
}

describe('map tiles through the site', () => {
  it('reads z/x/y, refusing what is not a tile of the world', () => {
    expect(parseTile('3', '7', '0.png')).toEqual({ z: 3, x: 7, y: 0 });
    expect(parseTile('3', '8', '0.png')).toBeNull();
    expect(parseTile('23', '0', '0.png')).toBeNull();
    expect(parseTile('1', '0', '0.jpg')).toBeNull();
    expect(parseTile('-1', '0', '0.png')).toBeNull();
    expect(parseTile('1', '../x', '0.png')).toBeNull();
  });

  it('takes the tile server from TILE_URL_TEMPLATE, then the former PUBLIC_MAP_TILES_URL, else OpenStreetMap', () => {
    expect(tileUrlTemplate({ TILE_URL_TEMPLATE: 'https://tuiles.exemple.fr/{z}/{x}/{y}.png' })).toBe(
      'https://tuiles.exemple.fr/{z}/{x}/{y}.png',
    );
    expect(tileUrlTemplate({ PUBLIC_MAP_TILES_URL: 'https://a.exemple.fr/{z}/{x}/{y}.png' })).toBe('https://a.exemple.fr/{z}/{x}/{y}.png');
    expect(tileUrlTemplate({})).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(tileUrlTemplate({ TILE_URL_TEMPLATE: 'file:///etc/{z}' })).toBeNull();
  });

  it('serves the tile with cache headers, keeps it in memory, answers 400 for a wrong address and 204 when the server fails', async () => {
    const site = await proxy(`${upstream.url}/{z}/{x}/{y}.png`);
    try {
      const first = await fetch(`${site.url}/tuiles/2/1/3.png`);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toBe('image/png');
      expect(first.headers.get('cache-control')).toBe('public, max-age=86400');
      expect(Buffer.from(await first.arrayBuffer())).toEqual(PNG);
      expect(userAgent).toBe('Maillage (+https://maillage.exemple.fr)');
      // Kept: the tile server is not asked again.
      const again = await fetch(`${site.url}/tuiles/2/1/3.png`);
      expect(again.status).toBe(200);
      expect(asked.filter((url) => url === '/2/1/3.png')).toHaveLength(1);

      const wrong = await fetch(`${site.url}/tuiles/2/9/3.png`);
      expect(wrong.status).toBe(400);
      expect(await wrong.text()).toContain('Cette tuile n’existe pas');

      const failed = await fetch(`${site.url}/tuiles/5/1/1.png`);
      expect(failed.status).toBe(204);
      expect(failed.headers.get('cache-control')).toBe('no-store');
      expect(await failed.text()).toBe('');
    } finally {
      await site.close();
    }
  });

  it('answers 204 at once when the tile server is unreachable, and leaves it alone for a while', async () => {
    const closed = await listen(() => undefined);
    const address = closed.url;
    await closed.close();
    const site = await proxy(`${address}/{z}/{x}/{y}.png`);
    try {
      const started = Date.now();
      const answers = await Promise.all([0, 1, 2, 3].map((x) => fetch(`${site.url}/tuiles/2/${x}/0.png`).then((r) => r.status)));
      expect(answers).toEqual([204, 204, 204, 204]);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await site.close();
    }
  });
});
