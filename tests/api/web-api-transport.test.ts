/**
 * The pages' GraphQL requests go over Node's own http (web/src/lib/server/api-transport.ts), not `fetch`: what
 * the page's loader gets back must be what `fetch` would have given it — the status, every Set-Cookie (a sign-in
 * relays the session), the body decoded when an API on another host compressed it, no body for a 204, and a
 * request given up when the page is.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlFetch } from '../../web/src/lib/server/api-transport.js';

const ANSWER = JSON.stringify({ data: { me: { displayName: 'Léa Martin' } } });
let server: http.Server;
let base: string;
const seen: Array<{ url?: string; headers: http.IncomingHttpHeaders; body: string }> = [];
const served = new WeakSet<object>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (req.url === '/vide') return void res.writeHead(204).end();
      // Closes a connection that already served a request, without answering: as the API does to a kept-open
      // connection at its keep-alive timeout, just as a request goes out on it.
      if (req.url === '/ferme' && served.has(req.socket)) return void req.socket.destroy();
      served.add(req.socket);
      if (req.url === '/lent') return void setTimeout(() => res.end(ANSWER), 5_000);
      const headers: http.OutgoingHttpHeaders = {
        'content-type': 'application/graphql-response+json; charset=utf-8',
        'set-cookie': ['maillage_session=abc; Path=/; HttpOnly', 'lang=en; Path=/'],
      };
      const accepts = String(req.headers['accept-encoding'] ?? '');
      if (req.url === '/compresse' && accepts.includes('br'))
        return void res.writeHead(200, { ...headers, 'content-encoding': 'br' }).end(brotliCompressSync(ANSWER));
      if (req.url === '/compresse' && accepts.includes('gzip'))
        return void res.writeHead(200, { ...headers, 'content-encoding': 'gzip' }).end(gzipSync(ANSWER));
      res.writeHead(req.url === '/refus' ? 503 : 200, headers).end(ANSWER);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (path: string, init: RequestInit = {}) =>
  graphqlFetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-encoding': 'identity', cookie: 'lang=fr' },
    body: '{"query":"{ me { displayName } }"}',
    ...init,
  });

describe('the pages’ GraphQL transport', () => {
  it('sends the request as given and hands back the status, the headers and every Set-Cookie', async () => {
    const response = await post('/graphql');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(response.headers.getSetCookie()).toEqual(['maillage_session=abc; Path=/; HttpOnly', 'lang=en; Path=/']);
    expect(await response.json()).toEqual({ data: { me: { displayName: 'Léa Martin' } } });
    const request = seen.at(-1)!;
    expect(request.body).toBe('{"query":"{ me { displayName } }"}');
    expect(request.headers).toMatchObject({ cookie: 'lang=fr', 'content-type': 'application/json', 'content-length': '34' });
  });

  it('reads an answer compressed by an API on another host, brotli or gzip, as fetch would', async () => {
    const asked = (accept: string) => post('/compresse', { headers: { 'content-type': 'application/json', 'accept-encoding': accept } });
    for (const accept of ['br, gzip', 'gzip']) {
      const response = await asked(accept);
      expect(await response.text()).toBe(ANSWER);
      expect(response.headers.get('content-encoding')).toBeNull();
    }
    // Without a choice made by the caller, it accepts what fetch accepts.
    await graphqlFetch(`${base}/compresse`, { method: 'POST', body: '{}' });
    expect(seen.at(-1)!.headers['accept-encoding']).toBe('br, gzip, deflate');
  });

  it('keeps an error status and gives no body to a 204', async () => {
    expect((await post('/refus')).status).toBe(503);
    const empty = await post('/vide');
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it('sends a request again, once, on a new connection when the API closed the kept-open one under it', async () => {
    await post('/graphql');
    const before = seen.filter((request) => request.url === '/ferme').length;
    const response = await post('/ferme');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { me: { displayName: 'Léa Martin' } } });
    // The first went out on the kept-open connection and was cut; the second on a connection of its own.
    expect(seen.filter((request) => request.url === '/ferme').length - before).toBe(2);
  });

  it('gives the request up when the page is given up', async () => {
    const controller = new AbortController();
    const answer = post('/lent', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(answer).rejects.toThrow(/abort/i);
  });

  it('leaves a body that is not text (a file sent) to fetch', async () => {
    const form = new FormData();
    form.set('fichier', new Blob(['bonjour']), 'note.txt');
    const response = await graphqlFetch(`${base}/graphql`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    expect(seen.at(-1)!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen.at(-1)!.body).toContain('bonjour');
  });
});
