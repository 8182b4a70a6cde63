import net from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { createMember } from '../helpers/accounts.js';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

// "Suivis sur d'autres instances" (/federation): the page itself, without reaching any other server (this
// machine has no network: following an address that answers nothing must say so in French).
let server: E2EServer;
let browser: Browser;
let token: string;
beforeAll(async () => {
  // PUBLIC_URL is the server's own address: a form posted from another origin is refused as cross-site.
  [server, browser] = await Promise.all([startProductServer((url) => ({ FEDERATION: '1', PUBLIC_URL: url })), launchBrowser()]);
  const em = server.orm.em.fork();
  const camille = await createMember(em, {
    email: 'camille@exemple.fr',
    password: 'une phrase de passe solide',
    displayName: 'Camille Admin',
  });
  await createOrganization(em, camille.user, { name: 'Médiathèque de Montluc' });
  token = camille.token;
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
    let started = Date.now();
    await page.getByRole('button', { name: 'Suivre', exact: true }).click();
    await page.waitForLoadState('load');
    await page.getByText('Aucun compte trouvé à cette adresse sur le fédivers. Le serveur 127.0.0.1:9 ne répond pas').waitFor();
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await page.getByRole('alert').textContent()).toContain('Ce compte n’a pas pu être suivi.');
    expect(await page.getByLabel('Adresse du compte').inputValue()).toBe('@collectif@127.0.0.1:9');
    await context.close();

    // A server that takes the connection and never answers: the page does not wait for it (5 s at most).
    const silent = net.createServer((socket) => sockets.push(socket));
    const sockets: net.Socket[] = [];
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = `@collectif@127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    try {
      const { context: withScript, page: again } = await newPage(browser, { width: 360 });
      await withScript.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
      await visit(again, server.url, '/federation');
      await again.getByLabel('Adresse du compte').fill(address);
      started = Date.now();
      await again.getByRole('button', { name: 'Suivre', exact: true }).click();
      await again.getByText('n’a pas répondu dans les 5 secondes : réessayez plus tard.').waitFor({ timeout: 25_000 });
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(sockets.length).toBeGreaterThan(0);
      expect(await again.getByLabel('Adresse du compte').inputValue()).toBe(address);
      await withScript.close();
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  }, 90_000);
});
