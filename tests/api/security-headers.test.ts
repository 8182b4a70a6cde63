import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { readConfig, type AppConfig } from '../../server/src/config.js';
import { startTestApp, type TestApp } from '../helpers/api.js';
import { createTestDatabase } from '../helpers/database.js';

/** The headers every response carries, whatever it is (JSON, CSV, a page). */
function expectProtected(headers: Headers) {
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ production: true });
});
afterAll(async () => {
  await app?.close();
});

describe('security headers of the API', () => {
  it('protects GraphQL answers: no framing, no sniffing, nothing may load from them, no HSTS over plain HTTP', async () => {
    const response = await app.client().request('{ me { id } }');
    expectProtected(response.headers);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('protects health checks and CSV, and lets any site read the open data', async () => {
    const health = await fetch(`${app.url}/healthz`);
    expectProtected(health.headers);
    const places = await fetch(`${app.url}/api/lieux.csv`);
    expect(places.status).toBe(200);
    expectProtected(places.headers);
    expect(places.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(places.headers.get('access-control-allow-origin')).toBe('*');
    expect(places.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await fetch(`${app.url}/healthz`)).headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('answers a body too large for GraphQL with a readable refusal, not an error page', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }', variables: { padding: 'x'.repeat(6 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
    const body = await response.json();
    expect(body.errors[0]).toMatchObject({
      message: 'La requête est trop volumineuse (5 Mo au plus).',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('HSTS and pages', () => {
  let server: Server | undefined;
  let drop: (() => Promise<void>) | undefined;
  let stop: (() => Promise<void>) | undefined;
  let url = '';
  const pagePolicy = "default-src 'self'; script-src 'self' 'nonce-abc'; frame-ancestors 'none'";

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    const config: AppConfig = { ...readConfig({ ...process.env, NODE_ENV: 'production' }), publicUrl: 'https://maillage.exemple.fr' };
    // A stand-in for SvelteKit's handler: like adapter-node, it sets the page's own policy with setHeader.
    const created = await createApp({
      orm: database.orm,
      config,
      webHandler: (_req, res) => {
        res.setHeader('content-security-policy', pagePolicy);
        res.type('html').send('<!doctype html><title>Maillage</title>');
      },
    });
    stop = created.stop;
    server = await new Promise<Server>((resolve) => {
      const listening = created.app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
    await stop?.();
    await drop?.();
  });

  it('tells browsers to keep to HTTPS when the public address is https', async () => {
    const response = await fetch(`${url}/healthz`);
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it("leaves a page with the page's own policy only, and the other protections", async () => {
    const response = await fetch(`${url}/mes-donnees`);
    expect(response.status).toBe(200);
    expectProtected(response.headers);
    // One policy: the page's (fetch joins repeated headers with a comma).
    expect(response.headers.get('content-security-policy')).toBe(pagePolicy);
  });
});
