import 'reflect-metadata';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { openSession } from '../../server/src/modules/comptes/comptes.service.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

/**
 * Small agenda fixes: a fee the organizer did not give is not shown as "Gratuit" (issue #17, point 7), the
 * private calendar address comes with a webcal:// link and, with JavaScript, a copy button, and an overseas
 * event's hours and day are those of its place's clock.
 */
let server: E2EServer;
let browser: Browser;
let token: string;
const sql = <T = any>(statement: string, params: unknown[] = []) => server.orm.em.fork().getConnection().execute<T[]>(statement, params);

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer({ SEED_DEMO: '1' }), launchBrowser()]);
  const em = server.orm.em.fork();
  const camille = await em.findOneOrFail(User, { email: 'camille@demo.maillage.fr' });
  token = (await openSession(em, camille, { ip: '127.0.0.1' })).token;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('an event’s fee', () => {
  it('shows nothing when the organizer gave no fee, and their words when they did', async () => {
    const [unknown, free] = await sql<{ id: string }>(
      `select id from agenda_event where hidden_at is null order by starts_at desc limit 2`,
    );
    await sql(`update agenda_event set fees = null where id = ?`, [unknown.id]);
    await sql(`update agenda_event set fees = 'Gratuit' where id = ?`, [free.id]);
    const { page } = await newPage(browser);

    await visit(page, server.url, `/agenda/evenements/${unknown.id}`);
    const facts = page.locator('dl.facts');
    expect(await facts.locator('dt').allInnerTexts()).not.toContain('Tarif');
    expect(await facts.innerText()).not.toContain('Gratuit');

    await visit(page, server.url, `/agenda/evenements/${free.id}`);
    expect(await facts.locator('dt').allInnerTexts()).toContain('Tarif');
    expect(await facts.locator('dt', { hasText: 'Tarif' }).locator('xpath=following-sibling::dd[1]').innerText()).toBe('Gratuit');
  });
});

describe('an event’s page on a phone', () => {
  it('says when and where right under its title, before the registration form a visitor gets', async () => {
    // An upcoming event whose registration is open, taking guests without an account.
    const [event] = await sql<{ id: string }>(
      `select id from agenda_event where hidden_at is null and cancelled_at is null and published_at is not null and starts_at > now() + interval '1 day'
          and (registration_opens_at is null or registration_opens_at < now()) and (registration_closes_at is null or registration_closes_at > now())
        order by starts_at limit 1`,
    );
    await sql(`update agenda_event set guests_allowed = true where id = ?`, [event.id]);
    const { page } = await newPage(browser, { width: 360 });
    await visit(page, server.url, `/agenda/evenements/${event.id}`);
    const when = page.locator('dl.facts dt', { hasText: 'Quand' });
    const form = page.locator('section.register form').first();
    await form.waitFor();
    // Within the first screen, and above the form.
    expect((await when.boundingBox())!.y).toBeLessThan(740);
    expect((await when.boundingBox())!.y).toBeLessThan((await form.boundingBox())!.y);
  });
});

describe('the agenda’s filters', () => {
  it('stay open with their message when the browser does not give the position ("Autour de moi")', async () => {
    const { page, context } = await newPage(browser, { width: 360 });
    await visit(page, server.url, '/agenda');
    const details = page.locator('form.filters details');
    expect(await details.evaluate((element: HTMLDetailsElement) => element.open)).toBe(false);
    await page.locator('form.filters summary').click();
    // No permission given: the browser refuses the position at once.
    await page.getByRole('button', { name: 'Autour de moi (30 km)' }).click();
    const notice = page.locator('form.filters .notice');
    await notice.waitFor();
    expect(await details.evaluate((element: HTMLDetailsElement) => element.open)).toBe(true);
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain('position');
    await context.close();
  });
});

