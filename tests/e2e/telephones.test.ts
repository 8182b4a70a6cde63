import http from 'node:http';
import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { openSession } from '../../server/src/modules/comptes/comptes.service.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

/**
 * Phones first (issue #15 point 5, issue #21 point 5): pages light on the wire (compressed answers, at most
 * 100 KB of gzipped JavaScript per page until the map opens), MapLibre only when the map is asked for, and a
 * clean console when the tiles cannot be reached.
 */
/**
 * The budget: 100 KB of gzipped JavaScript per page until the map opens (#15, point 5). Each page's script
 * carries the French messages its modules name (web/messages-by-page.ts), already parsed (no ICU parser in the
 * browser), and the place page gets its phone number written by the server (no libphonenumber).
 */
const BUDGET_BYTES = 100 * 1024;
const METRICS_TOKEN = 'jeton-des-metriques-des-pages';
let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  // The demo network (events, places, questions); no internet here: tiles on a closed local port.
  [server, browser] = await Promise.all([
    startProductServer({ SEED_DEMO: '1', TILE_URL_TEMPLATE: 'http://127.0.0.1:9/{z}/{x}/{y}.png', METRICS_TOKEN }),
    launchBrowser(),
  ]);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The raw bytes of an answer as they travel (no decompression) and its Content-Encoding. */
function onTheWire(url: string, headers: Record<string, string>, body?: string): Promise<{ bytes: number; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: body ? 'POST' : 'GET', headers }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ bytes, encoding: response.headers['content-encoding'] }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function firstLink(listPath: string, pattern: RegExp): Promise<string> {
  const html = await (await fetch(server.url + listPath)).text();
  const found = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]).find((href) => pattern.test(href));
  expect(found, `a link matching ${pattern} on ${listPath}`).toBeTruthy();
  return found!;
}

/** How many GraphQL operations of each name the server has answered so far (its /metrics). */
async function operationsAnswered(): Promise<Map<string, number>> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const counts = new Map<string, number>();
  for (const [, operation, value] of text.matchAll(/^maillage_graphql_requests_total\{operation="([^"]+)",code="[^"]+"\} (\d+)$/gm))
    counts.set(operation, (counts.get(operation) ?? 0) + Number(value));
  return counts;
}

/** The GraphQL operations the web app asked the API while answering `path`. */
async function operationsOf(path: string, headers: Record<string, string> = {}): Promise<Record<string, number>> {
  const before = await operationsAnswered();
  expect((await fetch(server.url + path, { headers })).status, path).toBe(200);
  const asked: Record<string, number> = {};
  for (const [operation, count] of await operationsAnswered()) {
    const more = count - (before.get(operation) ?? 0);
    if (more > 0) asked[operation] = more;
  }
  return asked;
}

