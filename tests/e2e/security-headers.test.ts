import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { openSession } from '../../server/src/modules/comptes/comptes.service.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

/** A 1×1 PNG: what the stand-in tile server answers for every tile. */
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** A small HTTP server on a loopback port: `handler` answers every request. */
async function serve(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let server: E2EServer;
let browser: Browser;
let tiles: Awaited<ReturnType<typeof serve>>;
let tileRequests = 0;
let placeSlug = '';

beforeAll(async () => {
  tiles = await serve((_req, res) => {
    tileRequests += 1;
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
    res.end(TILE);
  });
  [server, browser] = await Promise.all([startProductServer({ TILE_URL_TEMPLATE: `${tiles.url}/{z}/{x}/{y}.png` }), launchBrowser()]);
  const em = server.orm.em.fork();
  const owner = em.create(User, { email: 'camille@entetes.exemple.fr', displayName: 'Camille Le Goff', passwordHash: null });
  await em.flush();
  const place = await createOrganization(em.fork(), owner, {
    name: 'Médiathèque de Savenay',
    commune: 'Savenay',
    codePostal: '44260',
    adresse: '3 place Guépin',
    latitude: 47.3611,
    longitude: -1.9415,
    presentationResume: 'Aide aux démarches en ligne, sans rendez-vous.',
  });
  placeSlug = place.slug;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await tiles?.close();
});

/** Every Content-Security-Policy complaint of the page: console messages and violation events. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation: (text: string) => void }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

describe('security headers in the browser', () => {
  it('keeps a signed-in member’s pages out of shared caches, and never calls a visitor’s page public', async () => {
    const em = server.orm.em.fork();
    const member = em.create(User, { email: 'dominique@entetes.exemple.fr', displayName: 'Dominique Martin', passwordHash: null });
    await em.flush();
    const cookie = `${SESSION_COOKIE}=${(await openSession(em, member, { ip: '127.0.0.1' })).token}`;
    // A page's data for the browser's navigation is never kept (SvelteKit's own header); its page is, offline only.
    const data = await fetch(`${server.url}/__data.json`, { headers: { cookie } });
    expect(data.headers.get('cache-control')).toBe('private, no-store');
    for (const path of ['/', '/reseau', '/entraide']) {
      const signedIn = await fetch(`${server.url}${path}`, { headers: { cookie } });
      expect(signedIn.status, path).toBe(200);
      expect(signedIn.headers.get('cache-control'), path).toBe('private, no-cache');
      const visitor = await fetch(`${server.url}${path}`);
      expect(visitor.status, path).toBe(200);
      expect(visitor.headers.get('cache-control') ?? '', path).not.toMatch(/public|max-age=[1-9]/);
    }
  });

  it('sends each page one policy with a nonce and no framing, and the other protections', async () => {
    const response = await fetch(`${server.url}/connexion`);
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    // The map's tiles come through the site (/tuiles/…): no tile server is named.
    expect(policy).toMatch(/connect-src 'self'(;|$)/);
    expect(policy).not.toContain(tiles.url);
    expect(policy).not.toContain("default-src 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    // The nonce of the header is the one of the page's own script.
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(await response.text()).toContain(`nonce="${nonce}"`);
  });

  it("does not show a page inside another site's frame", async () => {
    // A page on another origin that frames the deletion page, and, to compare, a page of a site without these headers.
    const unprotected = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Autre</title><h1>Contenu encadrable</h1>');
    });
    const attacker = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><title>Piège</title><iframe id="victim" src="${server.url}/mes-donnees"></iframe><iframe id="control" src="${unprotected.url}/"></iframe>`,
      );
    });
    const { context, page } = await newPage(browser);
    try {
      await page.goto(attacker.url.replace('127.0.0.1', 'localhost'));
      await page.waitForLoadState('networkidle');
      const control = page.frames().find((frame) => frame.url().startsWith(unprotected.url));
      expect(await control?.locator('h1').textContent()).toBe('Contenu encadrable');
      const victim = page.frames().find((frame) => frame !== page.mainFrame() && frame !== control);
      expect(victim).toBeDefined();
      // Chromium refuses to render it: an error page in its place, none of Maillage's words.
      expect(victim!.url()).not.toContain('/mes-donnees');
      expect(
        await victim!
          .locator('body')
          .textContent()
          .catch(() => ''),
      ).not.toMatch(/Maillage|Mes données|Connexion/);
    } finally {
      await context.close();
      await attacker.close();
      await unprotected.close();
    }
  });

  it('draws the map of /reseau, tiles included, with no policy violation on the pages visited', async () => {
    const { context, page } = await newPage(browser);
    const violations = await watchViolations(page);
    try {
      // The list comes first; the map (and MapLibre) only when asked for.
      await visit(page, server.url, '/reseau?vue=carte');
      await page.locator('.maplibregl-canvas').waitFor({ state: 'visible', timeout: 20_000 });
      await expect.poll(() => tileRequests, { timeout: 20_000 }).toBeGreaterThan(0);
      expect(await page.getByText('La carte n’a pas pu s’afficher').count()).toBe(0);
      await page.getByRole('link', { name: 'Médiathèque de Savenay' }).first().waitFor();

      // A place's page carries JSON-LD (data, not a script that runs), then other sections.
      for (const path of [`/reseau/lieux/${placeSlug}`, '/', '/agenda', '/entraide', '/connexion', '/inscription']) {
        await visit(page, server.url, path);
      }
      expect(violations).toEqual([]);
      // The watch itself works: an image from a site the policy does not name is refused and reported.
      await page.evaluate(() => {
        const image = new Image();
        image.src = 'http://pirate.invalid/pixel.png';
        document.body.append(image);
      });
      await expect.poll(() => violations.some((violation) => violation.includes('img-src')), { timeout: 5000 }).toBe(true);
    } finally {
      await context.close();
    }
  });
});
