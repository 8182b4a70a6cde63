import 'reflect-metadata';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { openSession } from '../../server/src/modules/comptes/comptes.service.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';
import { french } from '../helpers/french.js';

/**
 * Issue #18: the organizer writes to the people registered, then cancels the event; a registered
 * person reads the message on the page and sees the event marked cancelled.
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
  const { context, page } = await newPage(browser);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
  return page;
}

describe('an organizer and the people registered', () => {
  it('writes to them, they read it on the page; then the event is cancelled and they see it so', async () => {
    // An upcoming one-off event of the demo, one of its organizers, and a person registered to it.
    const [target] = await sql<{ eventId: string; organizerId: string; title: string }>(
      `select e.id as "eventId", m.user_id as "organizerId", e.title from agenda_event e
         join membership m on m.organization_id = e.organizer_id and m.role in ('admin', 'editor')
        where e.starts_at > now() + interval '1 day' and e.series_id is null and e.hidden_at is null and e.kind <> 'barcamp'
        order by e.starts_at limit 1`,
    );
    const [person] = await sql<{ id: string }>(
      `select u.id from app_user u where u.status = 'active' and u.email_verified_at is not null and u.id <> ?
         and not exists (select 1 from membership m join agenda_event e on e.organizer_id = m.organization_id where m.user_id = u.id and e.id = ?)
         and not exists (select 1 from event_registration r where r.event_id = ? and r.user_id = u.id)
       order by u.created_at limit 1`,
      [target.organizerId, target.eventId, target.eventId],
    );
    const participant = await signedInPage(person.id);
    await visit(participant, server.url, `/agenda/evenements/${target.eventId}`);
    await participant
      .getByRole('button', { name: /^Je m'inscris/ })
      .first()
      .click();
    await participant
      .getByText(/Vous êtes inscrit|liste d’attente/)
      .first()
      .waitFor();

    const organizer = await signedInPage(target.organizerId);
    await visit(organizer, server.url, `/agenda/evenements/${target.eventId}`);
    await organizer.getByText('Écrire aux inscrits').click();
    await organizer.getByLabel('Votre message').fill('Rendez-vous en salle 2, au premier étage.');
    // Whether the demo event still had a seat for them or put them on the waitlist, they are told.
    await organizer.getByLabel('Aussi aux personnes en liste d’attente').check();
    await organizer.getByRole('button', { name: 'Envoyer le message' }).click();
    await expect.poll(() => organizer.locator('.notice-success').first().textContent()).toMatch(/Message envoyé à \d+ personnes?\./);
    await expectAccessible(organizer);

    await participant.reload();
    const messages = participant.getByRole('region', { name: 'Messages des organisateurs' });
    await messages.waitFor();
    expect(await messages.innerText()).toContain('Rendez-vous en salle 2, au premier étage.');
    await expectWorksAt360(participant);

    await organizer.getByText('Annuler l’événement', { exact: true }).click();
    await organizer.getByLabel('Motif (facultatif)').fill('La salle est fermée pour travaux.');
    await organizer.getByRole('button', { name: 'Annuler l’événement et prévenir les inscrits' }).click();
    await organizer.getByText('L’événement est annulé : les personnes inscrites sont prévenues.').waitFor();

    await participant.reload();
    expect(await participant.getByText('Cet événement est annulé.').first().isVisible()).toBe(true);
    expect(await participant.getByText('Motif : La salle est fermée pour travaux.').isVisible()).toBe(true);
    // No seats, waitlist nor calendar file on a cancelled event: the registration box says it is cancelled.
    expect(await participant.locator('#seats-title').innerText()).toContain(french('Pas d’inscription : l’événement est annulé.'));
    expect(await participant.getByRole('link', { name: /Ajouter à mon agenda/ }).count()).toBe(0);
    await expectAccessible(participant);
    const [told] = await sql<{ n: number }>(
      `select count(*)::int as n from notification where recipient_id = ? and kind in ('agenda.message', 'agenda.changed')`,
      [person.id],
    );
    expect(told.n).toBe(2);
  });
});
