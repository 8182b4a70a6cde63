import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query, sql } from '../../server/src/db/sql.js';
import { launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

/** The site's public address: canonical URLs and link cards must name it, not the address the test reaches. */
const PUBLIC = 'http://maillage.exemple.test';

let server: E2EServer;
let browser: Browser;
let reader: Page;
beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer({ SEED_DEMO: '1', PUBLIC_URL: PUBLIC }), launchBrowser()]);
  reader = (await newPage(browser)).page;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const local = (url: string) => url.replace(PUBLIC, server.url);
const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);

interface Tags {
  title: string;
  descriptions: string[];
  canonical: string | null;
  meta: Record<string, string>;
  links: Array<{ rel: string; href: string; sizes: string | null }>;
  hrefs: string[];
}

/** The page as a search engine or a link preview reads it: the server's HTML, no JavaScript run. */
async function tagsOf(path: string): Promise<Tags> {
  const response = await fetch(server.url + path);
  expect(response.status, path).toBe(200);
  const html = await response.text();
  return reader.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    const meta: Record<string, string> = {};
    for (const element of doc.head.querySelectorAll('meta[property], meta[name]')) {
      const key = element.getAttribute('property') ?? element.getAttribute('name')!;
      if (key !== 'description') meta[key] = element.getAttribute('content') ?? '';
    }
    return {
      title: doc.title,
      descriptions: [...doc.head.querySelectorAll('meta[name="description"]')].map((m) => m.getAttribute('content') ?? ''),
      canonical: doc.head.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null,
      meta,
      links: [...doc.head.querySelectorAll('link[rel]')].map((l) => ({
        rel: l.getAttribute('rel')!,
        href: l.getAttribute('href')!,
        sizes: l.getAttribute('sizes'),
      })),
      hrefs: [...doc.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!),
    };
  }, html);
}

async function pngSize(url: string): Promise<[number, number]> {
  const response = await fetch(local(url));
  expect(response.status, url).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
  return [meta.width!, meta.height!];
}

/** Every tag a shared link needs, and a card image that really is a 1200×630 PNG. */
async function expectLinkCard(path: string, options: { card?: RegExp; type?: string } = {}): Promise<Tags> {
  const tags = await tagsOf(path);
  expect(tags.title, path).toMatch(/Maillage/);
  expect(tags.descriptions, path).toHaveLength(1);
  expect(tags.descriptions[0].length, path).toBeGreaterThan(20);
  const canonical = PUBLIC + new URL(path, PUBLIC).pathname;
  expect(tags.canonical, path).toBe(canonical);
  expect(tags.meta['og:url'], path).toBe(canonical);
  expect(tags.meta['og:title'], path).toBe(tags.title);
  expect(tags.meta['og:description'], path).toBe(tags.descriptions[0]);
  expect(tags.meta['og:type'], path).toBe(options.type ?? 'website');
  expect(tags.meta['og:locale'], path).toBe('fr_FR');
  expect(tags.meta['og:site_name'], path).toBe('Maillage');
  expect(tags.meta['twitter:card'], path).toBe('summary_large_image');
  expect(tags.meta['og:image:alt']?.length, path).toBeGreaterThan(2);
  const image = tags.meta['og:image'];
  expect(image.startsWith(`${PUBLIC}/`), path).toBe(true);
  if (options.card) expect(new URL(image).pathname, path).toMatch(options.card);
  if (new URL(image).pathname.startsWith('/cartes/')) {
    expect([tags.meta['og:image:width'], tags.meta['og:image:height']], path).toEqual(['1200', '630']);
    expect(await pngSize(image), image).toEqual([1200, 630]);
  }
  return tags;
}

