import 'reflect-metadata';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { createMember } from '../helpers/accounts.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

/**
 * Private messages (issue #18, point 4): Anne writes to Bastien from his profile, Bastien reads the
 * notification, replies, reports Anne's message; the moderator finds that one message in /moderation.
 */
let server: E2EServer;
let browser: Browser;
const people: Record<'anne' | 'bastien' | 'moderator', { id: string; token: string }> = {} as never;

async function signedIn(who: keyof typeof people): Promise<Page> {
  const { context, page } = await newPage(browser);
  await context.addCookies([{ name: SESSION_COOKIE, value: people[who].token, url: server.url }]);
  return page;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
  const em = server.orm.em.fork();
  const names = { anne: 'Anne Écrivaine', bastien: 'Bastien Lecteur', moderator: 'Hélène Modératrice' } as const;
  for (const [key, displayName] of Object.entries(names) as Array<[keyof typeof names, string]>) {
    const { user, token } = await createMember(em, {
      email: `${key}.conversations@exemple.fr`,
      password: 'une phrase de passe solide',
      displayName,
    });
    people[key] = { id: user.id, token };
  }
  // Members of a few weeks (past the first-week limits), and one moderator.
  await em.getConnection().execute(`update app_user set created_at = now() - interval '30 days'`);
  await em.getConnection().execute(`update app_user set role = 'moderator' where id = ?`, [people.moderator.id]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('conversations', () => {
  it('two members converse, one reports a message, the moderator sees only that message', async () => {
    const anne = await signedIn('anne');
    await visit(anne, server.url, `/membres/${people.bastien.id}`);
    await anne.getByRole('link', { name: 'Envoyer un message' }).click();
    await anne.waitForURL('**/conversations/nouvelle?membre=**');
    await visit(anne, server.url, `/conversations/nouvelle?membre=${people.bastien.id}`);
    await anne.getByLabel('Votre message').fill('Bonjour Bastien, je vends des pilules miracles !');
    await anne.getByRole('button', { name: 'Envoyer' }).click();
    await anne.waitForURL(/\/conversations\/[0-9a-f-]{36}$/);
    const conversationPath = new URL(anne.url()).pathname;
    await expect.poll(() => anne.locator('.messages').innerText()).toContain('je vends des pilules miracles');

    const bastien = await signedIn('bastien');
    await visit(bastien, server.url, '/notifications');
    // The header tells of the unread conversation; the notification says who wrote, not what.
    expect(await bastien.getByRole('link', { name: /Messages/ }).innerText()).toContain('1 non lue');
    // On a phone the brand, "Menu" and the unread count each stay whole on their line, inside the screen.
    await bastien.setViewportSize({ width: 360, height: 800 });
    for (const part of ['.brand strong', '.menu-button .badge'])
      expect((await bastien.locator(part).boundingBox())!.height, part).toBeLessThan(32);
    expect((await bastien.locator('.brand svg').boundingBox())!.width).toBe(32);
    const menuButton = (await bastien.locator('.menu-button').boundingBox())!;
    expect(menuButton.x + menuButton.width).toBeLessThanOrEqual(360);
    await bastien.setViewportSize({ width: 1200, height: 900 });
    expect(await bastien.locator('main').innerText()).toContain('Anne Écrivaine vous a écrit.');
    expect(await bastien.locator('main').innerText()).not.toContain('pilules');
    await bastien
      .locator(`main a[href$="?vers=${encodeURIComponent(conversationPath)}"]`)
      .first()
      .click();
    await bastien.waitForURL(`**${conversationPath}`);
    await visit(bastien, server.url, conversationPath);
    expect(await bastien.locator('.messages').innerText()).toContain('je vends des pilules miracles');
    // Opened, the conversation is read: the header, drawn with the page, no longer counts it.
    expect(await bastien.getByRole('link', { name: /Messages/ }).innerText()).not.toContain('non lue');

    await bastien.getByLabel('Votre message').fill('Non merci, et je le signale.');
    await bastien.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await expect.poll(() => bastien.locator('.messages').innerText()).toContain('Non merci, et je le signale.');

    await bastien.locator('.messages a[href^="/signaler?"]').first().click();
    await bastien.waitForURL('**/signaler?**');
    await bastien.getByLabel('Publicité ou spam').check();
    await bastien.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await expect.poll(() => bastien.getByRole('status').first().textContent()).toContain('Merci, votre signalement a été transmis');

    await visit(bastien, server.url, '/conversations');
    expect(await bastien.locator('main').innerText()).toContain('Anne Écrivaine');
    await expectWorksAt360(bastien);

    const moderator = await signedIn('moderator');
    // Not visit(): /moderation (the commun's page) has no meta description of its own, which visit() requires.
    await moderator.goto(`${server.url}/moderation`);
    await moderator.waitForLoadState('networkidle');
    await expectAccessible(moderator);
    const cases = await moderator.locator('.cases').innerText();
    expect(cases).toContain('Un message privé — 1 signalement');
    expect(cases).toContain('je vends des pilules miracles');
    expect(cases).not.toContain('Non merci');
    // Nothing more to open: the conversation is not the moderators'.
    const response = await fetch(new URL(conversationPath, server.url), {
      headers: { cookie: `${SESSION_COOKIE}=${people.moderator.token}` },
    });
    expect(response.status).toBe(404);
  }, 300_000);
});
