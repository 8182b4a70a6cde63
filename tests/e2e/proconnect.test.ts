import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithProConnect } from '../../server/src/modules/comptes/proconnect.service.js';
import { OrganizationKind } from '../../server/src/modules/reseau/organization.entity.js';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';
import { startOidcProvider, type OidcTestProvider } from '../helpers/oidc.js';
import { french } from '../helpers/french.js';

const SIRET = '21440184400015';
let provider: OidcTestProvider;
let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  provider = await startOidcProvider();
  [server, browser] = await Promise.all([
    startProductServer({
      PROCONNECT_ISSUER: provider.issuer,
      PROCONNECT_CLIENT_ID: provider.clientId,
      PROCONNECT_CLIENT_SECRET: provider.clientSecret,
    }),
    launchBrowser(),
  ]);
  provider.allowRedirectUri(`${server.url}/auth/proconnect/callback`);

  // The town hall of Savenay is in the directory with its SIRET; its admin signed in with ProConnect earlier.
  const em = server.orm.em.fork();
  const { user: admin } = await signInWithProConnect(
    em,
    { sub: 'admin-mairie', email: 'admin@mairie-savenay.exemple.fr', given_name: 'Alex', usual_name: 'Martin' },
    { ip: '127.0.0.1' },
  );
  await createOrganization(em.fork(), admin, { name: 'Mairie de Savenay', kind: OrganizationKind.LIEU, commune: 'Savenay', pivot: SIRET });
  provider.identities.set('lea.agent', {
    email: 'lea.agent@mairie-savenay.exemple.fr',
    given_name: 'Léa',
    usual_name: 'Moreau',
    siret: SIRET,
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await provider?.close();
});

describe('Se connecter avec ProConnect, in the browser', () => {
  it('goes to the provider, comes back signed in, and joins the organization with the same SIRET', async () => {
    const { context, page } = await newPage(browser);

    await visit(page, server.url, '/connexion?retour=/agenda');
    await expectWorksAt360(page);
    await page.getByRole('link', { name: 'Se connecter avec ProConnect' }).click();

    // The provider's own page (its development login form accepts any login).
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await page.locator('input[name="login"]').fill('lea.agent');
    await page.locator('input[name="password"]').fill('peu importe');
    await page.getByRole('button', { name: 'Sign-in' }).click();

    // Back on Maillage, signed in: ProConnect named the organization she works for.
    await page.waitForURL('**/connexion/proconnect/structure?retour=%2Fagenda');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(french('Vous travaillez pour Mairie de Savenay ?'));
    expect(await page.getByText('SIRET 214 401 844 00015').count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Rejoindre cette structure sur Maillage' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain(french('Vous faites maintenant partie de « Mairie de Savenay »'));
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Continuer' }).click();
    await page.waitForURL('**/agenda');
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(1);

    await page.goto(`${server.url}/organisations/mairie-de-savenay`);
    expect(await page.getByText('Léa Moreau').count()).toBeGreaterThan(0);

    // "Se déconnecter" ends the ProConnect session too: the provider asks, then sends her back signed out.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${provider.issuer}/session/end**`);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${server.url}/?deconnexion=proconnect`);
    expect(await page.getByRole('status').first().textContent()).toContain('Vous êtes déconnecté de Maillage et de ProConnect.');
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Se connecter' }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    // Signing in again goes through the provider's login page: her session there is over.
    await visit(page, server.url, '/connexion');
    await page.getByRole('link', { name: 'Se connecter avec ProConnect' }).click();
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await context.close();
  });

  it('says in plain words why a ProConnect sign-in failed', async () => {
    const { context, page } = await newPage(browser);
    await visit(page, server.url, '/connexion?erreur=proconnect-annule');
    expect(await page.getByRole('alert').textContent()).toContain('Vous avez annulé la connexion sur ProConnect.');
    // Only known codes: nothing typed in the address bar is shown.
    await page.goto(`${server.url}/connexion?erreur=${encodeURIComponent('Appelez le 08 99 …')}`);
    expect(await page.getByRole('alert').count()).toBe(0);
    await context.close();
  });

  it('offers no ProConnect button where ProConnect is not configured', async () => {
    const plain = await startProductServer();
    try {
      const { context, page } = await newPage(browser);
      await visit(page, plain.url, '/connexion');
      expect(await page.getByRole('link', { name: 'Se connecter avec ProConnect' }).count()).toBe(0);
      await page.goto(`${plain.url}/inscription`);
      expect(await page.getByRole('link', { name: 'Se connecter avec ProConnect' }).count()).toBe(0);
      expect((await fetch(`${plain.url}/auth/proconnect`, { redirect: 'manual' })).status).toBe(404);
      await context.close();
    } finally {
      await plain.close();
    }
  });
});
