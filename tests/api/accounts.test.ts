import { wrap } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSession } from '../../server/src/modules/comptes/comptes.service.js';
import { Role, User } from '../../server/src/modules/comptes/user.entity.js';
import { linkTokenSentTo } from '../helpers/accounts.js';
import { STRONG_PASSWORD, signUp, startTestApp, uniqueEmail, type TestApp } from '../helpers/api.js';

import { french } from '../helpers/french.js';
const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { message } }`;
const VERIFY = `mutation ($input: EmailLinkInput!) { verifyEmail(input: $input) { id email displayName emailVerified } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { id email displayName } }`;
const ME = `{ me { id email displayName } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('register', () => {
  it('creates the account without signing in; the e-mailed link confirms it and signs in with an HttpOnly SameSite=Lax cookie', async () => {
    const browser = app.client();
    const email = uniqueEmail('alice');
    const result = await browser.request(REGISTER, {
      input: { email: `  ${email.toUpperCase()} `, password: STRONG_PASSWORD, displayName: 'Alice Martin' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.register.message).toBe(
      french('Vérifiez votre boîte mail : nous vous avons envoyé un lien pour confirmer votre adresse.'),
    );
    expect(result.headers.getSetCookie()).toEqual([]);
    expect((await browser.data(ME)).me).toBeNull();

    const token = await linkTokenSentTo(app.orm.em.fork(), email, '/inscription/confirmer/');
    const confirmed = await browser.request(VERIFY, { input: { token } });
    expect(confirmed.data?.verifyEmail).toMatchObject({ email, displayName: 'Alice Martin', emailVerified: true });
    const cookie = confirmed.headers.getSetCookie().find((c) => c.startsWith('maillage_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const { me } = await browser.data(ME);
    expect(me).toMatchObject({ id: confirmed.data!.verifyEmail.id, email });
  });

  it('stores an argon2id hash with at least 19 MiB and 2 iterations, never the password', async () => {
    const browser = app.client();
    const { id } = await signUp(browser);
    const [row] = await app.orm.em.getConnection().execute(`select password_hash from app_user where id = ?`, [id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=\d+\$/);
    const [, memory, iterations] = /m=(\d+),t=(\d+)/.exec(row.password_hash)!;
    expect(Number(memory)).toBeGreaterThanOrEqual(19 * 1024);
    expect(Number(iterations)).toBeGreaterThanOrEqual(2);
    expect(row.password_hash).not.toContain(STRONG_PASSWORD);
  });

  it('refuses a weak password, a short name and a malformed address with French messages next to each field', async () => {
    const browser = app.client();
    const error = await browser.error(REGISTER, { input: { email: uniqueEmail(), password: 'court', displayName: 'X' } });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields?.password).toMatch(/au moins 10 caractères/);
    expect(error.extensions?.fields?.displayName).toMatch(/Indiquez votre nom/);

    const malformed = await browser.error(REGISTER, { input: { email: 'pas-une-adresse', password: STRONG_PASSWORD, displayName: 'Bob' } });
    expect(malformed.extensions?.fields?.email).toMatch(/n’est pas valide/);
    expect((await browser.request(ME)).data?.me).toBeNull();
  });

  it('answers in English when the browser asks for it', async () => {
    const error = await app.client({ 'accept-language': 'en-GB,en;q=0.9' }).error(REGISTER, {
      input: { email: 'nope', password: STRONG_PASSWORD, displayName: 'Bob' },
    });
    expect(error.extensions?.fields?.email).toMatch(/not valid/);
  });
});

describe('login and logout', () => {
  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const member = await signUp(app.client());
    const wrongPassword = await app.client().error(LOGIN, { input: { email: member.email, password: 'pas le bon mot de passe' } });
    const unknownEmail = await app.client().error(LOGIN, { input: { email: uniqueEmail('inconnu'), password: 'pas le bon mot de passe' } });
    expect(wrongPassword.message).toBe('Adresse e-mail ou mot de passe incorrect.');
    expect(unknownEmail).toEqual(wrongPassword);
    expect(wrongPassword.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('renews the session token at login, and logout revokes it on the server', async () => {
    const browser = app.client();
    const member = await signUp(browser);
    const firstToken = browser.cookies.get('maillage_session');
    await browser.data(LOGIN, { input: { email: member.email, password: STRONG_PASSWORD } });
    const secondToken = browser.cookies.get('maillage_session');
    expect(secondToken).toBeTruthy();
    expect(secondToken).not.toBe(firstToken);

    // A copy of the old cookie no longer works: the session was replaced.
    const stale = app.client();
    stale.cookies.set('maillage_session', firstToken!);
    expect((await stale.data(ME)).me).toBeNull();

    const copy = app.client();
    copy.cookies.set('maillage_session', secondToken!);
    expect((await copy.data(ME)).me.email).toBe(member.email);
    await browser.data(`mutation { logout }`);
    expect(browser.cookies.has('maillage_session')).toBe(false);
    expect((await copy.data(ME)).me).toBeNull();
  });

  it('stores only a hash of the session token', async () => {
    const browser = app.client();
    await signUp(browser);
    const token = browser.cookies.get('maillage_session')!;
    const rows = await app.orm.em.getConnection().execute(`select token_hash from user_session where token_hash = ?`, [token]);
    expect(rows).toHaveLength(0);
  });

  it('finds the session and its member in one statement, the member whole and with nothing to write back', async () => {
    const browser = app.client();
    const { id } = await signUp(browser, 'Camille Session');
    const em = app.orm.em.fork();
    await em.nativeUpdate(
      User,
      { id },
      {
        bio: 'Médiatrice à Savenay',
        languages: ['fr', 'br'],
        departement: '44',
        expertiseTags: ['caf'],
        role: Role.MODERATOR,
        emailVerifiedAt: new Date('2026-03-01T10:00:00.123Z'),
      },
    );
    const { result: found, sql } = await app.countStatements(() => findSession(em, browser.cookies.get('maillage_session')!));
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/from user_session s join app_user u/);
    // Who asks, as reads and the auth checker know them, comes from the row without making the member an entity.
    expect(found!.viewer).toEqual({ id, role: Role.MODERATOR, emailVerifiedAt: new Date('2026-03-01T10:00:00.123Z') });
    expect(em.getUnitOfWork().getById(User.name, id)).toBeUndefined();
    // The same member as MikroORM's own load (a column added to app_user later is not forgotten), and nothing the
    // request's flush would write back (mapped values that differed from a load would count as changes).
    const loaded = await app.orm.em.fork().findOneOrFail(User, { id });
    expect(wrap(found!.user).toObject()).toEqual(wrap(loaded).toObject());
    expect(found!.user.bio).toBe('Médiatrice à Savenay');
    // Once made, the entity is who asks (an operation may have changed them).
    expect(found!.viewer).toBe(found!.user);
    em.getUnitOfWork().computeChangeSets();
    expect(em.getUnitOfWork().getChangeSets()).toEqual([]);
    // A token nobody holds finds nothing.
    expect(await findSession(app.orm.em.fork(), 'x'.repeat(43))).toBeNull();
  });

  // Failed sign-ins (per account and address, growing delays, never a lock on the owner): sign-in-protection.test.ts.
});

describe('profile', () => {
  const UPDATE = `mutation ($input: UpdateProfileInput!) {
    updateProfile(input: $input) { id displayName metier commune departement expertiseTags languages bio bioHtml showEmail }
  }`;

  it('updates métier, territory, normalized expertise tags, languages and a sanitized Markdown bio', async () => {
    const browser = app.client();
    await signUp(browser);
    const { updateProfile } = await browser.data(UPDATE, {
      input: {
        metier: 'CONSEILLER_NUMERIQUE',
        commune: 'Savenay',
        departement: '44',
        expertiseTags: ['Aidants Connect', 'aidants-connect', 'Démarches CAF'],
        languages: ['fr', 'en'],
        bio: 'Je suis **conseillère**. <script>alert(1)</script> [lien](javascript:alert(1))',
      },
    });
    expect(updateProfile).toMatchObject({ metier: 'CONSEILLER_NUMERIQUE', commune: 'Savenay', departement: '44', languages: ['fr', 'en'] });
    expect(updateProfile.expertiseTags).toEqual(['aidants-connect', 'demarches-caf']);
    expect(updateProfile.bioHtml).toContain('<strong>conseillère</strong>');
    expect(updateProfile.bioHtml).not.toMatch(/<script|href="javascript:/i);
    expect(updateProfile.bioHtml).toContain('&lt;script&gt;');
  });

  it('keeps a commune typed in capitals as the official list spells it, and one typed in lower case as it is', async () => {
    const browser = app.client();
    const { id } = await signUp(browser, 'Yann Capitales');
    const communeOf = async () => (await app.client().data(`query ($id: ID!) { user(id: $id) { commune } }`, { id })).user.commune;
    await browser.data(UPDATE, { input: { commune: 'ST NAZAIRE' } });
    expect(await communeOf()).toBe('Saint-Nazaire');
    await browser.data(UPDATE, { input: { commune: 'LA CHAPELLE LAUNAY' } });
    expect(await communeOf()).toBe('La Chapelle-Launay');
    await browser.data(UPDATE, { input: { commune: 'St Nazaire' } });
    expect(await communeOf()).toBe('St Nazaire');
  });

  it('refuses an unknown département and keeps the profile unchanged', async () => {
    const browser = app.client();
    await signUp(browser, 'Paul Durand');
    const error = await browser.error(UPDATE, { input: { departement: '99', displayName: 'Paul D.' } });
    expect(error.extensions?.fields?.departement).toMatch(/département est inconnu/);
    expect((await browser.data(ME)).me.displayName).toBe('Paul Durand');
  });

  it('refuses a visitor', async () => {
    const error = await app.client().error(UPDATE, { input: { displayName: 'Personne' } });
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('hides the e-mail of others unless they chose to show it', async () => {
    const alice = app.client();
    const { id } = await signUp(alice);
    const query = `query ($id: ID!) { user(id: $id) { displayName email } }`;
    expect((await app.client().data(query, { id })).user.email).toBeNull();
    await alice.data(UPDATE, { input: { showEmail: true } });
    expect((await app.client().data(query, { id })).user.email).toMatch(/@exemple\.fr$/);
  });
});