describe('the private calendar address', () => {
  it('offers "Ajouter à mon agenda" as a webcal:// link, the address to select, and a copy button with JavaScript', async () => {
    const { context, page } = await newPage(browser);
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await visit(page, server.url, '/agenda/mes-inscriptions');
    await page.getByRole('button', { name: /Créer mon adresse privée|Créer une nouvelle adresse/ }).click();

    const address = page.getByLabel('Votre adresse privée (gardez-la pour vous)');
    await address.waitFor();
    const url = await address.inputValue();
    expect(url).toMatch(new RegExp(`^${server.url}/ical/.+`));
    const webcal = await page.getByRole('link', { name: 'Ajouter à mon agenda' }).getAttribute('href');
    expect(webcal).toBe(url.replace(/^http:\/\//, 'webcal://'));
    // The address behind the link is the calendar itself.
    const calendar = await fetch(url);
    expect(calendar.status).toBe(200);
    expect(await calendar.text()).toContain('BEGIN:VCALENDAR');

    await page.getByRole('button', { name: 'Copier l’adresse' }).click();
    await expect.poll(() => page.locator('.copy [role="status"]').textContent()).toContain('Adresse copiée');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await expectWorksAt360(page);
  });

  it('without JavaScript: the link and the selectable address, no copy button', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
    const page = await context.newPage();
    await page.goto(server.url + '/agenda/mes-inscriptions');
    await page.getByRole('button', { name: /Créer mon adresse privée|Créer une nouvelle adresse/ }).click();
    await page.waitForLoadState('load');
    expect(await page.getByLabel('Votre adresse privée (gardez-la pour vous)').inputValue()).toMatch(/\/ical\//);
    expect(await page.getByRole('link', { name: 'Ajouter à mon agenda' }).getAttribute('href')).toMatch(/^webcal:\/\//);
    expect(await page.getByRole('button', { name: 'Copier l’adresse' }).count()).toBe(0);
    await context.close();
  });
});

describe('an overseas event', () => {
  it('shows its hours on the clock of its place, in the list, on its page and in its edit form', async () => {
    const [target] = await sql<{ id: string; userId: string }>(
      `select e.id, m.user_id as "userId" from agenda_event e
         join membership m on m.organization_id = e.organizer_id and m.role = 'admin'
        where e.starts_at > now() and e.series_id is null and e.kind <> 'barcamp' and e.hidden_at is null and e.cancelled_at is null
        order by e.starts_at limit 1`,
    );
    // 14:30–16:00 in Guadeloupe (UTC−4 all year) is 18:30–20:00 UTC, 19:30 or 20:30 in Paris.
    const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await sql(
      `update agenda_event set departement = '971', postal_code = '97110', commune = 'Pointe-à-Pitre', place_id = null,
              starts_at = ?, ends_at = ?, registration_closes_at = null, registration_opens_at = null where id = ?`,
      [`${day}T18:30:00Z`, `${day}T20:00:00Z`, target.id],
    );
    const em = server.orm.em.fork();
    const organizer = await em.findOneOrFail(User, { id: target.userId });
    const { context, page } = await newPage(browser);
    await context.addCookies([
      { name: SESSION_COOKIE, value: (await openSession(em, organizer, { ip: '127.0.0.1' })).token, url: server.url },
    ]);

    await visit(page, server.url, '/agenda?departement=971');
    const card = page.locator('article.event-card', { has: page.locator(`a[href="/agenda/evenements/${target.id}"]`) });
    expect(await card.locator('.when').innerText()).toMatch(/, 14\u202fh\u202f30\u00a0– 16\u202fh \(heure locale\)$/);

    await visit(page, server.url, `/agenda/evenements/${target.id}`);
    const when = page.locator('dl.facts dt', { hasText: 'Quand' }).locator('xpath=following-sibling::dd[1]');
    expect(await when.innerText()).toMatch(/, 14\u202fh\u202f30\u00a0– 16\u202fh \(heure locale\)$/);

    // Saving the form unchanged keeps the same instant: it is written and read on the same clock.
    await visit(page, server.url, `/agenda/evenements/${target.id}/modifier`);
    expect(await page.getByLabel('Heure de début').inputValue()).toBe('14:30');
    expect(await page.getByLabel('Heure de fin').inputValue()).toBe('16:00');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.waitForURL(`${server.url}/agenda/evenements/${target.id}`);
    const [saved] = await sql<{ starts_at: Date }>(`select starts_at from agenda_event where id = ?`, [target.id]);
    expect(new Date(saved.starts_at).toISOString()).toBe(`${day}T18:30:00.000Z`);
  });

  it('sits in the month of its own day: 8:00 on the 1st in Nouméa, still the day before in Paris', async () => {
    const [target] = await sql<{ id: string }>(
      `select e.id from agenda_event e
        where e.starts_at > now() and e.series_id is null and e.kind <> 'barcamp' and e.hidden_at is null and e.cancelled_at is null
        order by e.starts_at desc limit 1`,
    );
    const now = new Date();
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 3, 1)).toISOString().slice(0, 7);
    const monthBefore = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1)).toISOString().slice(0, 7);
    // Nouméa is UTC+11 all year: 8:00–9:30 on the 1st is 21:00–22:30 UTC on the last day of the month before.
    const starts = new Date(Date.parse(`${month}-01T08:00:00+11:00`));
    await sql(
      `update agenda_event set departement = '988', postal_code = '98800', commune = 'Nouméa', place_id = null,
              starts_at = ?, ends_at = ?, registration_closes_at = null, registration_opens_at = null where id = ?`,
      [starts.toISOString(), new Date(starts.getTime() + 90 * 60_000).toISOString(), target.id],
    );
    const { page } = await newPage(browser);
    const card = page.locator('article.event-card', { has: page.locator(`a[href="/agenda/evenements/${target.id}"]`) });

    await visit(page, server.url, `/agenda?vue=mois&mois=${month}&departement=988`);
    const firstDay = page.locator('ol.month > li').first();
    // Its heading is that day, written as French does (a capital for the day's name only, "1er" for the first).
    expect(await firstDay.locator('h3.day').innerText()).toMatch(/^\p{Lu}\p{Ll}+ 1er \p{Ll}+( \d{4})?$/u);
    expect(await firstDay.locator('article.event-card', { has: page.locator(`a[href="/agenda/evenements/${target.id}"]`) }).count()).toBe(
      1,
    );
    expect(await card.locator('.when').innerText()).toMatch(/, 8\u202fh\u00a0– 9\u202fh\u202f30 \(heure locale\)$/);

    await visit(page, server.url, `/agenda?vue=mois&mois=${monthBefore}&departement=988`);
    expect(await card.count()).toBe(0);
  });
});
