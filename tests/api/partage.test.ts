import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, query, sql } from '../../server/src/db/sql.js';
import { placesSitemap } from '../../server/src/modules/reseau/organisations.partage.js';
import { forgetPartEnds, partRange } from '../../server/src/modules/commun/partage/sitemap.js';
import { startTestApp, type TestApp } from '../helpers/api.js';
import { CREATE_EVENT, eventInput, organizer } from '../helpers/agenda.js';

const ORIGIN = 'https://maillage.exemple.fr';
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ config: { publicUrl: ORIGIN } });
});
afterAll(async () => {
  await app?.close();
});

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);

/** Share of pixels in a band of rows that are nearly white (the card's letters are white). */
async function whiteShare(png: Buffer, top: number, bottom: number): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let white = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * 3;
      if (data[i] > 230 && data[i + 1] > 230 && data[i + 2] > 230) white++;
    }
  }
  return white / ((bottom - top) * info.width);
}

describe('robots.txt and icons', () => {
  it('keeps account and private pages out of search engines and names the sitemap', async () => {
    const response = await fetch(`${app.url}/robots.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    for (const path of ['/connexion', '/inscription', '/profil', '/mes-donnees', '/notifications', '/moderation', '/api/', '/ical/']) {
      expect(text).toContain(`Disallow: ${path}\n`);
    }
    expect(text).not.toMatch(/Disallow: \/agenda\n/);
    expect(text).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
  });

  it('serves a real ICO with three PNG images, and a 180 px apple-touch icon', async () => {
    const ico = Buffer.from(await (await fetch(`${app.url}/favicon.ico`)).arrayBuffer());
    expect([...ico.subarray(0, 6)]).toEqual([0, 0, 1, 0, 3, 0]);
    const sizes = [0, 1, 2].map((i) => ico[6 + 16 * i]);
    expect(sizes).toEqual([16, 32, 48]);
    const firstOffset = ico.readUInt32LE(6 + 12);
    const firstLength = ico.readUInt32LE(6 + 8);
    const first = await sharp(ico.subarray(firstOffset, firstOffset + firstLength)).metadata();
    expect([first.format, first.width, first.height]).toEqual(['png', 16, 16]);

    const apple = await fetch(`${app.url}/apple-touch-icon.png`);
    expect(apple.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await apple.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([180, 180]);
  });
});

describe('card images', () => {
  it("draws an event's card, 1200×630, its title legible in white, cached by version", async () => {
    const { client, organization } = await organizer(app, 'Médiathèque Jules Verne');
    const { createEvent: event } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { title: 'Atelier « premiers pas » sur le smartphone & la tablette' }),
    });
    const response = await fetch(`${app.url}/cartes/evenement/${event.id}.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    const png = Buffer.from(await response.arrayBuffer());
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 630]);
    // The title's rows (under the section's word) hold white letters; the lower margin holds none.
    expect(await whiteShare(png, 230, 300)).toBeGreaterThan(0.03);
    expect(await whiteShare(png, 560, 600)).toBe(0);
    // A different title draws different letters.
    const other = (await client.data(CREATE_EVENT, { input: eventInput(organization.id, { title: 'Café numérique' }) })).createEvent;
    const otherPng = Buffer.from(await (await fetch(`${app.url}/cartes/evenement/${other.id}.png`)).arrayBuffer());
    expect(otherPng.equals(png)).toBe(false);

    const tag = response.headers.get('etag')!;
    expect(tag).toMatch(/^"[\w-]{22}"$/);
    expect((await fetch(`${app.url}/cartes/evenement/${event.id}.png`, { headers: { 'if-none-match': tag } })).status).toBe(304);
    const [row] = await query<{ updated_at: Date }>(
      app.orm.em.fork(),
      sql`select updated_at from agenda_event where id = ${event.id}::uuid`,
    );
    const versioned = await fetch(`${app.url}/cartes/evenement/${event.id}.png?v=${new Date(row.updated_at).getTime()}`);
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    // Changing the title changes the card and its tag.
    await client.data(`mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { id } }`, {
      input: { id: event.id, title: 'Atelier tablette' },
    });
    const changed = await fetch(`${app.url}/cartes/evenement/${event.id}.png`, { headers: { 'if-none-match': tag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
  });

  it('answers 404 for a hidden event, an unknown kind or id, and draws section and site cards', async () => {
    const { client, organization } = await organizer(app, 'Espace public numérique de Blain');
    const { createEvent: event } = await client.data(CREATE_EVENT, { input: eventInput(organization.id, { title: 'Atelier caché' }) });
    await execute(app.orm.em.fork(), sql`update agenda_event set hidden_at = now(), hidden_reason = 'test' where id = ${event.id}::uuid`);
    expect((await fetch(`${app.url}/cartes/evenement/${event.id}.png`)).status).toBe(404);
    expect((await fetch(`${app.url}/cartes/evenement/pas-un-id.png`)).status).toBe(404);
    expect((await fetch(`${app.url}/cartes/inconnu/${event.id}.png`)).status).toBe(404);
    expect((await fetch(`${app.url}/cartes/lieu/${organization.id}.png`)).status).toBe(200);
    for (const name of ['maillage', 'agenda', 'banque-de-temps']) {
      const card = await fetch(`${app.url}/cartes/${name}.png`);
      expect(card.status).toBe(200);
      expect((await sharp(Buffer.from(await card.arrayBuffer())).metadata()).width).toBe(1200);
    }
    expect((await fetch(`${app.url}/cartes/nulle-part.png`)).status).toBe(404);
  });
});

describe('sitemap', () => {
  it('cuts 60,000 places into key ranges of at most 50,000 from the planner’s estimate, leaves hidden events out', async () => {
    const em = app.orm.em.fork();
    const { client, organization } = await organizer(app, 'Tiers-lieu de Pontchâteau');
    const { createEvent: visible } = await client.data(CREATE_EVENT, { input: eventInput(organization.id, { title: 'Atelier visible' }) });
    const { createEvent: hidden } = await client.data(CREATE_EVENT, { input: eventInput(organization.id, { title: 'Atelier masqué' }) });
    await execute(em, sql`update agenda_event set hidden_at = now(), hidden_reason = 'test' where id = ${hidden.id}::uuid`);
    await execute(
      em,
      sql`insert into organization (id, name, slug, updated_at)
          select gen_random_uuid(), 'Lieu ' || n, 'lieu-volume-' || n, now() - make_interval(days => n % 300) from generate_series(1, 60000) n`,
    );
    await execute(em, sql`analyze organization`);
    forgetPartEnds();
    const [{ total }] = await query<{ total: number }>(em, sql`select count(*)::int as total from organization`);

    const started = Date.now();
    const index = await fetch(`${app.url}/sitemap.xml`);
    const indexMs = Date.now() - started;
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^application\/xml/);
    const parts = locs(await index.text());
    // About 60,000 rows by the planner's estimate: four ranges of the key space, about 15,000 each.
    const placeParts = parts.filter((loc) => loc.startsWith(`${ORIGIN}/sitemaps/lieux-`));
    expect(placeParts).toEqual([1, 2, 3, 4].map((n) => `${ORIGIN}/sitemaps/lieux-${n}.xml`));
    expect(parts).toEqual(expect.arrayContaining([`${ORIGIN}/sitemaps/pages-1.xml`, `${ORIGIN}/sitemaps/evenements-1.xml`]));
    expect(indexMs).toBeLessThan(2000);

    const places: string[] = [];
    for (const n of [1, 2, 3, 4]) {
      const part = locs(await (await fetch(`${app.url}/sitemaps/lieux-${n}.xml`)).text());
      expect(part.length).toBeGreaterThan(10_000);
      expect(part.length).toBeLessThanOrEqual(50_000);
      places.push(...part);
    }
    expect(places).toHaveLength(total);
    expect(new Set(places).size).toBe(total);
    expect(places.filter((loc) => loc.endsWith(`/${organization.slug}`))).toHaveLength(1);
    expect((await fetch(`${app.url}/sitemaps/lieux-5.xml`)).status).toBe(404);

    const events = await (await fetch(`${app.url}/sitemaps/evenements-1.xml`)).text();
    expect(events).toContain(`<loc>${ORIGIN}/agenda/evenements/${visible.id}</loc><lastmod>`);
    expect(events).not.toContain(hidden.id);
    const pages = locs(await (await fetch(`${app.url}/sitemaps/pages-1.xml`)).text());
    expect(pages).toEqual(expect.arrayContaining([`${ORIGIN}/`, `${ORIGIN}/agenda`, `${ORIGIN}/reseau`, `${ORIGIN}/entraide`]));
    expect((await fetch(`${app.url}/sitemaps/inconnu-1.xml`)).status).toBe(404);
  }, 120_000);

  // A part's first page (from a range's start) and its next pages (after a key, before the range's end).
  it('reads places from the primary key, never a sequential scan', async () => {
    const em = app.orm.em.fork();
    const [{ key }] = await query<{ key: string }>(em, sql`select id::text as key from organization order by id offset 20000 limit 1`);
    const statements = [
      placesSitemap.rows(partRange(2, 4), 1000),
      placesSitemap.rows({ ...partRange(2, 4), after: key }, 1000),
      placesSitemap.rows(partRange(1, 4), 1000),
    ];
    for (const statement of statements) {
      const [row] = await query<{ 'QUERY PLAN': unknown }>(em, sql`explain (format json) ${statement}`);
      const plan = JSON.stringify(row['QUERY PLAN']);
      expect(plan).toContain('"Index Name":"organization_pkey"');
      expect(plan).not.toContain('Seq Scan');
    }
  });
});
