import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/modules/comptes/password.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { STRONG_PASSWORD, startTestApp, uniqueEmail, type GraphQLClient, type TestApp } from '../helpers/api.js';

import { french } from '../helpers/french.js';
const REQUEST = `mutation ($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`;
const PEEK = `query ($token: String!) { passwordReset(token: $token) { displayName expiresAt } }`;
const RESET = `mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { id email displayName } }`;
const CHANGE = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { id } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { id } }`;
const ME = `{ me { id email } }`;
const SESSIONS = `{ mySessions { id device browser system createdAt lastSeenAt current } }`;
const REVOKE = `mutation ($input: RevokeSessionInput!) { revokeSession(input: $input) }`;

const NEW_PASSWORD = 'un jardin de tulipes au bord du canal';
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function sql(text: string, params: unknown[] = []): Promise<any[]> {
  return app.orm.em.getConnection().execute(text, params);
}

/** The reset e-mails queued for `email`, oldest first, with the token of their link. */
async function resetEmails(email: string): Promise<Array<{ subject: string; message: string; link: string; token: string }>> {
  const rows = await sql(
    `select subject, payload->'items'->0->>'message' as message, payload->'items'->0->>'link' as link
       from email_outbox where to_address = ? and payload->'items'->0->>'link' like '/mot-de-passe/nouveau/%'
      order by created_at, id`,
    [email],
  );
  return rows.map((row) => ({ ...row, token: row.link.slice('/mot-de-passe/nouveau/'.length) }));
}

async function noticeEmails(email: string): Promise<Array<{ subject: string; message: string }>> {
  return sql(
    `select subject, payload->'items'->0->>'message' as message from email_outbox
      where to_address = ? and subject = 'Maillage — Votre mot de passe a été changé' order by created_at`,
    [email],
  );
}

/** A member with a confirmed address, signed in with `client`. */
async function signUp(client: GraphQLClient, displayName = 'Dominique Test', email = uniqueEmail()) {
  const em = app.orm.em.fork();
  const user = em.create(User, { email, displayName, passwordHash: await hashPassword(STRONG_PASSWORD), emailVerifiedAt: new Date() });
  await em.flush();
  await client.data(LOGIN, { input: { email, password: STRONG_PASSWORD } });
  return { id: user.id, email, displayName };
}

/** A member signed in on a computer (Firefox), and the same person signed in on a phone (Chrome). */
async function memberOnTwoDevices(name = 'Dominique Test') {
  const first = app.client({ 'user-agent': FIREFOX_WINDOWS });
  const member = await signUp(first, name);
  const second = app.client({ 'user-agent': CHROME_ANDROID });
  await second.data(LOGIN, { input: { email: member.email, password: STRONG_PASSWORD } });
  return { ...member, first, second };
}

async function signedIn(client: GraphQLClient): Promise<string | null> {
  return (await client.data<{ me: { id: string } | null }>(ME)).me?.id ?? null;
}

async function requestReset(email: string, client = app.client()) {
  const started = Date.now();
  const result = await client.request(REQUEST, { input: { email } });
  return { ...result, ms: Date.now() - started };
}

describe('requestPasswordReset', () => {
  it('asks for an empty address, and says that something else is no address', async () => {
    const empty = await requestReset('');
    expect(empty.errors?.[0]?.extensions?.fields).toEqual({ email: 'Indiquez l’adresse e-mail de votre compte.' });
    const notAnAddress = await requestReset('pas-un-email');
    expect(notAnAddress.errors?.[0]?.extensions?.fields).toEqual({
      email: french('Cette adresse e-mail n’est pas valide (exemple : prenom.nom@exemple.fr).'),
    });
  });

  it('answers the same for a known, an unknown and a suspended address, and e-mails a link only to the active account', async () => {
    const known = await signUp(app.client(), 'Karima Connue');
    const suspended = await signUp(app.client(), 'Serge Suspendu');
    await sql(`update app_user set status = 'suspended', suspended_until = now() + interval '3 days' where id = ?`, [suspended.id]);
    const unknown = uniqueEmail('inconnu');

    const answers = [await requestReset(known.email), await requestReset(unknown), await requestReset(suspended.email)];
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ requestPasswordReset: true });
      expect(answer.status).toBe(200);
      // The work done for a known address does not show in the time taken.
      expect(answer.ms).toBeGreaterThanOrEqual(240);
    }

    const emails = await resetEmails(known.email);
    expect(emails).toHaveLength(1);
    expect(emails[0].subject).toBe('Maillage — Choisir un nouveau mot de passe');
    expect(emails[0].message).toMatch(/valable une heure/);
    expect(emails[0].token.length).toBeGreaterThan(30);
    expect(await sql(`select 1 from email_outbox where to_address = ?`, [unknown])).toHaveLength(0);
    expect(await resetEmails(suspended.email)).toHaveLength(0);
    // Only the digest of the token is kept.
    expect(await sql(`select 1 from account_link where token_hash = ?`, [emails[0].token])).toHaveLength(0);
  });

  it('finds the account whatever the case and spaces of the address typed', async () => {
    const member = await signUp(app.client());
    await requestReset(`  ${member.email.toUpperCase()} `);
    expect(await resetEmails(member.email)).toHaveLength(1);
  });

  it('refuses a missing or far too long address as bad input', async () => {
    const empty = await app.client().error(REQUEST, { input: { email: '   ' } });
    expect(empty.extensions?.code).toBe('BAD_USER_INPUT');
    expect(empty.extensions?.fields?.email).toMatch(/adresse e-mail/);
    const long = await app.client().error(REQUEST, { input: { email: `${'a'.repeat(300)}@exemple.fr` } });
    expect(long.extensions?.code).toBe('BAD_USER_INPUT');
    expect(long.extensions?.fields?.email).toMatch(/254 caractères/);
  });

  it('sends at most 5 links an hour to one address, still answering true', async () => {
    const member = await signUp(app.client());
    for (let i = 0; i < 7; i += 1) {
      expect((await requestReset(member.email)).data).toEqual({ requestPasswordReset: true });
    }
    expect(await resetEmails(member.email)).toHaveLength(5);
  });

  it('refuses a 31st request in an hour from one address of the internet, whatever the addresses asked', async () => {
    const other = await startTestApp();
    try {
      const answers = await Promise.all(
        Array.from({ length: 30 }, () => other.client().request(REQUEST, { input: { email: uniqueEmail('rafale') } })),
      );
      expect(answers.every((answer) => answer.data?.requestPasswordReset === true)).toBe(true);
      const refused = await other.client().error(REQUEST, { input: { email: uniqueEmail('rafale') } });
      expect(refused.extensions?.code).toBe('RATE_LIMITED');
      expect(refused.message).toMatch(/Trop de demandes/);
    } finally {
      await other.close();
    }
  });
});

describe('resetPassword', () => {
  it('sets the new password, proves the address, ends every session, signs this browser in and tells the person', async () => {
    const member = await memberOnTwoDevices('Rose Oubli');
    await sql(`update app_user set email_verified_at = null where id = ?`, [member.id]);
    const browser = app.client();
    await requestReset(member.email, browser);
    const [{ token }] = await resetEmails(member.email);

    const peek = await browser.data(PEEK, { token });
    expect(peek.passwordReset.displayName).toBe('Rose Oubli');
    expect(new Date(peek.passwordReset.expiresAt).getTime() - Date.now()).toBeGreaterThan(55 * 60 * 1000);
    expect(new Date(peek.passwordReset.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);

    const result = await browser.request(RESET, { input: { token, password: NEW_PASSWORD } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.resetPassword).toMatchObject({ id: member.id, email: member.email });
    expect(result.headers.getSetCookie().some((cookie) => cookie.startsWith('maillage_session='))).toBe(true);
    expect(await signedIn(browser)).toBe(member.id);
    // The devices signed in before (perhaps someone else's) are signed out.
    expect(await signedIn(member.first)).toBeNull();
    expect(await signedIn(member.second)).toBeNull();

    const old = await app.client().error(LOGIN, { input: { email: member.email, password: STRONG_PASSWORD } });
    expect(old.extensions?.code).toBe('UNAUTHENTICATED');
    const fresh = app.client();
    await fresh.data(LOGIN, { input: { email: member.email, password: NEW_PASSWORD } });
    expect(await signedIn(fresh)).toBe(member.id);

    const [row] = await sql(`select email_verified_at from app_user where id = ?`, [member.id]);
    expect(row.email_verified_at).toBeTruthy();
    const notices = await noticeEmails(member.email);
    expect(notices).toHaveLength(1);
    expect(notices[0].message).toMatch(/a été changé le .* \(heure de Paris\)/);
  });

  it('works once: the same link is refused afterwards, with a way to ask for a new one', async () => {
    const member = await signUp(app.client());
    await requestReset(member.email);
    const [{ token }] = await resetEmails(member.email);
    await app.client().data(RESET, { input: { token, password: NEW_PASSWORD } });

    const again = await app.client().error(RESET, { input: { token, password: 'encore une autre phrase de passe' } });
    expect(again.extensions?.code).toBe('NOT_FOUND');
    expect(again.message).toMatch(/Demandez-en un nouveau/);
    expect((await app.client().error(PEEK, { token })).extensions?.code).toBe('NOT_FOUND');
    const login = app.client();
    await login.data(LOGIN, { input: { email: member.email, password: NEW_PASSWORD } });
  });

  it('used in a browser where someone else is signed in, ends that person’s session there', async () => {
    const sharedComputer = app.client();
    const neighbour = await signUp(sharedComputer, 'Voisin Connecté');
    const member = await signUp(app.client());
    await requestReset(member.email);
    const [{ token }] = await resetEmails(member.email);
    await sharedComputer.data(RESET, { input: { token, password: NEW_PASSWORD } });
    expect(await signedIn(sharedComputer)).toBe(member.id);
    expect(await sql(`select 1 from user_session where user_id = ?`, [neighbour.id])).toHaveLength(0);
  });

  it('lets exactly one of two simultaneous uses of a link through', async () => {
    const member = await signUp(app.client());
    await requestReset(member.email);
    const [{ token }] = await resetEmails(member.email);
    const passwords = ['première phrase de passe bien longue', 'seconde phrase de passe bien longue'];
    const results = await Promise.all(passwords.map((password) => app.client().request(RESET, { input: { token, password } })));
    const won = results.filter((result) => !result.errors);
    expect(won).toHaveLength(1);
    expect(results.find((result) => result.errors)?.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await noticeEmails(member.email)).toHaveLength(1);
  });

  it('refuses an expired link and an unknown token', async () => {
    const member = await signUp(app.client());
    await requestReset(member.email);
    const [{ token }] = await resetEmails(member.email);
    await sql(`update account_link set expires_at = now() - interval '1 minute' where user_id = ? and purpose = 'password_reset'`, [
      member.id,
    ]);
    const expired = await app.client().error(RESET, { input: { token, password: NEW_PASSWORD } });
    expect(expired.extensions?.code).toBe('NOT_FOUND');
    expect(expired.message).toMatch(/expiré/);
    const unknown = await app.client().error(RESET, { input: { token: 'pas-un-vrai-lien', password: NEW_PASSWORD } });
    expect(unknown.extensions?.code).toBe('NOT_FOUND');
    const tooLong = await app.client().error(PEEK, { token: 'x'.repeat(101) });
    expect(tooLong.extensions?.code).toBe('BAD_USER_INPUT');
    const login = app.client();
    await login.data(LOGIN, { input: { email: member.email, password: STRONG_PASSWORD } });
  });

  it('a second request replaces the first link', async () => {
    const member = await signUp(app.client());
    await requestReset(member.email);
    await requestReset(member.email);
    const [first, second] = await resetEmails(member.email);
    expect(first.token).not.toBe(second.token);
    expect((await app.client().error(RESET, { input: { token: first.token, password: NEW_PASSWORD } })).extensions?.code).toBe('NOT_FOUND');
    await app.client().data(RESET, { input: { token: second.token, password: NEW_PASSWORD } });
  });

  it('refuses a weak password next to its field, and the link still works afterwards', async () => {
    const member = await signUp(app.client());
    await requestReset(member.email);
    const [{ token }] = await resetEmails(member.email);
    const weak = await app.client().error(RESET, { input: { token, password: 'court' } });
    expect(weak.extensions?.code).toBe('BAD_USER_INPUT');
    expect(weak.extensions?.fields?.password).toMatch(/10 caractères/);
    expect(await noticeEmails(member.email)).toHaveLength(0);
    await app.client().data(RESET, { input: { token, password: NEW_PASSWORD } });
  });
});

describe('changePassword', () => {
  it('is for signed-in members only', async () => {
    const error = await app.client().error(CHANGE, { input: { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD } });
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a wrong current password and a weak new one, each next to its field', async () => {
    const member = await memberOnTwoDevices();
    const wrong = await member.first.error(CHANGE, { input: { currentPassword: 'pas le bon mot de passe', newPassword: NEW_PASSWORD } });
    expect(wrong.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrong.extensions?.fields?.currentPassword).toMatch(/pas votre mot de passe actuel/);
    const weak = await member.first.error(CHANGE, { input: { currentPassword: STRONG_PASSWORD, newPassword: 'court' } });
    expect(weak.extensions?.fields?.newPassword).toMatch(/10 caractères/);
    expect(weak.extensions?.fields?.currentPassword).toBeUndefined();
    // Nothing changed: both devices are still signed in, the password is the same.
    expect(await signedIn(member.second)).toBe(member.id);
    await app.client().data(LOGIN, { input: { email: member.email, password: STRONG_PASSWORD } });
  });

  it('keeps this device signed in, signs the others out and tells the person by e-mail', async () => {
    const member = await memberOnTwoDevices();
    await member.first.data(CHANGE, { input: { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD } });
    expect(await signedIn(member.first)).toBe(member.id);
    expect(await signedIn(member.second)).toBeNull();
    expect((await app.client().error(LOGIN, { input: { email: member.email, password: STRONG_PASSWORD } })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    await app.client().data(LOGIN, { input: { email: member.email, password: NEW_PASSWORD } });
    const notices = await noticeEmails(member.email);
    expect(notices).toHaveLength(1);
    expect(notices[0].message).toMatch(/autres appareils connectés ont été déconnectés/);
  });

  it('refuses an 11th attempt in a quarter of an hour, even with the right password', async () => {
    const member = await memberOnTwoDevices();
    for (let i = 0; i < 10; i += 1) {
      const error = await member.first.error(CHANGE, { input: { currentPassword: `essai numéro ${i} raté`, newPassword: NEW_PASSWORD } });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const blocked = await member.first.error(CHANGE, { input: { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD } });
    expect(blocked.extensions?.code).toBe('RATE_LIMITED');
    await app.client().data(LOGIN, { input: { email: member.email, password: STRONG_PASSWORD } });
  });
});

describe('mySessions and revokeSession', () => {
  it('lists my devices in words, marks this one, and signs out another', async () => {
    const member = await memberOnTwoDevices();
    const { mySessions } = await member.first.data(SESSIONS);
    expect(mySessions).toHaveLength(2);
    const here = mySessions.find((s: any) => s.current);
    const phone = mySessions.find((s: any) => !s.current);
    expect(here).toMatchObject({ device: 'Firefox sur Windows', browser: 'Firefox', system: 'Windows' });
    expect(phone).toMatchObject({ device: 'Chrome sur Android', browser: 'Chrome', system: 'Android' });
    expect(new Date(phone.lastSeenAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const english = await app
      .client({ 'user-agent': CHROME_ANDROID, 'accept-language': 'en', cookie: cookieOf(member.second) })
      .data(SESSIONS);
    expect(english.mySessions.find((s: any) => s.current).device).toBe('Chrome on Android');

    expect((await member.first.data(REVOKE, { input: { id: phone.id } })).revokeSession).toBe(true);
    expect(await signedIn(member.second)).toBeNull();
    expect(await signedIn(member.first)).toBe(member.id);
    expect((await member.first.data(SESSIONS)).mySessions).toHaveLength(1);
  });

  it("answers NOT_FOUND for another person's session, and leaves it alone", async () => {
    const me = await memberOnTwoDevices('Moi Même');
    const other = await memberOnTwoDevices('Autre Personne');
    const { mySessions } = await other.first.data(SESSIONS);
    const error = await me.first.error(REVOKE, { input: { id: mySessions[0].id } });
    expect(error.extensions?.code).toBe('NOT_FOUND');
    const unknown = await me.first.error(REVOKE, { input: { id: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown).toEqual(error);
    expect((await me.first.error(REVOKE, { input: { id: '-' } })).extensions?.code).toBe('NOT_FOUND');
    expect(await signedIn(other.first)).toBe(other.id);
    expect(await signedIn(other.second)).toBe(other.id);
  });

  it('is for signed-in members only', async () => {
    expect((await app.client().error(SESSIONS)).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.client().error(REVOKE, { input: { id: '00000000-0000-4000-8000-000000000000' } })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('keeps "last activity" true to within 5 minutes without writing on every request', async () => {
    const member = await memberOnTwoDevices();
    const lastSeen = async () =>
      new Date(
        (await sql(`select last_seen_at from user_session where user_id = ? order by created_at limit 1`, [member.id]))[0].last_seen_at,
      );
    await sql(`update user_session set last_seen_at = now() - interval '2 minutes' where user_id = ?`, [member.id]);
    const twoMinutesAgo = await lastSeen();
    await signedIn(member.first);
    expect((await lastSeen()).getTime()).toBe(twoMinutesAgo.getTime());

    await sql(`update user_session set last_seen_at = now() - interval '10 minutes' where user_id = ?`, [member.id]);
    await signedIn(member.first);
    const { mySessions } = await member.second.data(SESSIONS);
    const firefox = mySessions.find((s: any) => s.browser === 'Firefox');
    const chrome = mySessions.find((s: any) => s.browser === 'Chrome');
    expect(Date.now() - new Date(firefox.lastSeenAt).getTime()).toBeLessThan(60_000);
    expect(Date.now() - new Date(chrome.lastSeenAt).getTime()).toBeLessThan(60_000);
  });
});

function cookieOf(client: GraphQLClient): string {
  return [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}
