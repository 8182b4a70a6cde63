import 'reflect-metadata';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { EventKind } from '../../server/src/modules/agenda/event.entity.js';
import { createEvent } from '../../server/src/modules/agenda/events.service.js';
import type { User } from '../../server/src/modules/comptes/user.entity.js';
import { askQuestion } from '../../server/src/modules/entraide/entraide.service.js';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { createMember } from '../helpers/accounts.js';
import { times } from '../helpers/french.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

/**
 * Live updates (GraphQL subscriptions over one WebSocket): what one member does shows on another
 * member's open page without a reload, and the pages are whole without JavaScript.
 */

let server: E2EServer;
let browser: Browser;
const PASSWORD = 'une phrase de passe solide';
const stamp = Date.now().toString(36);
let counter = 0;

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The machine's two cores are shared by many runs: give each change time to land. */
const slowly = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 200 });

/** A confirmed member with a session; `browse()` opens a browser already signed in as them. */
async function member(displayName: string) {
  counter += 1;
  const email = `live.${stamp}.${counter}@exemple.fr`;
  const { user, token } = await createMember(server.orm.em.fork(), { email, password: PASSWORD, displayName }, { ip: `10.7.0.${counter}` });
  return {
    user,
    token,
    async browse() {
      const opened = await newPage(browser);
      opened.context.setDefaultTimeout(60_000);
      recordFrames(opened.page);
      await opened.context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
      return opened;
    },
  };
}

/** Every WebSocket frame a page sends and receives (graphql-transport-ws messages), from its first socket on. */
const frames = new WeakMap<Page, { sent: string[]; received: string[] }>();
function recordFrames(page: Page): void {
  const log = { sent: [] as string[], received: [] as string[] };
  frames.set(page, log);
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => void log.sent.push(String(payload)));
    socket.on('framereceived', ({ payload }) => void log.received.push(String(payload)));
  });
}

/**
 * Waits until the page subscribed to `field` and the server answered it (its first value), or, for a
 * subscription with no first value, until `proof` (another subscription of the same page) was answered.
 */
async function subscribed(page: Page, field: string, proof = field): Promise<void> {
  const log = frames.get(page)!;
  await slowly(() =>
    Promise.resolve(
      log.sent.some((f) => f.includes('"subscribe"') && f.includes(field)) &&
        log.received.some((f) => f.includes('"next"') && f.includes(proof)),
    ),
  ).toBe(true);
}

