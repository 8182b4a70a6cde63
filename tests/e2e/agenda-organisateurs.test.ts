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

async function signedInPage(userId: string, options: { javaScript?: boolean } = {}): Promise<Page> {
  const em = server.orm.em.fork();
  const user = await em.findOneOrFail(User, { id: userId });
  const { token } = await openSession(em, user, { ip: '127.0.0.1' });
  const context =
    options.javaScript === false
      ? await browser.newContext({ locale: 'fr-FR', viewport: { width: 1200, height: 900 }, javaScriptEnabled: false })
      : (await newPage(browser)).context;
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
  return context.pages()[0] ?? context.newPage();
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
      .getByRole('button', { name: /^Je m’inscris/ })
      .first()
      .click();
    await participant
      .getByText(/Vous êtes inscrit|liste d’attente/)
      .first()
      .waitFor();

    // A guest who registered online with an address (as agenda-invites.test.ts does it), at the end of the line.
    await sql(
      `insert into event_registration (id, event_id, guest_first_name, guest_email, status, queue_number, created_at, updated_at)
       select gen_random_uuid(), ?, 'Lucie', 'lucie.invitee@exemple.fr', 'waitlisted', coalesce(max(queue_number), 0) + 1, now(), now()
         from event_registration where event_id = ?`,
      [target.eventId, target.eventId],
    );

    const organizer = await signedInPage(target.organizerId);
    await visit(organizer, server.url, `/agenda/evenements/${target.eventId}`);
    // The desk form: a name forgotten is said once, next to the field, in the words of its label.
    await organizer.getByText('Inscrire une personne à l’accueil').click();
    await organizer.getByRole('button', { name: 'Inscrire', exact: true }).click();
    await organizer.getByText('Indiquez le nom ou le prénom de la personne.').waitFor();
    expect(await organizer.getByText('Indiquez le nom ou le prénom de la personne.').count()).toBe(1);
    expect(await organizer.getByRole('alert').count()).toBe(0);
    // An address that is not one is said next to its field, and what was typed stays.
    await organizer.getByLabel('Nom ou prénom').fill('Jeanne Martin');
    await organizer.getByLabel('Adresse e-mail (facultatif)').fill('jeanne.martin@');
    await organizer.getByRole('button', { name: 'Inscrire', exact: true }).click();
    await organizer.getByText(french('Cette adresse e-mail n’est pas valide (exemple : prenom.nom@exemple.fr).')).waitFor();
    expect(await organizer.getByLabel('Nom ou prénom').inputValue()).toBe('Jeanne Martin');
    await expectAccessible(organizer);
    await organizer.getByLabel('Adresse e-mail (facultatif)').fill('');
    await organizer.getByRole('button', { name: 'Inscrire', exact: true }).click();
    await organizer.getByText(/^Jeanne Martin est (inscrit·e|sur la liste d’attente)/).waitFor();
    // Without an address, no e-mail goes to her, and the page says none.
    expect(await organizer.getByText(/^Jeanne Martin est/).textContent()).not.toContain('Un e-mail');
    // Without JavaScript the form answers 303 to the event page itself: reloading it registers nobody again, and the
    // name travels in a short-lived cookie of that page, never in the address (history, logs).
    const eventPath = `/agenda/evenements/${target.eventId}`;
    const plain = await organizer.request.post(`${server.url}${eventPath}?/registerAtDesk`, {
      form: { name: 'Paul Durand', phone: '06 12 34 56 78', email: 'paul.durand@exemple.fr' },
      headers: { origin: server.url, accept: 'text/html' },
      maxRedirects: 0,
    });
    expect(plain.status()).toBe(303);
    expect(plain.headers().location).toBe(eventPath);
    const flash = plain.headersArray().find(({ name, value }) => name.toLowerCase() === 'set-cookie' && value.startsWith('flash='));
    expect(flash?.value).toMatch(/; HttpOnly(;|$)/i);
    expect(flash?.value).toMatch(/; SameSite=Lax(;|$)/i);
    expect(flash?.value).toMatch(new RegExp(`; Path=${eventPath}(;|$)`));
    expect(flash?.value).toMatch(/; Max-Age=60(;|$)/i);
    await visit(organizer, server.url, eventPath);
    await organizer.getByText(/^Paul Durand est (inscrit·e|sur la liste d’attente)/).waitFor();
    // Given an address, he gets the link of his registration by e-mail at once: the page says so.
    expect(await organizer.getByText(/^Paul Durand est/).textContent()).toMatch(
      /Un e-mail lui est envoyé avec le lien de son inscription\.$/,
    );
    // Said once: the page's load cleared it.
    await organizer.reload();
    await organizer.getByRole('heading', { level: 1 }).waitFor();
    expect(await organizer.getByText(/^Paul Durand est (inscrit·e|sur la liste d’attente)/).count()).toBe(0);
    // A cookie the server did not sign says nothing.
    const forged = Buffer.from(JSON.stringify({ desk: 'inscrit', name: 'Personne inventée', position: 1 })).toString('base64url');
    await organizer
      .context()
      .addCookies([{ name: 'flash', value: `${forged}.signature`, domain: new URL(server.url).hostname, path: eventPath }]);
    await organizer.reload();
    await organizer.getByRole('heading', { level: 1 }).waitFor();
    expect(await organizer.getByText('Personne inventée est inscrit·e.').count()).toBe(0);
    const [desk] = await sql<{ n: number }>(
      `select count(*)::int as n from event_registration where event_id = ? and guest_first_name in ('Jeanne Martin', 'Paul Durand')`,
      [target.eventId],
    );
    expect(desk.n).toBe(2);

    await organizer.getByText('Écrire aux inscrits').click();
    // The form says whom the message reaches, and who has only a phone.
    await organizer.getByText(/personnes? inscrites? le recevr/).waitFor();
    await organizer.getByLabel('Votre message').fill('Rendez-vous en salle 2, au premier étage.');
    // Whether the demo event still had a seat for them or put them on the waitlist, they are told.
    await organizer.getByLabel('Aussi aux personnes en liste d’attente').check();
    await organizer.getByRole('button', { name: 'Envoyer le message' }).click();
    await expect
      .poll(() => organizer.locator('.notice-success').first().textContent())
      .toMatch(
        new RegExp(
          `Message envoyé à \\d+ personnes?\\. ${french('1 personne inscrite à l’accueil n’a qu’un téléphone : prévenez-la par téléphone.')}`,
        ),
      );
    await expectAccessible(organizer);
    // Lucie, without an account, gets it by e-mail; so does Paul, who gave his address at the desk.
    for (const address of ['lucie.invitee@exemple.fr', 'paul.durand@exemple.fr']) {
      const [mailed] = await sql<{ n: number }>(
        `select count(*)::int as n from email_outbox where to_address = ? and subject like '%Message des organisateurs%'`,
        [address],
      );
      expect(mailed.n, address).toBe(1);
    }

    // On the registrations page the organizer removes Jeanne's registration, made by mistake.
    // "Retirer" only unfolds what will happen and the button that does it: one tap removes nobody.
    await visit(organizer, server.url, `/agenda/evenements/${target.eventId}/inscriptions`);
    const jeanne = organizer.getByRole('row', { name: /Jeanne Martin \(sans compte\)/ });
    const confirmRemoval = organizer.getByRole('button', { name: 'Confirmer le retrait de Jeanne Martin (sans compte)' });
    expect(await confirmRemoval.isVisible()).toBe(false);
    await jeanne.getByText('Retirer', { exact: true }).click();
    await confirmRemoval.waitFor();
    expect(await organizer.getByRole('cell', { name: 'Jeanne Martin (sans compte)', exact: true }).count()).toBe(1);
    await expectAccessible(organizer);
    await confirmRemoval.click();
    await organizer.getByText(french('L’inscription de Jeanne Martin (sans compte) est retirée ;'), { exact: false }).waitFor();
    expect(await organizer.getByRole('cell', { name: 'Jeanne Martin (sans compte)', exact: true }).count()).toBe(0);
    await expectAccessible(organizer);
    // Without JavaScript the fold opens and confirms the same way.
    const plainPage = await signedInPage(target.organizerId, { javaScript: false });
    await plainPage.goto(`${server.url}/agenda/evenements/${target.eventId}/inscriptions`);
    await plainPage
      .getByRole('row', { name: /Paul Durand \(sans compte\)/ })
      .getByText('Retirer', { exact: true })
      .click();
    await plainPage.getByRole('button', { name: 'Confirmer le retrait de Paul Durand (sans compte)' }).click();
    await plainPage.getByText(french('L’inscription de Paul Durand (sans compte) est retirée ;'), { exact: false }).waitFor();
    expect(await plainPage.getByRole('cell', { name: 'Paul Durand (sans compte)', exact: true }).count()).toBe(0);
    const [toldPaul] = await sql<{ n: number }>(
      `select count(*)::int as n from email_outbox where to_address = 'paul.durand@exemple.fr' and subject like '%Inscription annulée%'`,
    );
    expect(toldPaul.n).toBe(1);
    await plainPage.context().close();
    await visit(organizer, server.url, `/agenda/evenements/${target.eventId}`);

    await participant.reload();
    const messages = participant.getByRole('region', { name: 'Messages des organisateurs' });
    await messages.waitFor();
    expect(await messages.innerText()).toContain('Rendez-vous en salle 2, au premier étage.');
    await expectWorksAt360(participant);

    await organizer.getByText('Annuler l’événement', { exact: true }).click();
    await organizer.getByLabel('Motif (facultatif)').fill('La salle est fermée pour travaux.');
    await organizer.getByRole('button', { name: 'Annuler l’événement et prévenir les inscrits' }).click();
    await organizer.getByText('L’événement est annulé : les personnes inscrites sont prévenues.').waitFor();

    // The registrations page stays readable, without the actions the API refuses on a cancelled event.
    await visit(organizer, server.url, `/agenda/evenements/${target.eventId}/inscriptions`);
    await organizer.getByText(french('L’événement est annulé : ses inscriptions ne peuvent plus être modifiées.')).waitFor();
    expect(await organizer.getByRole('cell', { name: 'Lucie (sans compte)', exact: true }).count()).toBe(1);
    expect(await organizer.getByText('Retirer', { exact: true }).count()).toBe(0);
    expect(await organizer.getByRole('button', { name: /^Confirmer/ }).count()).toBe(0);
    expect(await organizer.getByRole('columnheader', { name: 'Actions' }).count()).toBe(0);

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

    // The list /agenda marks it cancelled too.
    const [{ day }] = await sql<{ day: string }>(
      `select to_char(starts_at at time zone 'Europe/Paris', 'YYYY-MM-DD') as day from agenda_event where id = ?`,
      [target.eventId],
    );
    await visit(participant, server.url, `/agenda?du=${day}&au=${day}`);
    const card = participant.locator('article', { has: participant.getByRole('link', { name: target.title, exact: true }) });
    expect(await card.innerText()).toContain('Cet événement est annulé.');
  });

  it('shows a finished event\'s registrations without "Retirer" nor "Confirmer"', async () => {
    const [past] = await sql<{ eventId: string; organizerId: string }>(
      `select e.id as "eventId", m.user_id as "organizerId" from agenda_event e
         join membership m on m.organization_id = e.organizer_id and m.role in ('admin', 'editor')
        where e.starts_at > now() + interval '1 day' and e.series_id is null and e.hidden_at is null and e.cancelled_at is null
          and e.kind <> 'barcamp'
        order by e.starts_at desc limit 1`,
    );
    await sql(
      `insert into event_registration (id, event_id, guest_first_name, guest_phone, status, queue_number, created_at, updated_at)
       select gen_random_uuid(), ?, 'Rose Venue', '06 11 22 33 44', 'confirmed', coalesce(max(queue_number), 0) + 1, now(), now()
         from event_registration where event_id = ?`,
      [past.eventId, past.eventId],
    );
    await sql(`update agenda_event set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = ?`, [
      past.eventId,
    ]);
    const organizer = await signedInPage(past.organizerId);
    await visit(organizer, server.url, `/agenda/evenements/${past.eventId}/inscriptions`);
    await organizer.getByText(french('L’événement est terminé : ses inscriptions ne peuvent plus être modifiées.')).waitFor();
    expect(await organizer.getByRole('cell', { name: 'Rose Venue (sans compte)', exact: true }).count()).toBe(1);
    expect(await organizer.getByText('Retirer', { exact: true }).count()).toBe(0);
    expect(await organizer.getByRole('button', { name: /^Confirmer/ }).count()).toBe(0);
    expect(await organizer.locator('table').first().locator('thead th').allTextContents()).toEqual([
      'Nom',
      'Courriel ou téléphone',
      'Inscrit·e le',
    ]);
    await expectAccessible(organizer);
  });
});
