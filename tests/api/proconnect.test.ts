import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivationToken, createPendingAccount, peekActivation } from '../../server/src/modules/comptes/comptes.service.js';
import { accountsPrivacy } from '../../server/src/modules/comptes/comptes.privacy.js';
import { GraphQLClient, signUp, startTestApp, uniqueEmail, type TestApp } from '../helpers/api.js';
import { startOidcProvider, TestBrowser, type OidcTestProvider, type TestIdentity } from '../helpers/oidc.js';

import { french } from '../helpers/french.js';
const ME = `{ me { id email displayName } }`;
const CREATE_ORGANIZATION = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name slug } }`;
const PROPOSAL = `{ proConnectOrganization { id name pivot } }`;
const JOIN = `mutation ($input: JoinOrganizationBySiretInput!) { joinOrganizationBySiret(input: $input) { role organization { id } user { id } } }`;
const NOTIFICATIONS = `{ notifications(first: 10) { edges { node { kind message link } } } }`;

let provider: OidcTestProvider;
let app: TestApp;
beforeAll(async () => {
  provider = await startOidcProvider();
  app = await startTestApp({
    config: { proconnect: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret } },
  });
  provider.allowRedirectUri(`${app.url}/auth/proconnect/callback`);
});
afterAll(async () => {
  await app?.close();
  await provider?.close();
});

let subjects = 0;
/** A person known to the provider, with a fresh `sub`. */
function agent(identity: TestIdentity): string {
  subjects += 1;
  const sub = `agent-${Date.now().toString(36)}-${subjects}`;
  provider.identities.set(sub, identity);
  return sub;
}

interface Journey {
  /** Changes the authorization request on its way to the provider (what an attacker in the middle could try). */
  tamperAuthorization?: (url: URL) => void;
  /** Changes the provider's answer on its way back to Maillage. */
  tamperCallback?: (url: URL) => void;
  /** Gives up on the provider's login page instead of signing in. */
  abort?: boolean;
}

/**
 * Clicks "Se connecter avec ProConnect" in `browser`, signs in as `sub` on the provider's page, and
 * comes back to Maillage: returns where Maillage sends the browser in the end.
 */
async function signInWithProConnect(browser: TestBrowser, sub: string, retour = '/agenda', journey: Journey = {}): Promise<URL> {
  const start = await browser.fetch(`${app.url}/auth/proconnect?retour=${encodeURIComponent(retour)}`);
  expect(start.status).toBe(303);
  const authorization = new URL(start.headers.get('location')!);
  expect(authorization.origin).toBe(provider.issuer);
  journey.tamperAuthorization?.(authorization);

  const atLogin = await browser.follow(authorization);
  expect(atLogin.response?.status).toBe(200);
  const loginPage = atLogin.url;
  expect(loginPage.pathname).toMatch(/^\/interaction\//);

  const submitted = journey.abort
    ? await browser.fetch(new URL(`${loginPage.pathname}/abort`, provider.issuer))
    : await browser.logInAtProvider(loginPage, sub);
  expect(submitted.status).toBe(303);
  const back = await browser.follow(new URL(submitted.headers.get('location')!, provider.issuer), (next) => next.origin === app.url);
  expect(back.url.pathname).toBe('/auth/proconnect/callback');
  journey.tamperCallback?.(back.url);

  const callback = await browser.fetch(back.url);
  expect(callback.status).toBe(303);
  return new URL(callback.headers.get('location')!, app.url);
}

/** A GraphQL client holding the session the browser got. */
function clientOf(browser: TestBrowser): GraphQLClient {
  const client = app.client();
  const session = browser.cookie('maillage_session');
  if (session) client.cookies.set('maillage_session', session);
  return client;
}

async function row<T>(statement: string, values: unknown[]): Promise<T | undefined> {
  const rows = (await app.orm.em.getConnection().execute(statement, values)) as T[];
  return rows[0];
}

describe('Se connecter avec ProConnect', () => {
  it('sends the browser to the provider with PKCE (S256), a state, a nonce and the ProConnect scopes', async () => {
    const start = await new TestBrowser().fetch(`${app.url}/auth/proconnect`);
    expect(start.status).toBe(303);
    const url = new URL(start.headers.get('location')!);
    expect(url.origin + url.pathname).toBe(`${provider.issuer}/auth`);
    expect(url.searchParams.get('client_id')).toBe(provider.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(`${app.url}/auth/proconnect/callback`);
    expect(url.searchParams.get('scope')).toBe('openid email given_name usual_name siret');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    const cookie = start.headers.getSetCookie().find((c) => c.startsWith('maillage_proconnect='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\/auth\/proconnect/i);
  });

  it('creates a confirmed account without password at the first sign-in, then finds the same one again', async () => {
    const email = uniqueEmail('camille.durand');
    const sub = agent({ email, given_name: 'Camille', usual_name: 'Durand' });
    const browser = new TestBrowser();
    const landing = await signInWithProConnect(browser, sub, '/agenda');
    expect(landing.pathname).toBe('/agenda');
    expect(browser.cookie('maillage_proconnect')).toBeUndefined();
    const { me } = await clientOf(browser).data(ME);
    expect(me).toMatchObject({ email, displayName: 'Camille Durand' });
    const account = await row<{ email_verified_at: Date | null; password_hash: string | null; status: string }>(
      'select email_verified_at, password_hash, status from app_user where id = ?',
      [me.id],
    );
    expect(account?.email_verified_at).toBeTruthy();
    expect(account?.password_hash).toBeNull();
    expect(account?.status).toBe('active');

    // Another day, another browser: the same account, one identity.
    const again = new TestBrowser();
    await signInWithProConnect(again, sub, '/');
    expect((await clientOf(again).data(ME)).me.id).toBe(me.id);
    const identities = await row<{ count: string }>(`select count(*) from user_identity where user_id = ? and provider = 'proconnect'`, [
      me.id,
    ]);
    expect(Number(identities?.count)).toBe(1);
  });

  it('links an existing password account with the same e-mail instead of creating a second one', async () => {
    const email = uniqueEmail('dominique');
    await signUp(app.client(), 'Dominique Existant', email);
    const before = await row<{ id: string }>('select id from app_user where email = ?', [email]);
    await row('update app_user set email_verified_at = null where id = ?', [before!.id]);

    // ProConnect writes the address its own way (capitals): it is the same address.
    const browser = new TestBrowser();
    await signInWithProConnect(browser, agent({ email: email.toUpperCase(), given_name: 'Dominique', usual_name: 'Autre' }));
    const { me } = await clientOf(browser).data(ME);
    expect(me).toMatchObject({ id: before!.id, email, displayName: 'Dominique Existant' });
    expect(Number((await row<{ count: string }>('select count(*) from app_user where email = ?', [email]))?.count)).toBe(1);
    // ProConnect proved the address.
    expect(
      (await row<{ email_verified_at: Date | null }>('select email_verified_at from app_user where id = ?', [me.id]))?.email_verified_at,
    ).toBeTruthy();
  });

  it('activates an account an organization opened for the person, and its activation link stops working', async () => {
    const email = uniqueEmail('josette');
    const em = app.orm.em.fork();
    const pending = createPendingAccount(em, { email, displayName: 'Josette Rivière' });
    await em.flush();
    const activationToken = await createActivationToken(em, pending, null);

    const browser = new TestBrowser();
    await signInWithProConnect(browser, agent({ email, given_name: 'Josette', usual_name: 'Rivière' }));
    expect((await clientOf(browser).data(ME)).me).toMatchObject({ id: pending.id, email });
    expect((await row<{ status: string }>('select status from app_user where id = ?', [pending.id]))?.status).toBe('active');
    await expect(peekActivation(app.orm.em.fork(), activationToken)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a suspended account with the date the suspension ends, as the password sign-in does', async () => {
    const browser = new TestBrowser();
    const sub = agent({ email: uniqueEmail('suspendu'), given_name: 'Sam', usual_name: 'Suspendu' });
    await signInWithProConnect(browser, sub);
    const { me } = await clientOf(browser).data(ME);
    const until = new Date(Date.now() + 3 * 24 * 3600 * 1000);
    await row(`update app_user set status = 'suspended', suspended_until = ? where id = ?`, [until, me.id]);

    const later = new TestBrowser();
    const landing = await signInWithProConnect(later, sub, '/agenda');
    expect(landing.pathname).toBe('/connexion');
    expect(landing.searchParams.get('erreur')).toBe('proconnect-suspendu');
    expect(new Date(landing.searchParams.get('jusqua')!).getTime()).toBe(until.getTime());
    expect(landing.searchParams.get('retour')).toBe('/agenda');
    expect(later.cookie('maillage_session')).toBeUndefined();
  });

  it('refuses an identity without a usable e-mail address', async () => {
    const browser = new TestBrowser();
    const landing = await signInWithProConnect(browser, agent({ given_name: 'Sans', usual_name: 'Adresse' }));
    expect(landing.searchParams.get('erreur')).toBe('proconnect-email');
    expect(browser.cookie('maillage_session')).toBeUndefined();
  });

  it('says so when the person gives up on the provider’s page', async () => {
    const browser = new TestBrowser();
    const landing = await signInWithProConnect(browser, agent({ email: uniqueEmail() }), '/agenda', { abort: true });
    expect(landing.pathname).toBe('/connexion');
    expect(landing.searchParams.get('erreur')).toBe('proconnect-annule');
    expect(browser.cookie('maillage_session')).toBeUndefined();
  });
});

describe('what a ProConnect sign-in refuses', () => {
  it('refuses an answer whose state was changed', async () => {
    const browser = new TestBrowser();
    const landing = await signInWithProConnect(browser, agent({ email: uniqueEmail() }), '/agenda', {
      tamperCallback: (url) => url.searchParams.set('state', 'un-autre-etat-que-celui-envoye'),
    });
    expect(landing.pathname).toBe('/connexion');
    expect(landing.searchParams.get('erreur')).toBe('proconnect-session');
    expect(browser.cookie('maillage_session')).toBeUndefined();
  });

  it('refuses an answer brought to another browser (no sign-in started there: login CSRF)', async () => {
    const attacker = new TestBrowser();
    let stolen: URL | null = null;
    await signInWithProConnect(attacker, agent({ email: uniqueEmail('attaquant') }), '/', {
      tamperCallback: (url) => {
        stolen = new URL(url);
        url.searchParams.set('code', 'used-elsewhere');
      },
    });
    const victim = new TestBrowser();
    const answer = await victim.fetch(stolen!);
    expect(answer.status).toBe(303);
    expect(new URL(answer.headers.get('location')!, app.url).searchParams.get('erreur')).toBe('proconnect-session');
    expect(victim.cookie('maillage_session')).toBeUndefined();
  });

  it('refuses an ID token whose nonce is not the one this browser asked for', async () => {
    const browser = new TestBrowser();
    const landing = await signInWithProConnect(browser, agent({ email: uniqueEmail() }), '/', {
      tamperAuthorization: (url) => url.searchParams.set('nonce', 'un-nonce-rejoue-par-un-tiers-0123456789'),
    });
    expect(landing.searchParams.get('erreur')).toBe('proconnect-echec');
    expect(browser.cookie('maillage_session')).toBeUndefined();
  });

  it('refuses a code obtained with another PKCE challenge', async () => {
    const browser = new TestBrowser();
    const landing = await signInWithProConnect(browser, agent({ email: uniqueEmail() }), '/', {
      tamperAuthorization: (url) => url.searchParams.set('code_challenge', 'A'.repeat(43)),
    });
    expect(landing.searchParams.get('erreur')).toBe('proconnect-echec');
    expect(browser.cookie('maillage_session')).toBeUndefined();
  });

  it('refuses a forged pending cookie', async () => {
    const browser = new TestBrowser();
    const landing = await signInWithProConnect(browser, agent({ email: uniqueEmail() }), '/', {
      tamperCallback: () => {
        const [payload] = browser.cookie('maillage_proconnect')!.split('.');
        browser.setCookie('maillage_proconnect', `${payload}.${'x'.repeat(43)}`, '/auth/proconnect');
      },
    });
    expect(landing.searchParams.get('erreur')).toBe('proconnect-session');
    expect(browser.cookie('maillage_session')).toBeUndefined();
  });
});

describe('joining the organization ProConnect names (SIRET)', () => {
  const SIRET = '21440184400015';

  async function organizationWithSiret(pivot: string) {
    const admin = new TestBrowser();
    await signInWithProConnect(admin, agent({ email: uniqueEmail('admin'), given_name: 'Alex', usual_name: 'Admin' }));
    const client = clientOf(admin);
    const { createOrganization } = await client.data(CREATE_ORGANIZATION, {
      input: { name: `Mairie ${pivot.slice(-5)}`, kind: 'LIEU', pivot },
    });
    return { admin: client, organization: createOrganization };
  }

  it('proposes the organization after sign-in, joins it as a member and tells its admins', async () => {
    const { admin, organization } = await organizationWithSiret(SIRET);
    const browser = new TestBrowser();
    const landing = await signInWithProConnect(
      browser,
      agent({ email: uniqueEmail('agent'), given_name: 'Léa', usual_name: 'Agent', siret: SIRET }),
      '/agenda',
    );
    expect(landing.pathname).toBe('/connexion/proconnect/structure');
    expect(landing.searchParams.get('retour')).toBe('/agenda');

    const member = clientOf(browser);
    expect((await member.data(PROPOSAL)).proConnectOrganization).toMatchObject({ id: organization.id, pivot: SIRET });
    const { me } = await member.data(ME);
    const { joinOrganizationBySiret } = await member.data(JOIN, { input: { organizationId: organization.id } });
    expect(joinOrganizationBySiret).toMatchObject({ role: 'MEMBER', organization: { id: organization.id }, user: { id: me.id } });
    // Once a member, nothing more to propose, and a second join is refused.
    expect((await member.data(PROPOSAL)).proConnectOrganization).toBeNull();
    expect((await member.error(JOIN, { input: { organizationId: organization.id } })).extensions?.code).toBe('CONFLICT');

    const { notifications } = await admin.data(NOTIFICATIONS);
    expect(notifications.edges.map((e: any) => e.node)).toContainEqual({
      kind: 'reseau.member_joined',
      message: french(`Léa Agent a rejoint « ${organization.name} » avec ProConnect (même SIRET que la structure).`),
      link: `/organisations/${organization.slug}`,
    });
  });

  it('goes straight on when no organization of the directory has that SIRET', async () => {
    const browser = new TestBrowser();
    const landing = await signInWithProConnect(browser, agent({ email: uniqueEmail(), siret: '99999999999999' }), '/agenda');
    expect(landing.pathname).toBe('/connexion/proconnect/structure');
    expect((await clientOf(browser).data(PROPOSAL)).proConnectOrganization).toBeNull();
  });

  it('refuses to join a visitor, a member who never used ProConnect, and an identity with another SIRET', async () => {
    const { organization } = await organizationWithSiret('21440184400023');
    const input = { input: { organizationId: organization.id } };

    expect((await app.client().error(JOIN, input)).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.client().error(PROPOSAL)).extensions?.code).toBe('UNAUTHENTICATED');

    const withPassword = app.client();
    const email = uniqueEmail('sans-proconnect');
    await signUp(withPassword, 'Sans ProConnect', email);
    await row('update app_user set email_verified_at = now() where email = ?', [email]);
    const refused = await withPassword.error(JOIN, input);
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('ProConnect indique le SIRET');

    const elsewhere = new TestBrowser();
    await signInWithProConnect(elsewhere, agent({ email: uniqueEmail(), siret: '21440184400999' }));
    const other = await clientOf(elsewhere).error(JOIN, input);
    expect(other.extensions?.code).toBe('FORBIDDEN');
    expect(
      Number((await row<{ count: string }>('select count(*) from membership where organization_id = ?', [organization.id]))?.count),
    ).toBe(1);
  });
});

describe('mes données', () => {
  it('exports the ProConnect identity and erases it with the account', async () => {
    const browser = new TestBrowser();
    const sub = agent({ email: uniqueEmail('export'), siret: '21440184400015' });
    await signInWithProConnect(browser, sub);
    const { me } = await clientOf(browser).data(ME);
    const exported = (await accountsPrivacy.exportData(app.orm.em.fork(), me.id, 'fr')) as { identities: any[] };
    expect(exported.identities).toEqual([
      { provider: 'proconnect', subject: sub, siret: '21440184400015', createdAt: expect.any(String), lastUsedAt: expect.any(String) },
    ]);

    const em = app.orm.em.fork();
    await em.transactional((tx) => accountsPrivacy.erase(tx, me.id));
    expect(Number((await row<{ count: string }>('select count(*) from user_identity where user_id = ?', [me.id]))?.count)).toBe(0);
    // The same ProConnect identity now opens a new, empty account: nothing points to the deleted one.
    const again = new TestBrowser();
    await signInWithProConnect(again, sub);
    expect((await clientOf(again).data(ME)).me.id).not.toBe(me.id);
  });
});

describe('deleting an account that has no password', () => {
  const DELETE = `mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { kept { section } } }`;

  it('takes a ProConnect sign-in of the last minutes instead of the password, and refuses an older one', async () => {
    const sub = agent({ email: uniqueEmail('sans.mot.de.passe') });
    const browser = new TestBrowser();
    await signInWithProConnect(browser, sub);
    const { me } = await clientOf(browser).data(ME);
    await app.orm.em
      .getConnection()
      .execute(`update user_session set created_at = now() - interval '11 minutes' where user_id = ?`, [me.id]);
    const refused = await clientOf(browser).error(DELETE, { input: { password: '' } });
    expect(refused.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.extensions?.fields?.password).toMatch(/reconnectez-vous avec ProConnect/);
    expect((await row<{ status: string }>('select status from app_user where id = ?', [me.id]))?.status).toBe('active');

    const fresh = new TestBrowser();
    await signInWithProConnect(fresh, sub);
    await clientOf(fresh).data(DELETE, { input: { password: '' } });
    expect((await row<{ status: string }>('select status from app_user where id = ?', [me.id]))?.status).toBe('deleted');
  });
});

describe('signing out at ProConnect too', () => {
  const SIGN_OUT = `mutation { signOut { providerLogoutUrl } }`;

  /** "Se déconnecter" in `browser`: the Maillage session ends; returns where to go next (the provider, or nowhere). */
  async function signOut(browser: TestBrowser): Promise<string | null> {
    const client = clientOf(browser);
    const { signOut: result } = await client.data(SIGN_OUT);
    // The state cookie the answer set goes to the browser, as the web relays it.
    const state = client.cookies.get('maillage_proconnect_deconnexion');
    if (state) browser.setCookie('maillage_proconnect_deconnexion', state, '/auth/proconnect');
    return result.providerLogoutUrl;
  }

  it('sends a ProConnect session to the provider’s end-session endpoint, which ends it there and comes back signed out', async () => {
    const sub = agent({ email: uniqueEmail('deconnexion') });
    const browser = new TestBrowser();
    await signInWithProConnect(browser, sub);
    const session = browser.cookie('maillage_session')!;
    expect((await clientOf(browser).data(ME)).me).not.toBeNull();

    const next = await signOut(browser);
    expect(next).not.toBeNull();
    const logoutUrl = new URL(next!);
    expect(logoutUrl.origin + logoutUrl.pathname).toBe(`${provider.issuer}/session/end`);
    expect(logoutUrl.searchParams.get('id_token_hint')?.split('.')).toHaveLength(3);
    expect(logoutUrl.searchParams.get('post_logout_redirect_uri')).toBe(`${app.url}/auth/proconnect/deconnexion`);
    expect(logoutUrl.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    // Maillage's side is over already, whatever the provider does.
    const stale = app.client();
    stale.cookies.set('maillage_session', session);
    expect((await stale.data(ME)).me).toBeNull();

    // The provider asks "Do you want to sign-out?": yes.
    const page = await browser.fetch(logoutUrl);
    expect(page.status).toBe(200);
    const confirmed = await browser.confirmLogoutAtProvider(logoutUrl, await page.text());
    expect(confirmed.status).toBe(303);
    const back = new URL(confirmed.headers.get('location')!, provider.issuer);
    expect(back.origin + back.pathname).toBe(`${app.url}/auth/proconnect/deconnexion`);
    expect(back.searchParams.get('state')).toBe(logoutUrl.searchParams.get('state'));

    const landing = await browser.fetch(back);
    expect(landing.status).toBe(303);
    expect(landing.headers.get('location')).toBe('/?deconnexion=proconnect');
    expect(browser.cookie('maillage_proconnect_deconnexion')).toBeUndefined();
    expect((await clientOf(browser).data(ME)).me).toBeNull();

    // The provider's session is over too: signing in again asks for the login, not straight back.
    const start = await browser.fetch(`${app.url}/auth/proconnect`);
    const atProvider = await browser.follow(new URL(start.headers.get('location')!));
    expect(atProvider.url.pathname).toMatch(/^\/interaction\//);
    expect(atProvider.response?.status).toBe(200);
  });

  it('keeps the provider’s session when the person only signs out of Maillage with logout (what it did before)', async () => {
    const browser = new TestBrowser();
    await signInWithProConnect(browser, agent({ email: uniqueEmail('logout.seul') }));
    await clientOf(browser).data(`mutation { logout }`);
    expect((await clientOf(browser).data(ME)).me).toBeNull();
    expect(browser.cookie('maillage_proconnect_deconnexion')).toBeUndefined();
  });

  it('does not send a password session to the provider', async () => {
    const client = app.client();
    await signUp(client);
    expect((await client.data(ME)).me).not.toBeNull();
    const { signOut: result } = await client.data(SIGN_OUT);
    expect(result.providerLogoutUrl).toBeNull();
    expect(client.cookies.has('maillage_proconnect_deconnexion')).toBe(false);
    expect((await client.data(ME)).me).toBeNull();
  });

  it('refuses a forged or missing state on the way back gently: the home page, no message', async () => {
    const browser = new TestBrowser();
    await signInWithProConnect(browser, agent({ email: uniqueEmail('etat.falsifie') }));
    const logoutUrl = new URL((await signOut(browser))!);
    const forged = await browser.fetch(`${app.url}/auth/proconnect/deconnexion?state=${logoutUrl.searchParams.get('state')}x`);
    expect(forged.status).toBe(303);
    expect(forged.headers.get('location')).toBe('/');
    // Single use: the right state no longer works either once the cookie is spent.
    const replay = await browser.fetch(`${app.url}/auth/proconnect/deconnexion?state=${logoutUrl.searchParams.get('state')}`);
    expect(replay.headers.get('location')).toBe('/');
    // Another browser (no sign-out under way there), with the right state.
    const elsewhere = await new TestBrowser().fetch(`${app.url}/auth/proconnect/deconnexion?state=${logoutUrl.searchParams.get('state')}`);
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.get('location')).toBe('/');
  });

  it('never shows the ID token, and erases it with the session', async () => {
    const browser = new TestBrowser();
    await signInWithProConnect(browser, agent({ email: uniqueEmail('jeton') }));
    const { me } = await clientOf(browser).data(ME);
    const kept = await row<{ id_token: string | null }>('select id_token from user_session where user_id = ?', [me.id]);
    expect(kept?.id_token?.split('.')).toHaveLength(3);
    await signOut(browser);
    expect(Number((await row<{ count: string }>('select count(*) from user_session where user_id = ?', [me.id]))?.count)).toBe(0);
  });
});

describe('ProConnect not configured, or unreachable', () => {
  it('answers 404 when the three variables are not all set', async () => {
    const off = await startTestApp({ config: { proconnect: undefined } });
    try {
      expect((await fetch(`${off.url}/auth/proconnect`, { redirect: 'manual' })).status).toBe(404);
      expect((await fetch(`${off.url}/auth/proconnect/callback?code=x&state=y`, { redirect: 'manual' })).status).toBe(404);
    } finally {
      await off.close();
    }
  });

  it('sends the person back to the sign-in page with "indisponible" when the provider does not answer', async () => {
    const down = await startOidcProvider();
    await down.close();
    const unreachable = await startTestApp({ config: { proconnect: { issuer: down.issuer, clientId: 'x', clientSecret: 'y' } } });
    try {
      const answer = await fetch(`${unreachable.url}/auth/proconnect?retour=/agenda`, { redirect: 'manual' });
      expect(answer.status).toBe(303);
      const landing = new URL(answer.headers.get('location')!, unreachable.url);
      expect(landing.pathname).toBe('/connexion');
      expect(landing.searchParams.get('erreur')).toBe('proconnect-indisponible');
      expect(landing.searchParams.get('retour')).toBe('/agenda');
    } finally {
      await unreachable.close();
    }
  });
});