describe('link cards on every public page', () => {
  it('gives each kind of page its title, description, canonical address, Open Graph and Twitter tags and card', async () => {
    const index = await (await fetch(`${server.url}/sitemap.xml`)).text();
    const urls = (await Promise.all(locs(index).map(async (part) => locs(await (await fetch(local(part))).text())))).flat();
    const path = (prefix: string) => {
      const found = urls.map((url) => url.replace(PUBLIC, '')).find((p) => p.startsWith(prefix));
      expect(found, prefix).toBeTruthy();
      return found!;
    };

    const event = await expectLinkCard(path('/agenda/evenements/'), { card: /^\/cartes\/evenement\/[0-9a-f-]{36}\.png$/ });
    expect(event.meta['og:image']).toMatch(/\?v=\d+$/);
    await expectLinkCard(path('/reseau/lieux/'), { card: /^\/cartes\/lieu\// });
    await expectLinkCard(path('/organisations/'), { card: /^\/cartes\/lieu\// });
    await expectLinkCard(path('/entraide/questions/'), { card: /^\/cartes\/question\//, type: 'article' });
    await expectLinkCard(path('/projets/'));

    // A campaign and a barcamp's programme, reached from the pages that link to them; a member's public profile.
    const projectPages = urls.filter((url) => url.startsWith(`${PUBLIC}/projets/`)).map((url) => url.replace(PUBLIC, ''));
    let campaign: string | undefined;
    for (const project of projectPages) {
      campaign ??= (await tagsOf(project)).hrefs.find((href) => /^\/projets\/campagnes\/[0-9a-f-]{36}$/.test(href));
    }
    expect(campaign, 'a campaign in the demo').toBeTruthy();
    await expectLinkCard(campaign!, { card: /^\/cartes\/projet\// });

    let programme: string | undefined;
    for (const eventPage of urls.filter((url) => url.startsWith(`${PUBLIC}/agenda/evenements/`)).map((url) => url.replace(PUBLIC, ''))) {
      programme ??= (await tagsOf(eventPage)).hrefs.find((href) => /\/programme$/.test(href));
      if (programme) break;
    }
    expect(programme, 'a barcamp in the demo').toBeTruthy();
    await expectLinkCard(programme!, { card: /^\/cartes\/evenement\// });

    const [member] = await query<{ id: string }>(server.orm.em.fork(), sql`select id from member_card order by created_at limit 1`);
    await expectLinkCard(`/membres/${member.id}`, { type: 'profile' });

    // Home and the section pages, each with its section's card.
    await expectLinkCard('/', { card: /^\/cartes\/maillage\.png$/ });
    for (const section of ['agenda', 'reseau', 'entraide', 'projets', 'banque-de-temps', 'charte']) {
      await expectLinkCard(`/${section}`, { card: new RegExp(`^/cartes/${section}\\.png$`) });
    }
  }, 300_000);

  it('links the favicon and the apple-touch icon, and tells robots where the sitemap is', async () => {
    const home = await tagsOf('/');
    expect(home.links).toEqual(
      expect.arrayContaining([
        { rel: 'icon', href: '/favicon.ico', sizes: '48x48' },
        { rel: 'apple-touch-icon', href: '/apple-touch-icon.png', sizes: null },
      ]),
    );
    const ico = Buffer.from(await (await fetch(`${server.url}/favicon.ico`)).arrayBuffer());
    expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(await pngSize(`${PUBLIC}/apple-touch-icon.png`)).toEqual([180, 180]);
    const robots = await (await fetch(`${server.url}/robots.txt`)).text();
    expect(robots).toContain(`Sitemap: ${PUBLIC}/sitemap.xml`);
    expect(robots).toContain('Disallow: /connexion');
  });

  it('gives a page of its own a description even without a link card (the sign-in page), in the browser too', async () => {
    const signIn = await tagsOf('/connexion');
    expect(signIn.descriptions).toHaveLength(1);
    expect(signIn.descriptions[0]).toMatch(/médiation numérique/);
    const { page } = await newPage(browser);
    // visit() checks one meta description on every page it goes to, besides axe, 360 px and French.
    await visit(page, server.url, '/connexion');
    await visit(page, server.url, '/agenda');
    await page.close();
  }, 120_000);
});
