import 'reflect-metadata';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askQuestion } from '../../server/src/modules/entraide/entraide.service.js';
import { createMember } from '../helpers/accounts.js';
import { expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

let server: E2EServer;
let browser: Browser;
const PASSWORD = 'une phrase de passe solide';
const stamp = Date.now().toString(36);
const people = {
  alice: { displayName: 'Alice Demande', email: `alice.${stamp}@exemple.fr` },
  basile: { displayName: 'Basile Expert', email: `basile.${stamp}@exemple.fr` },
};
let questionId = '';
let basileId = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
  const meta = { ip: '127.0.0.1' };
  const alice = (await createMember(server.orm.em.fork(), { ...people.alice, password: PASSWORD }, meta)).user;
  basileId = (await createMember(server.orm.em.fork(), { ...people.basile, password: PASSWORD }, meta)).user.id;
  questionId = await askQuestion(server.orm.em.fork(), alice, {
    title: 'Comment aider à prendre un rendez-vous en préfecture ?',
    body: 'Les créneaux partent en quelques minutes, avez-vous une astuce ?',
    tags: ['Préfecture'],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function person(email: string) {
  const opened = await newPage(browser);
  opened.context.setDefaultTimeout(90_000);
  const { page } = opened;
  await page.goto(`${server.url}/connexion?retour=%2Fentraide`);
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await page.waitForURL(`${server.url}/entraide`);
  return opened;
}

/** Picks a member in a combobox by keyboard: types, waits for the option, arrows to it, Enter. */
async function pickByKeyboard(page: Page, field: ReturnType<Page['getByRole']>, typed: string, name: string) {
  await field.pressSequentially(typed, { delay: 20 });
  const option = page.getByRole('option', { name: new RegExp(name) });
  await expect.poll(() => option.count(), { timeout: 20_000 }).toBe(1);
  expect(await field.getAttribute('aria-expanded')).toBe('true');
  expect(await option.getAttribute('aria-selected')).toBe('true');
  await field.press('ArrowDown');
  await field.press('ArrowUp');
  await field.press('Enter');
}

describe('Asking the experts in the browser', () => {
  it('A invites B from the question page, B is told and answers, A sees "a répondu"; a comment mentions B by keyboard', async () => {
    const path = `/entraide/questions/${questionId}`;
    const a = await person(people.alice.email);
    await visit(a.page, server.url, path);
    await expect.poll(() => a.page.getByRole('heading', { name: 'Demander aux expert·es' }).count()).toBe(1);

    // A invites B with the picker, by keyboard.
    const picker = a.page.getByRole('combobox', { name: 'Nom du ou de la membre' });
    await pickByKeyboard(a.page, picker, 'Basi', 'Basile Expert');
    expect(await a.page.getByRole('list', { name: 'Personnes choisies' }).textContent()).toContain('Basile Expert');
    await a.page.getByRole('button', { name: 'Inviter à répondre' }).click();
    await expect.poll(() => a.page.locator('.invitations').textContent(), { timeout: 30_000 }).toMatch(/Basile Expert\s*:\s*invité·e/);
    expect(await a.page.locator('.invitations').innerHTML()).not.toContain('@exemple.fr');

    // B is told, follows the notification and answers.
    const b = await person(people.basile.email);
    await visit(b.page, server.url, '/notifications');
    const told = b.page
      .locator('li', { hasText: 'Alice Demande vous invite à répondre' })
      .locator(`a[href$="?vers=${encodeURIComponent(path)}"]`);
    await expect.poll(() => told.count()).toBe(1);
    await told.click();
    await b.page.waitForURL(`**${path}`);
    await b.page.waitForLoadState('networkidle');
    expect(await b.page.getByText('Vous êtes invité·e à répondre à cette question.').count()).toBe(1);
    await b.page
      .getByRole('combobox', { name: /Votre réponse/ })
      .fill('Les créneaux sont remis en ligne le matin à 8 h : essayez à ce moment-là.');
    await b.page.getByRole('button', { name: 'Publier ma réponse' }).click();
    await b.page.waitForURL(/repondu/);
    // The answer is published: its box is empty again (a second tap no longer publishes it twice).
    await expect.poll(() => b.page.getByRole('combobox', { name: /Votre réponse/ }).inputValue()).toBe('');

    // A sees that B answered.
    await visit(a.page, server.url, path);
    expect(await a.page.locator('.invitations').textContent()).toMatch(/Basile Expert\s*:\s*a répondu/);

    // A comments under the answer and mentions B through the picker, by keyboard.
    const answer = a.page.locator('.answers > li').first();
    await answer.getByText('Commenter').click();
    const comment = answer.getByRole('combobox', { name: /Votre commentaire/ });
    await comment.fill('Merci ');
    await pickByKeyboard(a.page, comment, '@Basi', 'Basile Expert');
    // The box shows the name; the form sends the mention's markup.
    expect(await comment.inputValue()).toBe('Merci @Basile Expert ');
    const sent = answer.locator('form[action="?/comment"] input[type="hidden"][name="body"]');
    expect(await sent.inputValue()).toBe(`Merci @[Basile Expert](membre:${basileId}) `);
    // A picked name edited afterwards is plain text again, and the whole name again a mention.
    await comment.press('Backspace');
    await comment.press('Backspace');
    expect(await sent.inputValue()).toBe('Merci @Basile Exper');
    await comment.pressSequentially('t ');
    expect(await sent.inputValue()).toBe(`Merci @[Basile Expert](membre:${basileId}) `);
    await comment.press('Escape');
    await answer.getByRole('button', { name: 'Publier le commentaire' }).click();
    const mention = a.page.getByRole('link', { name: '@Basile Expert' });
    await expect.poll(() => mention.count(), { timeout: 30_000 }).toBe(1);
    expect(await mention.getAttribute('href')).toBe(`/membres/${basileId}`);
    // Its box is empty again, folded away with the answer's comments.
    expect(await answer.locator('form[action="?/comment"] textarea').inputValue()).toBe('');
    await expectWorksAt360(a.page);

    // B is told of the mention.
    await visit(b.page, server.url, '/notifications');
    expect(await b.page.getByText(/Alice Demande vous a mentionné·e/).count()).toBe(1);
  });
});
