import 'reflect-metadata';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { createEvent } from '../../server/src/modules/agenda/events.service.js';
import { EventKind } from '../../server/src/modules/agenda/event.entity.js';
import { createMember } from '../helpers/accounts.js';
import { launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

let server: E2EServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The machine is shared: give each page change time to land. */
const slowly = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 200 });

/** "YYYY-MM-DD" in `days` days, in Paris. */
function inDays(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** The link of the latest e-mail to a guest, as they would open it from their mailbox (the outbox). */
async function guestLinkSentTo(email: string): Promise<string | null> {
  const rows: Array<{ payload: { plain: { link?: string } } }> = await server.orm.em
    .fork()
    .getConnection()
    .execute(`select payload from email_outbox where to_address = ? and kind = 'agenda.guest' order by created_at desc, id desc limit 1`, [
      email,
    ]);
  return rows[0]?.payload.plain.link ?? null;
}

describe('registering without an account, on a phone', () => {
  it(
    'a guest registers with a first name and an e-mail, confirms from the e-mailed link, sees the page and cancels',
    { timeout: 180_000 },
    async () => {
      const { user } = await createMember(
        server.orm.em.fork(),
        { email: `invites.orga.${Date.now()}@exemple.fr`, password: 'une phrase de passe solide', displayName: 'Camille Organisatrice' },
        { ip: '10.7.0.1' },
      );
      const organization = await createOrganization(server.orm.em.fork(), user, { name: 'Médiathèque de Savenay' });
      const event = await createEvent(server.orm.em.fork(), user, {
        organizationId: organization.id,
        kind: EventKind.ATELIER,
        title: 'Atelier smartphone pour tous',
        localStart: `${inDays(9)}T14:30`,
        localEnd: `${inDays(9)}T16:00`,
        address: '12 rue de la Mairie',
        postalCode: '44260',
        commune: 'Savenay',
        capacity: 8,
      });

      const { context, page } = await newPage(browser, { width: 360 });
      await visit(page, server.url, `/agenda/evenements/${event.id}`);
      await page.getByRole('heading', { name: 'S’inscrire sans compte' }).waitFor();

      // Without consent, the form says why next to the box, and keeps what was typed.
      const email = `invitee.${Date.now()}@exemple.fr`;
      await page.getByRole('textbox', { name: /^Prénom/ }).fill('Aïcha');
      await page.getByRole('textbox', { name: /^Adresse e-mail/ }).fill(email);
      await page.getByRole('button', { name: 'Recevoir le lien de confirmation' }).click();
      await page.getByText('Acceptez que votre prénom et votre adresse servent à cette inscription pour continuer.').first().waitFor();
      await slowly(() => page.getByRole('textbox', { name: /^Adresse e-mail/ }).inputValue()).toBe(email);

      await page.getByRole('checkbox', { name: /J’accepte que mon prénom/ }).check();
      await page.getByRole('button', { name: 'Recevoir le lien de confirmation' }).click();
      await page
        .getByText(/Vérifiez votre boîte e-mail/)
        .first()
        .waitFor();

      // The mailbox: the link, opened on the phone.
      await slowly(() => guestLinkSentTo(email)).toMatch(/^\/agenda\/invite\//);
      const link = (await guestLinkSentTo(email))!;
      await visit(page, server.url, link);
      await page.getByRole('heading', { level: 1, name: 'Atelier smartphone pour tous' }).waitFor();
      expect(await page.getByText('Bonjour Aïcha,').count()).toBe(1);
      await page.getByRole('button', { name: 'Confirmer mon inscription' }).click();
      await page.getByText('Inscription confirmée').first().waitFor();
      // The hours as every page writes them in French, on the clock of the place.
      expect(await page.getByText(/, 14\u202fh\u202f30\u00a0– 16\u202fh/).count()).toBe(1);
      const calendar = page.getByRole('link', { name: 'Ajouter à mon agenda' });
      expect(await calendar.getAttribute('href')).toMatch(/\/ical\/invites\/[\w-]+\.ics$/);

      // The seat is counted on the event page.
      const seats = await server.orm.em
        .fork()
        .getConnection()
        .execute(`select count(*)::int as n from event_registration where event_id = ? and status = 'confirmed'`, [event.id]);
      expect(seats[0].n).toBe(1);

      // Back later by the same link: the page says it all, then the guest cancels.
      await visit(page, server.url, link);
      await page.getByRole('button', { name: 'Annuler mon inscription' }).click();
      await page.getByText('Votre inscription est annulée. Merci d’avoir libéré votre place.').waitFor();
      await page.getByText('Inscription annulée').first().waitFor();
      expect(await page.getByRole('button', { name: 'Annuler mon inscription' }).count()).toBe(0);
      const after = await server.orm.em
        .fork()
        .getConnection()
        .execute(`select count(*)::int as n from event_registration where event_id = ? and status = 'confirmed'`, [event.id]);
      expect(after[0].n).toBe(0);

      // A link that is not one of ours says so plainly.
      await visit(page, server.url, '/agenda/invite/nimportequoi');
      await page.getByRole('heading', { level: 1, name: 'Ce lien n’est pas valable' }).waitFor();
      await context.close();
    },
  );
});
