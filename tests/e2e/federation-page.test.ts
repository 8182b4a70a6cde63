import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { openSession } from '../../server/src/modules/comptes/comptes.service.js';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

// "Suivis sur d'autres instances" (/federation): the page itself, without reaching any other server (this
// machine has no network: following an address that answers nothing must say so in French).
let server: E2EServer;
let browser: Browser;
let token: string;
beforeAll(async () => {
  [server, browser] = await Promise.all([
    startProductServer({ SEED_DEMO: '1', FEDERATION: '1', PUBLIC_URL: 'http://127.0.0.1' }),
    launchBrowser(),
  ]);
  const em = server.orm.em.fork();
  const camille = await em.findOneOrFail(User, { email: 'camille@demo.maillage.fr' });
  token = (await openSession(em, camille, { ip: '127.0.0.1' })).token;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the page of events followed on other instances', () => {
  it('tells a visitor what it is, without the form to follow', async () => {
    const { page } = await newPage(browser, { width: 360 });
    await visit(page, server.url, '/federation');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByLabel('Adresse du compte').count()).toBe(0);
  });

  it('lets an admin follow an address, by a plain form without JavaScript, with French errors and nothing typed lost', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/federation`);
    const handle = page.getByLabel('Adresse du compte');
    await handle.waitFor();
    expect(await page.locator('#field-organizationId option').count()).toBeGreaterThan(0);

    // Nothing answers at this address (a closed port on this machine): the form says so next to the field.
    await handle.fill('@collectif@127.0.0.1:9');
    await page.getByRole('button', { name: 'Suivre', exact: true }).click();
    await page.waitForLoadState('load');
    await page.getByText('Aucun compte trouvé à cette adresse sur le fédivers.').waitFor();
    expect(await page.getByLabel('Adresse du compte').inputValue()).toBe('@collectif@127.0.0.1:9');
    await context.close();

    const { context: withScript, page: again } = await newPage(browser, { width: 360 });
    await withScript.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
    await visit(again, server.url, '/federation');
    await again.getByLabel('Adresse du compte').waitFor();
  });
});
