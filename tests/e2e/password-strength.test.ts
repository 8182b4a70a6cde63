import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountLinkPurpose, createAccountLink } from '../../server/src/modules/comptes/account-links.js';
import { hashPassword } from '../../server/src/modules/comptes/password.js';
import { RESET_VALID_MS } from '../../server/src/modules/comptes/password-reset.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import {
  expectAccessible,
  expectWorksAt360,
  launchBrowser,
  newPage,
  POLL,
  startProductServer,
  visit,
  type E2EServer,
} from '../helpers/e2e.js';
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

const STRONG = 'une phrase de passe solide';
const WILL_BE_ACCEPTED = 'Ce mot de passe sera accepté.';
const WILL_NOT_BE_ACCEPTED = 'Ce mot de passe ne sera pas accepté.';
const ROW_OF_KEYS = 'Ce mot de passe est trop facile à deviner. Les suites de touches du clavier (azerty…) se devinent facilement.';
const PHRASE = 'Une phrase de quelques mots, facile à retenir pour vous, convient très bien.';
const OWN_NAME = 'Le mot de passe ne doit pas contenir votre nom ou votre adresse e-mail.';

/** What is written under a password field while it is typed (empty when nothing is said). */
async function hintUnder(page: Page, name = 'password'): Promise<string> {
  return ((await page.locator(`#field-${name}-strength`).textContent()) ?? '').trim();
}

/** The questions the page asked the API about a password, counted from now. */
function countStrengthQuestions(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on('request', (request) => {
    if (request.url().endsWith('/graphql') && (request.postData() ?? '').includes('passwordStrength')) seen.count += 1;
  });
  return seen;
}

describe('the hint under a new password, while it is typed', () => {
  it('on sign-up, at 360 px: a weak password gets the server’s advice before sending, a strong one is said to be accepted', async () => {
    const { context, page } = await newPage(browser, { width: 360 });
    await visit(page, server.url, '/inscription');
    await page.getByLabel('Nom affiché').fill('Nina Nouvelle');
    await page.getByLabel('Adresse e-mail').fill(`nina.${Date.now()}@exemple.fr`);
    const password = page.getByLabel('Mot de passe');

    // Nothing said before anything is typed; the field names the place of the hint, which speaks politely.
    expect(await hintUnder(page)).toBe('');
    expect((await password.getAttribute('aria-describedby'))?.split(' ')).toContain('field-password-strength');
    expect(await page.locator('#field-password-strength').getAttribute('aria-live')).toBe('polite');

    // Typed key by key: one question once the keys stop (not one per key), and the advice appears without sending.
    const questions = countStrengthQuestions(page);
    await password.click();
    await page.keyboard.type('azertyuiop', { delay: 40 });
    await expect.poll(() => hintUnder(page), POLL).toContain(WILL_NOT_BE_ACCEPTED);
    expect(await hintUnder(page)).toContain(french(ROW_OF_KEYS));
    expect(await hintUnder(page)).toContain(PHRASE);
    expect(questions.count).toBe(1);
    // Still on the form, nothing sent, the person still typing where they were.
    expect(page.url()).toBe(server.url + '/inscription');
    expect(await page.locator('#field-password-error').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-password');
    await expectAccessible(page);
    await expectWorksAt360(page);

    // The name typed above counts, as it does when the form is sent.
    await password.fill('nina nouvelle au bord du canal');
    await expect.poll(() => hintUnder(page), POLL).toContain(OWN_NAME);

    // A strong password: said to be accepted.
    await password.fill(STRONG);
    await expect.poll(() => hintUnder(page), POLL).toBe(WILL_BE_ACCEPTED);
    await expectAccessible(page);

    // Emptied: nothing said any more.
    await password.fill('');
    await expect.poll(() => hintUnder(page), POLL).toBe('');

    // The hint never holds the form back: a weak password is sent, and the server refuses it next to the field, as before.
    await password.fill('azertyuiop');
    await expect.poll(() => hintUnder(page), POLL).toContain(WILL_NOT_BE_ACCEPTED);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect.poll(() => page.locator('#field-password-error').textContent(), POLL).toContain(french(ROW_OF_KEYS));
    // The server's answer speaks for the password sent: said once next to the field, not again under it.
    expect(await hintUnder(page)).toBe('');
    await expectAccessible(page);
    // The next keys bring the hint back.
    await password.fill('azertyuiop123');
    await expect.poll(() => hintUnder(page), POLL).toContain(WILL_NOT_BE_ACCEPTED);

    // And a strong one signs up.
    await password.fill(STRONG);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vérifiez votre boîte mail' }).waitFor();
    await context.close();
  });

  it('without JavaScript, sign-up works as before: no hint, the server’s refusal next to the field', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(server.url + '/inscription');
    await page.getByLabel('Nom affiché').fill('Karim Benali');
    await page.getByLabel('Adresse e-mail').fill(`karim.${Date.now()}@exemple.fr`);
    await page.getByLabel('Mot de passe').fill('azertyuiop');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#field-password-error').textContent()).toContain(french(ROW_OF_KEYS));
    expect(await hintUnder(page)).toBe('');
    await page.getByLabel('Mot de passe').fill(STRONG);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vérifiez votre boîte mail' }).waitFor();
    await context.close();
  });

  it('on the page of a reset link: the password is judged for the link’s account (its name counts)', async () => {
    const em = server.orm.em.fork();
    const user = em.create(User, {
      email: `rose.${Date.now()}@exemple.fr`,
      displayName: 'Rose Jardinière',
      passwordHash: await hashPassword(STRONG),
      emailVerifiedAt: new Date(),
    });
    await em.flush();
    const token = await createAccountLink(em, user, AccountLinkPurpose.PASSWORD_RESET, RESET_VALID_MS);

    const { context, page } = await newPage(browser, { width: 360 });
    await visit(page, server.url, `/mot-de-passe/nouveau/${token}`);
    const password = page.getByLabel('Nouveau mot de passe');
    await password.fill('Rose Jardinière de Savenay');
    await expect.poll(() => hintUnder(page), POLL).toContain(OWN_NAME);
    expect(await hintUnder(page)).toContain(WILL_NOT_BE_ACCEPTED);
    await expectAccessible(page);

    await password.fill('un jardin de tulipes au bord du canal');
    await expect.poll(() => hintUnder(page), POLL).toBe(WILL_BE_ACCEPTED);
    await expectWorksAt360(page);
    await page.getByRole('button', { name: 'Enregistrer mon nouveau mot de passe' }).click();
    await page.waitForURL('**/profil/sessions?motdepasse=nouveau');
    await context.close();
  });
});