/** Marks the page; `stillSamePage()` is true only if no reload or full navigation happened since. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { sansRechargement: boolean }).sansRechargement = true));
}
async function stillSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { sansRechargement?: boolean }).sansRechargement === true);
}

const badge = (page: Page) => page.getByRole('navigation', { name: 'Mon compte' }).locator('.badge');

async function api(token: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

describe('live updates in the browser', () => {
  it(
    "a new answer appears on the question page, announced, and the asker's badge and notifications follow",
    { timeout: 180_000 },
    async () => {
      const asker = await member('Amandine Demande');
      const helper = await member('Bastien Répond');
      const questionId = await askQuestion(server.orm.em.fork(), asker.user as User, {
        title: 'Comment partager une connexion depuis un téléphone ?',
        body: 'Une personne accueillie voudrait se servir de son téléphone comme borne Wi-Fi.',
        tags: ['Smartphone'],
      });

      // The asker reads their question; nobody has answered yet.
      const a = await asker.browse();
      await visit(a.page, server.url, `/entraide/questions/${questionId}`);
      await subscribed(a.page, 'answerAdded', 'myNotifications');
      expect(await a.page.getByRole('heading', { name: 'Aucune réponse' }).count()).toBe(1);
      expect(await badge(a.page).count()).toBe(0);
      await markPage(a.page);

      // Someone else answers, in their own browser.
      const b = await helper.browse();
      await visit(b.page, server.url, `/entraide/questions/${questionId}`);
      await b.page.getByLabel('Votre réponse').fill('Réglages, puis « Point d’accès et partage de connexion » : activez-le.');
      await b.page.getByRole('button', { name: 'Publier ma réponse' }).click();
      await slowly(() => b.page.getByRole('status').first().textContent()).toContain('Votre réponse est publiée');

      // The asker sees it appear, rendered like the others, and hears about it; their badge counts it.
      await slowly(() => a.page.getByText('Point d’accès et partage de connexion').count()).toBe(1);
      expect(await a.page.getByRole('heading', { name: '1 réponse', exact: true }).count()).toBe(1);
      expect(await a.page.getByRole('heading', { name: /^Réponse de Bastien Répond/ }).count()).toBe(1);
      expect(await a.page.locator('[aria-live="polite"]').filter({ hasText: 'Nouvelle réponse de Bastien Répond' }).count()).toBe(1);
      await slowly(() => badge(a.page).textContent()).toBe('1 non lue');
      expect(await stillSamePage(a.page)).toBe(true);
      await expectAccessible(a.page);

      // The answerer's own page shows their answer once (the page's data and the live one are the same answer).
      expect(await b.page.getByRole('heading', { name: /^Réponse de Bastien Répond/ }).count()).toBe(1);
      expect(await b.page.locator('[aria-live="polite"]').filter({ hasText: 'Nouvelle réponse' }).count()).toBe(0);

      // On the notifications page, a new notification appears at the top without reload.
      await a.page.getByRole('link', { name: /^Notifications/ }).click();
      await a.page.waitForURL('**/notifications');
      await subscribed(a.page, 'latest');
      expect(await stillSamePage(a.page)).toBe(true);
      expect(await a.page.locator('.cards .card').count()).toBe(1);
      await b.page.getByLabel('Votre réponse').fill('Autre piste : un câble USB, si l’ordinateur n’a pas de Wi-Fi.');
      await b.page.getByRole('button', { name: 'Publier ma réponse' }).click();
      await slowly(() => a.page.locator('.cards .card').count()).toBe(2);
      expect(await a.page.locator('.cards .card').first().textContent()).toContain('Bastien Répond a répondu');
      await slowly(() => badge(a.page).textContent()).toBe('2 non lues');
      expect(await stillSamePage(a.page)).toBe(true);
      await expectAccessible(a.page);

      // "Tout marquer comme lu" empties the badge (the page's data and the live count agree).
      await a.page.getByRole('button', { name: /Tout marquer comme lu/ }).click();
      await slowly(() => badge(a.page).count()).toBe(0);
      await Promise.all([a.context.close(), b.context.close()]);
    },
  );

  it(
    '"Il reste N places" follows registrations, for a visitor too; the time bank balance follows a gift',
    { timeout: 180_000 },
    async () => {
      const organizer = await member('Camille Organise');
      const attendee = await member('Denis Participe');
      const em = server.orm.em.fork();
      const organization = await createOrganization(em, organizer.user as User, { name: `Tiers-lieu ${stamp}` });
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
        new Date(Date.now() + 12 * 86_400_000),
      );
      const event = await createEvent(em, organizer.user as User, {
        organizationId: organization.id,
        kind: EventKind.ATELIER,
        title: 'Atelier messagerie',
        localStart: `${day}T10:00`,
        localEnd: `${day}T12:00`,
        address: '1 place de la Mairie',
        postalCode: '44000',
        commune: 'Nantes',
        capacity: 3,
      });

      // A visitor (not signed in) watches the event.
      const visitor = await newPage(browser);
      recordFrames(visitor.page);
      await visit(visitor.page, server.url, `/agenda/evenements/${event.id}`);
      await subscribed(visitor.page, 'eventSeats');
      expect(await visitor.page.getByRole('heading', { name: 'Il reste 3 places' }).count()).toBe(1);
      await markPage(visitor.page);

      // A member registers in their browser: the visitor's page counts one seat less.
      const d = await attendee.browse();
      await visit(d.page, server.url, `/agenda/evenements/${event.id}`);
      await d.page.getByRole('button', { name: 'Je m’inscris' }).click();
      await slowly(() => d.page.getByRole('heading', { name: 'Vous êtes inscrit·e' }).count()).toBe(1);
      await slowly(() => visitor.page.getByRole('heading', { name: 'Il reste 2 places' }).count()).toBe(1);
      expect(await stillSamePage(visitor.page)).toBe(true);
      await expectAccessible(visitor.page);
      await expectWorksAt360(visitor.page);

      // The organizer's own view of the event follows too (confirmed count).
      const o = await organizer.browse();
      await visit(o.page, server.url, `/agenda/evenements/${event.id}`);
      await subscribed(o.page, 'eventSeats');
      expect(await o.page.getByText('1 / 3').count()).toBe(1);
      await d.page.getByRole('button', { name: 'Annuler mon inscription' }).click();
      await slowly(() => visitor.page.getByRole('heading', { name: 'Il reste 3 places' }).count()).toBe(1);
      await slowly(() => o.page.getByText('0 / 3').count()).toBe(1);

      // The time bank: the attendee watches their account while the organizer gives them 30 minutes.
      await d.page.goto(`${server.url}/banque-de-temps/compte`);
      await subscribed(d.page, 'myTimebankBalance');
      expect(await d.page.getByTestId('balance').textContent()).toBe(times('0 min'));
      await markPage(d.page);
      await api(organizer.token, `mutation LiveGift($input: TransferTimeInput!) { transferTime(input: $input) { __typename } }`, {
        input: { toUserId: attendee.user.id, minutes: 30, memo: 'Merci pour l’atelier', idempotencyKey: `live-${stamp}` },
      });
      await slowly(() => d.page.getByTestId('balance').textContent()).toBe(times('30 min'));
      expect(await stillSamePage(d.page)).toBe(true);
      await expectAccessible(d.page);
      await Promise.all([visitor.context.close(), d.context.close(), o.context.close()]);
    },
  );

  it('after a cut, the page reconnects by itself, shows no error and catches up on what it missed', { timeout: 180_000 }, async () => {
    const asker = await member('Fanny Coupure');
    const helper = await member('Gaël Répond');
    const questionId = await askQuestion(server.orm.em.fork(), asker.user as User, {
      title: 'Que faire quand la connexion coupe pendant une démarche ?',
      body: 'Le formulaire en ligne perd tout quand le Wi-Fi de la médiathèque décroche.',
      tags: ['Démarches'],
    });
    const a = await asker.browse();
    // The page's sockets, and a switch that sends new ones to a wrong address (as if the network were down).
    await a.context.addInitScript(() => {
      const Native = window.WebSocket;
      const state = window as unknown as { liveSockets: WebSocket[]; liveCut: boolean };
      state.liveSockets = [];
      state.liveCut = false;
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(state.liveCut ? String(url).replace('/graphql', '/coupure') : url, protocols);
          state.liveSockets.push(this);
        }
      };
    });
    await visit(a.page, server.url, `/entraide/questions/${questionId}`);
    await subscribed(a.page, 'answerAdded', 'myNotifications');
    await markPage(a.page);

    // The connection drops and cannot come back for a while; meanwhile someone answers.
    await a.page.evaluate(() => {
      const state = window as unknown as { liveSockets: WebSocket[]; liveCut: boolean };
      state.liveCut = true;
      for (const socket of state.liveSockets) socket.close(4499, 'coupure');
    });
    const b = await helper.browse();
    await visit(b.page, server.url, `/entraide/questions/${questionId}`);
    await b.page.getByLabel('Votre réponse').fill('Enregistrez un brouillon hors ligne avant d’envoyer, si le site le permet.');
    await b.page.getByRole('button', { name: 'Publier ma réponse' }).click();
    await slowly(() => b.page.getByRole('status').first().textContent()).toContain('Votre réponse est publiée');
    expect(await a.page.getByText('Enregistrez un brouillon hors ligne').count()).toBe(0);
    expect(await a.page.getByRole('alert').count()).toBe(0);

    // The network is back: the page reconnects on its own and fetches what it missed, without a reload.
    await a.page.evaluate(() => ((window as unknown as { liveCut: boolean }).liveCut = false));
    await expect.poll(() => a.page.getByText('Enregistrez un brouillon hors ligne').count(), { timeout: 60_000, interval: 250 }).toBe(1);
    expect(await stillSamePage(a.page)).toBe(true);
    expect(await a.page.getByRole('alert').count()).toBe(0);
    // And it is live again: the next answer arrives by itself.
    await b.page.getByLabel('Votre réponse').fill('Ou préparez les pièces jointes à l’avance, dans un dossier du téléphone.');
    await b.page.getByRole('button', { name: 'Publier ma réponse' }).click();
    await slowly(() => a.page.getByText('Ou préparez les pièces jointes').count()).toBe(1);
    expect(await a.page.getByRole('heading', { name: '2 réponses', exact: true }).count()).toBe(1);
    expect(await stillSamePage(a.page)).toBe(true);
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('without JavaScript the pages are whole, as before', { timeout: 120_000 }, async () => {
    const asker = await member('Élise SansScript');
    const questionId = await askQuestion(server.orm.em.fork(), asker.user as User, {
      title: 'Faut-il JavaScript pour lire les réponses ?',
      body: 'Une question pour vérifier la page sans script.',
      tags: ['Accessibilité'],
    });
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    await context.addCookies([{ name: SESSION_COOKIE, value: asker.token, url: server.url }]);
    const page = await context.newPage();
    let sockets = 0;
    page.on('websocket', () => (sockets += 1));
    await page.goto(`${server.url}/entraide/questions/${questionId}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Faut-il JavaScript pour lire les réponses ?');
    expect(await page.getByRole('heading', { name: 'Aucune réponse' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Publier ma réponse' }).count()).toBe(1);
    expect(sockets).toBe(0);
    await context.close();
  });
});
