import 'reflect-metadata';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { openSession } from '../../server/src/modules/comptes/comptes.service.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

/**
 * Two small agenda fixes (issue #17, point 7): a fee the organizer did not give is not shown as
 * "Gratuit", and the private calendar address comes with a webcal:// link and, with JavaScript, a copy button.
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

    await page.getByRole('button', { name: "Copier l'adresse" }).click();
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
    expect(await page.getByRole('button', { name: "Copier l'adresse" }).count()).toBe(0);
    await context.close();
  });
});
