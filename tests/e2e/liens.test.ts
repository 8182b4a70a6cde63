import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { openSession } from '../../server/src/modules/comptes/comptes.service.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { startProductServer, type E2EServer } from '../helpers/e2e.js';

/**
 * Every internal link resolves (issue #17, point 2): with the demo network, a crawl from the home
 * page, the section pages and the Atom feeds follows every same-origin link, as a visitor and as a
 * signed-in member, and fails on any "Page introuvable" (404) or server error (5xx). Plain `fetch`,
 * no browser: a page is only asked for and read for its links.
 */
let server: E2EServer;
let memberCookie: string;

const START = ['/', '/entraide', '/agenda', '/banque-de-temps', '/projets', '/charte', '/reseau', '/reseau/personnes'];
const FEEDS = [
  'entraide.question',
  'timebank.offer',
  'timebank.request',
  'agenda.event',
  'projets.campaign',
  'reseau.organisation',
  'reseau.membre',
].map((kind) => `/flux/${kind}.atom`);
/** Pages that change something or leave the site when asked for: sign-out, the language switch, ProConnect. */
const SKIP = [/^\/deconnexion/, /^\/langue/, /^\/auth\//, /^\/connexion\/proconnect(\/|$|\?)/];
const MAX_PAGES = 400;
const PARALLEL = 4;

interface Visit {
  path: string;
  status: number;
  from: string;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&lt;': '<', '&gt;': '>' };

/** The same-origin paths a page or a feed links to (`href="…"`, on `a`, `link`, Atom's `link`), fragments dropped. */
function linksOf(body: string, pageUrl: URL): string[] {
  const found = new Set<string>();
  for (const [, raw] of body.matchAll(/\shref="([^"]*)"/g)) {
    const href = raw.replace(/&(amp|quot|#39|#x27|lt|gt);/g, (entity) => ENTITIES[entity]);
    if (/^(mailto|tel|javascript|data|webcal):/i.test(href) || href.startsWith('#')) continue;
    let url: URL;
    try {
      url = new URL(href, pageUrl);
    } catch {
      continue;
    }
    if (url.origin !== pageUrl.origin) continue;
    found.add(url.pathname + url.search);
  }
  return [...found];
}

/** Follows links breadth first from the start pages; returns every visit (bounded to MAX_PAGES). */
async function crawl(cookie?: string): Promise<Visit[]> {
  const queue: Array<{ path: string; from: string }> = [...START, ...FEEDS].map((path) => ({ path, from: '(départ)' }));
  const seen = new Set(queue.map((item) => item.path));
  const visits: Visit[] = [];
  const headers: Record<string, string> = { 'accept-language': 'fr-FR,fr;q=0.9', ...(cookie ? { cookie } : {}) };

  async function visitOne(item: { path: string; from: string }): Promise<void> {
    const url = new URL(item.path, server.url);
    const response = await fetch(url, { headers, redirect: 'manual' });
    visits.push({ path: item.path, status: response.status, from: item.from });
    const next: string[] = [];
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) next.push(...linksOf(` href="${location}"`, url));
    const type = response.headers.get('content-type') ?? '';
    // Only pages and feeds are read for links; a download (calendar, CSV, JSON) is checked but not read.
    if (/text\/html|atom\+xml/.test(type)) next.push(...linksOf(await response.text(), url));
    else await response.arrayBuffer();
    for (const path of next) {
      if (seen.has(path) || SKIP.some((pattern) => pattern.test(path))) continue;
      seen.add(path);
      queue.push({ path, from: item.path });
    }
  }

  while (queue.length > 0 && visits.length < MAX_PAGES) {
    const batch = queue.splice(0, Math.min(PARALLEL, MAX_PAGES - visits.length));
    await Promise.all(batch.map(visitOne));
  }
  return visits;
}

function broken(visits: Visit[]): string[] {
  return visits.filter((visit) => visit.status === 404 || visit.status >= 500).map((v) => `${v.status} ${v.path} (lien depuis ${v.from})`);
}

beforeAll(async () => {
  server = await startProductServer({ SEED_DEMO: '1' });
  // Camille, a demo member with registrations, answers and notifications: what a member sees most of.
  const em = server.orm.em.fork();
  const camille = await em.findOneOrFail(User, { email: 'camille@demo.maillage.fr' });
  const { token } = await openSession(em, camille, { ip: '127.0.0.1' });
  memberCookie = `${SESSION_COOKIE}=${token}`;
}, 180_000);
afterAll(async () => {
  await server?.close();
});

describe('every internal link resolves with the demo network', () => {
  it('as a visitor: no link from the home page, the sections or the feeds leads to a missing page or an error', async () => {
    const visits = await crawl();
    expect(broken(visits)).toEqual([]);
    // The crawl really went through the demo network: events, questions, posts, places and members.
    const paths = visits.filter((visit) => visit.status === 200).map((visit) => visit.path);
    for (const page of [
      /^\/agenda\/evenements\/[0-9a-f-]{36}$/,
      /^\/entraide\/questions\//,
      /^\/banque-de-temps\/annonces\//,
      /^\/membres\//,
    ]) {
      expect(
        paths.some((path) => page.test(path)),
        String(page),
      ).toBe(true);
    }
    expect(visits.length).toBeGreaterThan(100);
    // What the crawl catches: an event at the address the home page and the feeds used to give is a "Page introuvable".
    const [event] = await server.orm.em.fork().getConnection().execute<{ id: string }[]>(`select id from agenda_event limit 1`);
    const old = await fetch(`${server.url}/agenda/${event.id}`);
    expect(broken([{ path: `/agenda/${event.id}`, status: old.status, from: 'test' }])).toHaveLength(1);
  }, 300_000);

  it('as a signed-in member: the same, with "Mes prochaines inscriptions", notifications and the member pages', async () => {
    const visits = await crawl(memberCookie);
    expect(broken(visits)).toEqual([]);
    const paths = visits.filter((visit) => visit.status === 200).map((visit) => visit.path);
    for (const page of ['/agenda/mes-inscriptions', '/notifications', '/profil', '/banque-de-temps/compte']) expect(paths).toContain(page);
    // The home page's "Mes prochaines inscriptions" link to the events' own pages.
    const home = await (await fetch(server.url + '/', { headers: { cookie: memberCookie } })).text();
    const eventLinks = [...home.matchAll(/href="(\/agenda\/[^"#?]*)"/g)].map((match) => match[1]);
    expect(eventLinks.some((href) => /^\/agenda\/evenements\/[0-9a-f-]{36}$/.test(href))).toBe(true);
    expect(eventLinks.filter((href) => /^\/agenda\/[0-9a-f-]{36}$/.test(href))).toEqual([]);
  }, 300_000);

  it('every notification of the demo network links to a page that exists', async () => {
    const em = server.orm.em.fork();
    const rows = await em
      .getConnection()
      .execute<{ link: string; recipient: string }[]>(
        `select distinct link, recipient_id as recipient from notification where link is not null order by link limit ${MAX_PAGES}`,
      );
    expect(rows.length).toBeGreaterThan(0);
    // Each link as its recipient sees it: an exchange's page, say, exists only for the two people in it.
    const cookies = new Map<string, string>();
    const visits: Visit[] = [];
    for (const { link, recipient } of rows) {
      if (!cookies.has(recipient)) {
        const { token } = await openSession(em, await em.findOneOrFail(User, { id: recipient }), { ip: '127.0.0.1' });
        cookies.set(recipient, `${SESSION_COOKIE}=${token}`);
      }
      const response = await fetch(new URL(link, server.url), { headers: { cookie: cookies.get(recipient)! }, redirect: 'manual' });
      await response.arrayBuffer();
      visits.push({ path: link, status: response.status, from: 'notification' });
    }
    expect(broken(visits)).toEqual([]);
  }, 120_000);
});

describe('an edited or crafted link never makes a server error', () => {
  /** The lists whose "Page suivante" carries a cursor (`?apres=`). */
  const LISTS = ['/agenda', '/entraide', '/ressources', '/projets', '/banque-de-temps', '/charte/signataires', '/charte/amendements'];

  it('shows the first page of a list when its page link was cut short or edited', async () => {
    for (const list of LISTS) {
      const first = await fetch(server.url + list);
      const edited = await fetch(`${server.url}${list}?apres=garbage`);
      expect(edited.status, list).toBe(200);
      // The same first page: the headings of its items, in the same order.
      const headings = (body: string) => [...body.matchAll(/<h3[^>]*>([\s\S]*?)<\/h3>/g)].map((match) => match[1]).slice(0, 5);
      expect(headings(await edited.text()), list).toEqual(headings(await first.text()));
    }
  }, 120_000);

  it('says what is wrong with a search that no form can send (too long, a null character) next to the search box, not as a server error', async () => {
    // The page itself, its questions listed, with the sentence under the search box, which is marked wrong.
    const tooLong = await fetch(`${server.url}/entraide?q=${'a'.repeat(300)}`);
    expect(tooLong.status).toBe(200);
    const tooLongPage = await tooLong.text();
    expect(tooLongPage).toContain('200 caractères au plus');
    expect(tooLongPage).toMatch(/<input[^>]*id="recherche"[^>]*aria-invalid="true"/);
    const nul = await fetch(`${server.url}/entraide?q=%00`);
    expect(nul.status).toBe(200);
    const nulPage = await nul.text();
    expect(nulPage).toContain('caractère invalide');
    expect(nulPage).toMatch(/<input[^>]*id="recherche"[^>]*aria-invalid="true"/);
    // The search boxes stop at what the API takes.
    for (const list of ['/entraide', '/projets', '/reseau', '/ressources', '/banque-de-temps', '/charte/signataires']) {
      expect(await (await fetch(server.url + list)).text(), list).toMatch(/<input[^>]*type="search"[^>]*maxlength="200"/);
    }
  }, 120_000);
});
