import 'reflect-metadata';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { createEvent } from '../../server/src/modules/agenda/events.service.js';
import { saveGrid, proposeSession } from '../../server/src/modules/agenda/barcamp.service.js';
import { registerToEvent } from '../../server/src/modules/agenda/registrations.service.js';
import { EventKind } from '../../server/src/modules/agenda/event.entity.js';
import { createMember } from '../helpers/accounts.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';
import { french } from '../helpers/french.js';

let server: E2EServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const PASSWORD = 'une phrase de passe solide';
/** The machine is shared: give each page change time to land. */
const slowly = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 200 });
let counter = 0;

async function person(displayName: string) {
  counter += 1;
  const email = `agenda.e2e.${Date.now()}.${counter}@exemple.fr`;
  const { user } = await createMember(server.orm.em.fork(), { email, password: PASSWORD, displayName }, { ip: `10.9.0.${counter}` });
  return { user, email };
}

async function signIn(page: Page, email: string) {
  await page.goto(`${server.url}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}

/** "YYYY-MM-DD" in `days` days, in Paris. */
function inDays(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

describe('the agenda in the browser', () => {
  it(
    'an organizer publishes a 2-seat atelier; three members register, the third waits; one cancels and the third is confirmed',
    { timeout: 180_000 },
    async () => {
      const organizer = await person('Camille Organisatrice');
      const savenay = { adresse: '8 rue de la Mairie', codePostal: '44260', commune: 'Savenay' };
      await createOrganization(server.orm.em.fork(), organizer.user, { name: 'Amicale laïque de Savenay', ...savenay });
      const blain = await createOrganization(server.orm.em.fork(), organizer.user, {
        name: 'Médiathèque de Blain',
        adresse: '2 place Jean Guihard',
        complementAdresse: 'Bâtiment B',
        codePostal: '44130',
        commune: 'Blain',
      });
      const members = await Promise.all(['Ana Participante', 'Bruno Participant', 'Chloé Participante'].map(person));
      const whereFields = (on: Page) =>
        Promise.all(
          [on.locator('#field-address'), on.getByLabel('Code postal'), on.getByLabel('Commune')].map((field) => field.inputValue()),
        );

      // Opened from a place's page, without JavaScript, the form has that place organizing and starts from its address,
      // its complement on the one address line of an event, as the place's page shows them.
      const noScript = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
      const plain = await noScript.newPage();
      await signIn(plain, organizer.email);
      await plain.goto(`${server.url}/reseau/lieux/${blain.slug}`);
      await plain.getByRole('link', { name: 'Publier un événement' }).click();
      await plain.waitForURL('**/agenda/nouveau?organisation=*');
      expect(await plain.getByLabel('Organisation qui organise').inputValue()).toBe(blain.id);
      expect(await whereFields(plain)).toEqual(['2 place Jean Guihard, Bâtiment B', '44130', 'Blain']);
      // "En ligne uniquement" ticked, the address left in its fields: the event is published without it.
      await plain.getByLabel('En ligne uniquement').check();
      await plain.getByLabel('Titre').fill('Visio : les démarches en ligne');
      await plain.getByLabel(/^Date/).fill(inDays(12));
      await plain.getByLabel('Heure de début').fill('10:00');
      await plain.getByLabel('Heure de fin').fill('11:00');
      await plain.getByLabel('Lien pour participer en ligne').fill('https://visio.exemple.fr/demarches');
      await plain.getByRole('button', { name: 'Publier l’événement' }).click();
      await plain.waitForURL('**/agenda/evenements/**');
      const online = await plain.locator('dl.facts dd').nth(1).textContent();
      expect(online).toContain('Rejoindre en ligne');
      expect(online).not.toContain('Jean Guihard');
      await noScript.close();

      // The organizer fills the form: it starts from the address of the place chosen first (a mistake first: the error
      // shows next to its field).
      const { page } = await newPage(browser);
      await signIn(page, organizer.email);
      await visit(page, server.url, '/agenda');
      await page.getByRole('link', { name: 'Publier un événement' }).click();
      await page.waitForURL('**/agenda/nouveau');
      await expectAccessible(page);
      expect(await whereFields(page)).toEqual(['8 rue de la Mairie', '44260', 'Savenay']);
      // Another place organizing: its address comes into the fields; what the organizer typed stays as typed.
      await page.getByLabel('Organisation qui organise').selectOption({ label: 'Médiathèque de Blain' });
      await slowly(() => whereFields(page)).toEqual(['2 place Jean Guihard, Bâtiment B', '44130', 'Blain']);
      await page.locator('#field-address').fill('12 rue du Port');
      await page.getByLabel('Organisation qui organise').selectOption({ label: 'Amicale laïque de Savenay' });
      await slowly(() => whereFields(page)).toEqual(['12 rue du Port', '44260', 'Savenay']);
      // With JavaScript, "En ligne uniquement" hides the address; unticked, it shows again as it was.
      await page.getByLabel('En ligne uniquement').check();
      await slowly(() => page.locator('#field-address').isVisible()).toBe(false);
      await page.getByLabel('En ligne uniquement').uncheck();
      await slowly(() => page.locator('#field-address').isVisible()).toBe(true);
      expect(await whereFields(page)).toEqual(['12 rue du Port', '44260', 'Savenay']);
      await page.getByLabel('Titre').fill('Premiers pas sur la tablette');
      await page.getByLabel(/^Date/).fill(inDays(10));
      await page.getByLabel('Heure de début').fill('14:30');
      await page.getByLabel('Heure de fin').fill('13:00');
      await page.getByLabel('Nombre de places').fill('2');
      await page.getByRole('button', { name: 'Publier l’événement' }).click();
      await slowly(() => page.locator('#field-end-error').textContent()).toContain('La fin doit venir après le début.');
      expect(await page.getByLabel('Titre').inputValue()).toBe('Premiers pas sur la tablette');
      expect(await whereFields(page)).toEqual(['12 rue du Port', '44260', 'Savenay']);
      await expectAccessible(page);
      await page.getByLabel('Heure de fin').fill('16:00');
      await page.getByRole('button', { name: 'Publier l’événement' }).click();
      await page.waitForURL('**/agenda/evenements/**');
      const eventPath = new URL(page.url()).pathname;
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Premiers pas sur la tablette');
      expect(await page.getByRole('heading', { name: 'Il reste 2 places' }).count()).toBe(1);
      expect(await page.locator('dl.facts').textContent()).toMatch(/14\u202fh\u202f30\u00a0– 16\u202fh/);
      await expectAccessible(page);

      // Three members register in turn.
      const pages: Page[] = [];
      for (const member of members) {
        const { page: memberPage } = await newPage(browser);
        await signIn(memberPage, member.email);
        await visit(memberPage, server.url, eventPath);
        await memberPage.getByRole('button', { name: /Je m’inscris/ }).click();
        pages.push(memberPage);
      }
      await slowly(() => pages[0].getByRole('heading', { level: 2, name: 'Vous êtes inscrit·e' }).count()).toBe(1);
      await slowly(() => pages[1].getByRole('heading', { level: 2, name: 'Vous êtes inscrit·e' }).count()).toBe(1);
      await slowly(() => pages[2].getByRole('heading', { level: 2 }).first().textContent()).toContain(
        french('Liste d’attente : vous êtes en 1re position'),
      );
      expect(await pages[2].getByRole('status').textContent()).toContain('vous êtes sur la liste d’attente');
      await expectAccessible(pages[2]);

      // Ana cancels; Chloé gets the seat and sees it.
      await pages[0].getByRole('button', { name: 'Annuler mon inscription' }).click();
      await slowly(() => pages[0].getByRole('status').textContent()).toContain('Votre inscription est annulée.');
      await pages[2].reload();
      expect(await pages[2].getByRole('heading', { level: 2, name: 'Vous êtes inscrit·e' }).count()).toBe(1);
      await visit(pages[2], server.url, '/notifications');
      expect(await pages[2].locator('main').textContent()).toContain('Une place s’est libérée');
      await visit(pages[2], server.url, '/agenda/mes-inscriptions');
      expect(await pages[2].getByRole('heading', { level: 2, name: 'Premiers pas sur la tablette' }).count()).toBe(1);
      await pages[2].getByRole('button', { name: 'Créer mon adresse privée' }).click();
      await slowly(() => pages[2].getByLabel('Votre adresse privée (gardez-la pour vous)').inputValue()).toMatch(
        /\/ical\/me\/[\w-]+\.ics$/,
      );
      await expectAccessible(pages[2]);

      // The organizer sees who comes and downloads the attendance sheet.
      await visit(page, server.url, eventPath);
      await page.getByRole('link', { name: 'Voir les inscriptions' }).click();
      await page.waitForURL('**/inscriptions');
      await expectAccessible(page);
      // The contact column holds an e-mail address or, for a person registered at the desk, a phone number; the last
      // one holds "Retirer" (agenda-organisateurs.test.ts).
      expect(await page.locator('table').first().locator('thead th').allTextContents()).toEqual([
        'Nom',
        'Courriel ou téléphone',
        'Inscrit·e le',
        'Actions',
      ]);
      const rows = await page.locator('table').first().locator('tbody tr').allTextContents();
      expect(rows.map((row) => row.split('agenda.e2e')[0])).toEqual(['Bruno Participant', 'Chloé Participante']);
      const sheetUrl = await page.getByRole('link', { name: /feuille d’émargement/ }).getAttribute('href');
      const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const csv = await (await fetch(sheetUrl!.replace(/^https?:\/\/[^/]+/, server.url), { headers: { cookie: cookies } })).text();
      expect(csv).toContain('Nom;Courriel;Téléphone;Commune;Statut;Rang en liste d’attente;Inscrit·e le;Signature');
      expect(csv).toContain('Chloé Participante');

      // On a phone the list comes first: its filters are folded, and the event shows on the first screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await visit(page, server.url, '/agenda');
      expect(await page.getByLabel('Type').isVisible()).toBe(false);
      const card = await page.getByRole('link', { name: 'Premiers pas sur la tablette' }).boundingBox();
      expect(card!.y + card!.height).toBeLessThan(844);
      // Unfolded, they filter; the filtered list keeps them open, showing what was chosen.
      await page.getByText('Filtrer les événements').click();
      await page.getByLabel('Type').selectOption('ATELIER');
      await page.getByLabel('Département').fill('44');
      await page.getByRole('button', { name: 'Afficher' }).click();
      await page.waitForURL((url) => url.searchParams.get('type') === 'ATELIER' && url.searchParams.get('departement') === '44');
      expect(await page.getByLabel('Type').inputValue()).toBe('ATELIER');
      expect(await page.getByRole('link', { name: 'Premiers pas sur la tablette' }).count()).toBe(1);
      await expectAccessible(page);
      // A département that does not exist is said next to its field, kept as typed.
      await visit(page, server.url, '/agenda?departement=4A');
      expect(await page.locator('#field-departement-error').textContent()).toContain('Ce numéro de département est inconnu');
      expect(await page.getByLabel('Département').inputValue()).toBe('4A');
      // A code of the right shape that is no département ("99") too, with the whole agenda below, not an error page.
      await visit(page, server.url, '/agenda?departement=99');
      expect(await page.locator('#field-departement-error').textContent()).toContain('Ce numéro de département est inconnu');
      expect(await page.getByRole('link', { name: 'Premiers pas sur la tablette' }).count()).toBe(1);
      await visit(page, server.url, '/agenda?vue=mois&mois=' + inDays(10).slice(0, 7));
      expect(await page.getByRole('link', { name: 'Premiers pas sur la tablette' }).count()).toBe(1);
      await visit(pages[1], server.url, eventPath);
      await expectWorksAt360(pages[1]);
    },
  );

  it('shows a barcamp program that organizers arrange with the keyboard', { timeout: 120_000 }, async () => {
    const organizer = await person('Karim Organisateur');
    const speaker = await person('Sophie Intervenante');
    const em = server.orm.em.fork();
    const organization = await createOrganization(em, organizer.user, { name: 'Réseau régional' });
    const day = inDays(20);
    const barcamp = await createEvent(em, organizer.user, {
      organizationId: organization.id,
      kind: EventKind.BARCAMP,
      title: 'Barcamp de la médiation numérique',
      localStart: `${day}T09:00`,
      localEnd: `${day}T17:00`,
      commune: 'Nantes',
      postalCode: '44000',
      capacity: 50,
      themes: ['Former les médiateurs', 'Les lieux de demain'],
    });
    await saveGrid(em, organizer.user, {
      eventId: barcamp.id,
      rooms: [{ name: 'Grande salle', capacity: 40 }],
      slots: [{ localStart: `${day}T10:00`, localEnd: `${day}T11:00` }],
    });
    await registerToEvent(em, speaker.user, barcamp.id);
    await proposeSession(em, speaker.user, {
      eventId: barcamp.id,
      title: 'Le FabLab comme lieu de médiation',
      theme: 'Les lieux de demain',
    });

    const { page } = await newPage(browser);
    await signIn(page, organizer.email);
    await visit(page, server.url, `/agenda/evenements/${barcamp.id}/programme`);
    const place = page.getByRole('group', { name: 'Place de « Le FabLab comme lieu de médiation »' });
    await place.getByLabel('Salle').selectOption({ label: 'Grande salle' });
    await place.getByLabel('Créneau').selectOption({ index: 1 });
    await place.getByRole('button', { name: 'Placer' }).press('Enter');
    await slowly(() => page.getByRole('status').textContent()).toContain('Session placée.');
    expect(await page.locator('table').first().textContent()).toContain('Le FabLab comme lieu de médiation');
    await expectAccessible(page);

    const { page: visitor } = await newPage(browser, { width: 360 });
    await visit(visitor, server.url, `/agenda/evenements/${barcamp.id}/programme`);
    expect(await visitor.locator('.grid-narrow').textContent()).toContain(french('Grande salle : Le FabLab comme lieu de médiation'));
    await expectWorksAt360(visitor);
  });
});
