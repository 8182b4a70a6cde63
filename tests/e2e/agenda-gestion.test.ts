import 'reflect-metadata';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { openSession } from '../../server/src/modules/comptes/comptes.service.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { createEvent } from '../../server/src/modules/agenda/events.service.js';
import { EventKind } from '../../server/src/modules/agenda/event.entity.js';
import { launchBrowser, newPage, POLL, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

/**
 * Issue #18: an organizer edits "toutes les séances à venir" of a cycle from a phone; an admin of an
 * invited organization accepts to co-organize from the event page.
 */
let server: E2EServer;
let browser: Browser;
const sql = <T = any>(statement: string, params: unknown[] = []) => server.orm.em.fork().getConnection().execute<T[]>(statement, params);

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer({ SEED_DEMO: '1' }), launchBrowser()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedInPage(userId: string): Promise<Page> {
  const em = server.orm.em.fork();
  const user = await em.findOneOrFail(User, { id: userId });
  const { token } = await openSession(em, user, { ip: '127.0.0.1' });
  const { context, page } = await newPage(browser, { width: 360 });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
  return page;
}

const parisClock = (date: Date) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(date);
/** "14 h 30", "9 h": an hour as the pages write it in French, held together by narrow no-break spaces. */
const frenchHour = (date: Date) => {
  const [hour, minute] = parisClock(date).split(':');
  return minute === '00' ? `${Number(hour)}\u202fh` : `${Number(hour)}\u202fh\u202f${minute}`;
};

describe('managing events', () => {
  it('the organizer edits every session to come of a cycle at 360 px', async () => {
    const [target] = await sql<{ seriesId: string; eventId: string; organizerId: string }>(
      `select e.series_id as "seriesId", e.id as "eventId", m.user_id as "organizerId" from agenda_event e
         join membership m on m.organization_id = e.organizer_id and m.role in ('admin', 'editor')
        where e.series_id is not null and e.starts_at > now() and e.cancelled_at is null
        order by e.starts_at limit 1`,
    );
    const before = await sql<{ id: string; starts_at: Date }>(
      `select id, starts_at from agenda_event where series_id = ? order by starts_at`,
      [target.seriesId],
    );
    const page = await signedInPage(target.organizerId);
    await visit(page, server.url, `/agenda/evenements/${target.eventId}/modifier`);
    await page.locator('input[name="title"]').fill('Cycle numérique — nouvel horaire');
    await page.getByLabel('Heure de début').fill('17:00');
    await page.getByLabel('Heure de fin').fill('18:30');
    await page.getByLabel('Toutes les séances à venir').check();
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.waitForURL(`${server.url}/agenda/evenements/${target.eventId}`);
    await page.getByRole('heading', { level: 1, name: 'Cycle numérique — nouvel horaire' }).waitFor();
    // Moved to another hour: the page says it was rescheduled from its first hour, and still passes axe at 360 px.
    // (No ^ in the pattern: Playwright matches a regular expression against the text as it is, and the
    // notice's text starts with the space after its icon.)
    const firstHour = frenchHour(new Date(before.find((session) => session.id === target.eventId)!.starts_at));
    await expect
      .poll(() => page.locator('main').innerText(), POLL)
      .toMatch(new RegExp(`Reporté — initialement prévu le .*, ${firstHour}(?!\\s?\\d)`));
    await visit(page, server.url, `/agenda/evenements/${target.eventId}`);

    const after = await sql<{ id: string; title: string; starts_at: Date }>(
      `select id, title, starts_at from agenda_event where series_id = ? order by starts_at`,
      [target.seriesId],
    );
    const upcoming = before.filter((session) => new Date(session.starts_at) > new Date());
    expect(upcoming.length).toBeGreaterThan(1);
    for (const session of after.filter((one) => upcoming.some((u) => u.id === one.id))) {
      expect(session.title).toBe('Cycle numérique — nouvel horaire');
      expect(parisClock(new Date(session.starts_at))).toBe('17:00');
    }
  });

  it('an admin of an invited organization accepts from the event page, and the organization shows', async () => {
    const [event] = await sql<{ id: string; organizerId: string }>(
      `select id, organizer_id as "organizerId" from agenda_event
        where series_id is null and starts_at > now() and cancelled_at is null and hidden_at is null and kind <> 'barcamp'
        order by starts_at limit 1`,
    );
    const [guest] = await sql<{ organizationId: string; name: string; adminId: string }>(
      `select o.id as "organizationId", o.name, m.user_id as "adminId" from organization o join membership m on m.organization_id = o.id and m.role = 'admin'
        where o.id <> ? and not exists (select 1 from agenda_event_co_organizer c where c.event_id = ? and c.organization_id = o.id)
          and not exists (select 1 from membership m2 where m2.user_id = m.user_id and m2.organization_id = ?)
        order by o.name limit 1`,
      [event.organizerId, event.id, event.organizerId],
    );
    await sql(`insert into agenda_event_co_organizer (event_id, organization_id, status) values (?, ?, 'pending')`, [
      event.id,
      guest.organizationId,
    ]);
    const page = await signedInPage(guest.adminId);
    await visit(page, server.url, `/agenda/evenements/${event.id}#co-organisation`);
    const invitation = page.getByRole('region', { name: 'Invitation à co-organiser' });
    expect(await invitation.innerText()).toContain(`${guest.name} est invitée à co-organiser cet événement.`);
    expect(await page.locator('.facts').innerText()).not.toContain(guest.name);
    await invitation.getByRole('button', { name: 'Accepter' }).click();
    await page.getByText(/^Invitation acceptée/).waitFor();
    await expect.poll(() => page.locator('.facts').innerText()).toContain(guest.name);
    // Now they manage it: the organizers' tools show.
    await page.getByRole('link', { name: 'Modifier l’événement' }).waitFor();
  });

  it('the organizer makes an event with an address online only from its edit page, with JavaScript and without', async () => {
    const karim = await server.orm.em.fork().findOneOrFail(User, { email: 'karim@demo.maillage.fr' });
    const [malville] = await sql<{ id: string }>(`select id from organization where slug = 'amicale-laique-malville'`);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(Date.now() + 20 * 86_400_000),
    );
    // At the amicale, linked to its page in the directory (the demo's events are), on the map.
    const atTheAmicale = async (title: string) =>
      (
        await createEvent(server.orm.em.fork(), karim, {
          organizationId: malville.id,
          kind: EventKind.ATELIER,
          title,
          description: 'Apprendre à écrire un courriel.',
          localStart: `${day}T10:00`,
          localEnd: `${day}T11:30`,
          placeId: malville.id,
          address: '2 place de l’Église',
          postalCode: '44260',
          commune: 'Malville',
          latitude: 47.36,
          longitude: -1.86,
        })
      ).id;
    const stored = async (id: string) =>
      (
        await sql(
          `select address, postal_code as "postalCode", commune, latitude, longitude, place_id as "placeId", online_url as "onlineUrl"
             from agenda_event where id = ?`,
          [id],
        )
      )[0];
    const whereOn = (page: Page) => page.locator('dl.facts dt', { hasText: /^Où$/ }).locator('xpath=following-sibling::dd[1]').innerText();
    const online = (url: string) => ({
      address: null,
      postalCode: null,
      commune: null,
      latitude: null,
      longitude: null,
      placeId: null,
      onlineUrl: url,
    });

    // With JavaScript, at 360 px: the box hides the address; saved, the event is online only.
    const scripted = await atTheAmicale('Courriel pas à pas');
    const page = await signedInPage(karim.id);
    await visit(page, server.url, `/agenda/evenements/${scripted}`);
    expect(await whereOn(page)).toContain('2 place de l’Église');
    await visit(page, server.url, `/agenda/evenements/${scripted}/modifier`);
    expect(await page.getByLabel('En ligne uniquement').isChecked()).toBe(false);
    await page.getByLabel('Lien pour participer en ligne').fill('https://visio.exemple.fr/courriel');
    await page.getByLabel('En ligne uniquement').check();
    await expect.poll(() => page.locator('#field-address').isVisible(), POLL).toBe(false);
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.waitForURL(`${server.url}/agenda/evenements/${scripted}`);
    await expect.poll(() => whereOn(page), POLL).toBe('Rejoindre en ligne');
    expect(await page.locator('main').innerText()).not.toContain('place de l’Église');
    expect(await stored(scripted)).toEqual(online('https://visio.exemple.fr/courriel'));
    // Its edit page has the box ticked, the address hidden.
    await visit(page, server.url, `/agenda/evenements/${scripted}/modifier`);
    expect(await page.getByLabel('En ligne uniquement').isChecked()).toBe(true);
    expect(await page.locator('#field-address').isVisible()).toBe(false);

    // Without JavaScript the address stays in its fields, and the box still takes it away.
    const plainEvent = await atTheAmicale('Courriel pas à pas, sans script');
    const em = server.orm.em.fork();
    const { token } = await openSession(em, await em.findOneOrFail(User, { id: karim.id }), { ip: '127.0.0.1' });
    const noScript = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    await noScript.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
    const plain = await noScript.newPage();
    await plain.goto(`${server.url}/agenda/evenements/${plainEvent}/modifier`);
    await plain.getByLabel('Lien pour participer en ligne').fill('https://visio.exemple.fr/courriel-2');
    await plain.getByLabel('En ligne uniquement').check();
    expect(await plain.locator('#field-address').inputValue()).toBe('2 place de l’Église');
    await plain.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await plain.waitForURL(`${server.url}/agenda/evenements/${plainEvent}`);
    expect(await whereOn(plain)).toBe('Rejoindre en ligne');
    expect(await stored(plainEvent)).toEqual(online('https://visio.exemple.fr/courriel-2'));
    await plain.goto(`${server.url}/agenda/evenements/${plainEvent}/modifier`);
    expect(await plain.getByLabel('En ligne uniquement').isChecked()).toBe(true);
    expect(await plain.locator('#field-address').inputValue()).toBe('');
    // Linked to the amicale again through the API, with no address: it is somewhere, so the box is not ticked (saved
    // ticked, it would take the event away from the amicale).
    await sql(`update agenda_event set place_id = ? where id = ?`, [malville.id, plainEvent]);
    await plain.goto(`${server.url}/agenda/evenements/${plainEvent}/modifier`);
    expect(await plain.getByLabel('En ligne uniquement').isChecked()).toBe(false);
    await noScript.close();
  });
});