describe('pages light on a phone', () => {
  it('asks the API only once for a visitor’s page, and once more for a member: who they are and their badges together; a member’s next page only its data', async () => {
    const visitor = await operationsOf('/agenda');
    expect(Object.keys(visitor)).toHaveLength(1);
    expect(Object.values(visitor)).toEqual([1]);

    const em = server.orm.em.fork();
    const member = em.create(User, { email: 'lea@telephones.exemple.fr', displayName: 'Léa Morin', passwordHash: null });
    await em.flush();
    const cookie = `${SESSION_COOKIE}=${(await openSession(em, member, { ip: '127.0.0.1' })).token}`;
    const page = await operationsOf('/agenda', { cookie });
    expect(page).toMatchObject({ ...visitor, SignedInWithUnread: 1 });
    expect(Object.keys(page)).toHaveLength(2);
    // The page's data reloaded after a change (what "Tout marquer comme lu" does): the badges are asked afresh.
    const reloaded = await operationsOf('/agenda/__data.json?x-sveltekit-invalidated=11', { cookie });
    expect(reloaded).toMatchObject({ SignedIn: 1, LayoutUnread: 1 });
    // The member goes on to another page in the browser (the layout's data is kept): only the page's own data is
    // asked, as for a visitor; who they are is asked only by a page that depends on it.
    expect(await operationsOf('/agenda/__data.json?x-sveltekit-invalidated=01', { cookie })).toEqual(visitor);
  });

  it('sends pages, API answers and the app’s files compressed', async () => {
    const page = await onTheWire(`${server.url}/reseau`, { 'accept-encoding': 'br, gzip' });
    expect(page.encoding).toBe('br');
    const plain = await onTheWire(`${server.url}/reseau`, {});
    expect(plain.encoding).toBeUndefined();
    expect(page.bytes).toBeLessThan(plain.bytes / 3);

    const api = await onTheWire(
      `${server.url}/graphql`,
      { 'accept-encoding': 'gzip', 'content-type': 'application/json' },
      JSON.stringify({ query: '{ events(first: 50) { edges { node { id title startsAt } } } }' }),
    );
    expect(api.encoding).toBe('gzip');

    // A built script comes from its precompressed copy.
    const html = await (await fetch(`${server.url}/`)).text();
    const script = /(\/_app\/immutable\/[^"]+\.js)/.exec(html)?.[1];
    expect(script).toBeTruthy();
    expect((await onTheWire(server.url + script!, { 'accept-encoding': 'br' })).encoding).toBe('br');
    expect((await onTheWire(server.url + script!, { 'accept-encoding': 'gzip' })).encoding).toBe('gzip');
  });

  it('loads at most 100 KB of gzipped JavaScript on home, the directory, an event, a place and a question', async () => {
    const paths = [
      '/',
      '/reseau',
      await firstLink('/agenda', /^\/agenda\/evenements\/[^/?#]+$/),
      await firstLink('/reseau', /^\/reseau\/lieux\/[^/?#]+$/),
      await firstLink('/entraide', /^\/entraide\/questions\/(?!nouvelle)[^/?#]+$/),
    ];
    const weights: Record<string, number> = {};
    for (const path of paths) {
      // A browser of its own for each page: each is weighed as a first visit, nothing from the cache.
      const { context, page } = await newPage(browser, { width: 360 });
      const scripts = new Set<string>();
      const listen = (response: import('playwright-core').Response) => {
        if (response.request().resourceType() === 'script') scripts.add(response.url());
      };
      page.on('response', listen);
      await visit(page, server.url, path);
      page.off('response', listen);
      let gzipped = 0;
      for (const url of scripts) gzipped += (await onTheWire(url, { 'accept-encoding': 'gzip' })).bytes;
      weights[path] = gzipped;
      await context.close();
    }
    console.log(`gzipped JavaScript per page (bytes; budget ${BUDGET_BYTES}):`, weights);
    for (const [path, bytes] of Object.entries(weights)) expect(bytes, `JavaScript of ${path}`).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('says each thing once on an event card: no commune already in the place’s name, no "Organisé par" the place itself', async () => {
    const { context, page } = await newPage(browser, { width: 360 });
    await visit(page, server.url, '/agenda');
    // The demo's amicales run their own workshops, at home.
    const wheres = (await page.locator('article.event-card .where').allInnerTexts()).map((text) => text.trim());
    expect(wheres).toContain('Amicale laïque de Malville');
    expect(wheres).not.toContain('Amicale laïque de Malville, Malville');
    const cards = await page.locator('article.event-card', { hasText: 'Amicale laïque de Malville' }).allInnerTexts();
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card).not.toContain('Organisé par Amicale laïque de Malville');
    await context.close();
  });

  it('keeps the home page short on a phone: three news per section, each summary on two lines at most', async () => {
    const shown = async (width: number) => {
      const { context, page } = await newPage(browser, { width });
      await visit(page, server.url, '/');
      const sections = await page.locator('.home-section').evaluateAll((found) =>
        found.map((section) => ({
          cards: [...section.querySelectorAll('.card')].filter((card) => (card as HTMLElement).offsetParent !== null).length,
          inPage: section.querySelectorAll('.card').length,
          // A summary's height in lines of its own text.
          summaryLines: [...section.querySelectorAll<HTMLElement>('.card .summary')]
            .filter((summary) => summary.offsetParent !== null)
            .map((summary) => Math.round(summary.getBoundingClientRect().height / parseFloat(getComputedStyle(summary).lineHeight))),
        })),
      );
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await context.close();
      return { sections, height };
    };
    const phone = await shown(360);
    const computer = await shown(1280);
    // The demo network has sections of five news: a computer shows them all, a phone three, the rest a link away.
    expect(computer.sections.some((section) => section.cards === 5)).toBe(true);
    for (const [i, section] of phone.sections.entries()) {
      expect(section.cards).toBe(Math.min(3, section.inPage));
      expect(computer.sections[i].cards).toBe(section.inPage);
    }
    const summaries = phone.sections.flatMap((section) => section.summaryLines);
    expect(summaries.length).toBeGreaterThan(0);
    for (const lines of summaries) expect(lines).toBeLessThanOrEqual(2);
    console.log(`home page height: ${phone.height} px on a phone, ${computer.height} px on a computer`);
  });

  it('shows on the closed menu button of a phone what waits for a member (the notifications link is inside the menu)', async () => {
    const em = server.orm.em.fork();
    const camille = await em.findOneOrFail(User, { email: 'camille@demo.maillage.fr' });
    const [{ unread }] = await em
      .getConnection()
      .execute<{ unread: number }[]>(`select count(*)::int as unread from notification where recipient_id = ? and read_at is null`, [
        camille.id,
      ]);
    expect(unread).toBeGreaterThan(0);
    const { context, page } = await newPage(browser, { width: 360 });
    await context.addCookies([
      { name: SESSION_COOKIE, value: (await openSession(em, camille, { ip: '127.0.0.1' })).token, url: server.url },
    ]);
    await visit(page, server.url, '/entraide');
    const menu = page.getByRole('button', { name: /^Menu/ });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.textContent()).toMatch(/\d+ non lues?/);
    await context.close();
  });

  it('opens the map on demand, and says in French, without console errors, that the tiles cannot be reached', async () => {
    const { context, page } = await newPage(browser, { width: 360 });
    const errors: string[] = [];
    page.on('console', (message: ConsoleMessage) => {
      // Every console error counts: the tiles come through the site (/tuiles/…), which answers 204 when the tile
      // server cannot be reached, so Chromium has no failed resource to report.
      if (message.type() === 'error') errors.push(message.text());
    });
    const tileAnswers: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/tuiles/')) tileAnswers.push(response.status());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    let scriptBytes = 0;
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scriptBytes += Number(response.headers()['content-length'] ?? 0);
    });

    await visit(page, server.url, '/reseau');
    expect(await page.locator('.maplibregl-map').count()).toBe(0);
    const beforeMap = scriptBytes;
    await page.getByRole('link', { name: 'Voir la carte' }).click();
    await page.waitForURL(/vue=carte/);
    const map = page.getByRole('region', { name: 'Carte des lieux de cette page' });
    await map.waitFor();
    await page.locator('.maplibregl-map').waitFor();
    // MapLibre came with the map: hundreds of kilobytes more.
    expect(scriptBytes - beforeMap).toBeGreaterThan(150 * 1024);
    await page.getByText('Le fond de carte ne peut pas être chargé pour le moment').waitFor();
    expect(await page.getByRole('link', { name: 'Masquer la carte' }).count()).toBe(1);
    // The tiles were asked to the site itself, which said "no content" (the tile server is on a closed port).
    expect(tileAnswers.length).toBeGreaterThan(0);
    expect(new Set(tileAnswers)).toEqual(new Set([204]));
    expect(errors).toEqual([]);

    // A pin's popup names its place, its close button beside the name and not over it; the credit is whole,
    // its "i" button drawn once and beside it.
    await page.locator('.maplibregl-marker').first().click({ force: true });
    const name = page.locator('.maplibregl-popup-content a');
    await name.waitFor();
    const close = await page.locator('.maplibregl-popup-close-button').boundingBox();
    const nameBox = await name.boundingBox();
    expect(nameBox!.x + nameBox!.width).toBeLessThanOrEqual(close!.x + 1);
    expect(close!.width).toBeGreaterThanOrEqual(44);
    expect(await page.locator('.maplibregl-popup-close-button').evaluate((button) => getComputedStyle(button).backgroundColor)).toBe(
      'rgba(0, 0, 0, 0)',
    );
    const credit = await page.locator('.maplibregl-ctrl-attrib-inner').boundingBox();
    const info = page.locator('.maplibregl-ctrl-attrib-button');
    const infoBox = await info.boundingBox();
    expect(credit!.x + credit!.width).toBeLessThanOrEqual(infoBox!.x + 1);
    expect(await info.evaluate((button) => getComputedStyle(button).backgroundRepeat)).toBe('no-repeat');
    await context.close();
  });
});
