import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logger } from '../../server/src/logger.js';
import { AccountLinkPurpose, createAccountLink } from '../../server/src/modules/comptes/account-links.js';
import { createActivationToken, createPendingAccount } from '../../server/src/modules/comptes/comptes.service.js';
import { hashPassword } from '../../server/src/modules/comptes/password.js';
import { RESET_VALID_MS } from '../../server/src/modules/comptes/password-reset.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { signUp, startTestApp, STRONG_PASSWORD, uniqueEmail, type TestApp } from '../helpers/api.js';
import { french } from '../helpers/french.js';

const STRENGTH = `query PasswordStrength($password: String!, $email: String, $displayName: String, $token: String) {
  passwordStrength(password: $password, email: $email, displayName: $displayName, token: $token) { accepted advice }
}`;
const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { message } }`;

const ROW_OF_KEYS = 'Ce mot de passe est trop facile à deviner. Les suites de touches du clavier (azerty…) se devinent facilement.';
const PHRASE = 'Une phrase de quelques mots, facile à retenir pour vous, convient très bien.';
const OWN_NAME = 'Le mot de passe ne doit pas contenir votre nom ou votre adresse e-mail.';
const TOO_LONG = 'Ce texte est trop long : 200 caractères au plus.';

let app: TestApp;
beforeAll(async () => {
  // Every operation counts as slow here, so the slow-operation log writes a line for each one.
  app = await startTestApp({ config: { slowMs: 0 } });
});
afterAll(async () => {
  await app?.close();
});

type Verdict = { accepted: boolean; advice: string | null };

async function judge(variables: Record<string, unknown>, client = app.client()): Promise<Verdict> {
  return (await client.data<{ passwordStrength: Verdict }>(STRENGTH, variables)).passwordStrength;
}

/** A confirmed member, made in the database. */
async function member(displayName: string): Promise<User> {
  const em = app.orm.em.fork();
  const user = em.create(User, {
    email: uniqueEmail(),
    displayName,
    passwordHash: await hashPassword(STRONG_PASSWORD),
    emailVerifiedAt: new Date(),
  });
  await em.flush();
  return user;
}

/** The log lines written while `action` runs (the logger at info level). */
async function logLines(action: () => Promise<void>): Promise<string[]> {
  const stream = (logger as unknown as Record<symbol, { write: (line: string) => boolean }>)[pino.symbols.streamSym];
  const write = stream.write;
  const level = logger.level;
  const lines: string[] = [];
  stream.write = (line: string) => lines.push(line) > 0;
  logger.level = 'info';
  try {
    await action();
  } finally {
    stream.write = write;
    logger.level = level;
  }
  return lines;
}

describe('passwordStrength: the hint under a new password', () => {
  it('says a strong password will be accepted, and why a weak one will not, with the advice of the sign-up', async () => {
    expect(await judge({ password: STRONG_PASSWORD })).toEqual({ accepted: true, advice: null });

    const weak = await judge({ password: 'azertyuiop' });
    expect(weak.accepted).toBe(false);
    expect(weak.advice).toBe(french(`${ROW_OF_KEYS} ${PHRASE}`));
    expect((await judge({ password: 'court' })).advice).toBe(
      french('Le mot de passe doit faire au moins 10 caractères. Une phrase facile à retenir convient très bien.'),
    );

    // One source of truth: the words of the refusal when the form is sent.
    for (const password of ['azertyuiop', 'court', 'aaaaaaaaaaaa', 'password12']) {
      const email = uniqueEmail();
      const refused = await app.client().error(REGISTER, { input: { email, displayName: 'Dominique Test', password } });
      const hint = await judge({ password, email, displayName: 'Dominique Test' });
      expect(hint, password).toEqual({ accepted: false, advice: refused.extensions?.fields?.password });
    }
  });

  it('speaks the reader’s language', async () => {
    const english = await judge({ password: 'azertyuiop' }, app.client({ 'accept-language': 'en-GB,en;q=0.9' }));
    expect(english.advice).toBe(
      'This password is too easy to guess. Rows of keys (qwerty…) are easy to guess. A phrase of a few words, easy for you to remember, works well.',
    );
  });

  it('judges the password against the person it is for, as the operation that sets it will', async () => {
    const password = 'camille martin du 44 nord';
    expect((await judge({ password })).accepted).toBe(true);

    // Sign-up: the name and the address typed in the form.
    expect(await judge({ password, displayName: '  Camille Martin ', email: 'c.m@exemple.fr' })).toEqual({
      accepted: false,
      advice: french(`${OWN_NAME} ${PHRASE}`),
    });
    expect(
      (await judge({ password: 'savenay.mediation et le jardin', email: ' Savenay.Mediation@exemple.fr', displayName: '' })).advice,
    ).toBe(french(`${OWN_NAME} ${PHRASE}`));

    // A reset link's page, an activation link's page: the account of the link.
    const rose = await member('Camille Martin');
    const resetToken = await createAccountLink(app.orm.em.fork(), rose, AccountLinkPurpose.PASSWORD_RESET, RESET_VALID_MS);
    expect((await judge({ password, token: resetToken })).advice).toBe(french(`${OWN_NAME} ${PHRASE}`));
    const em = app.orm.em.fork();
    const pending = createPendingAccount(em, { email: uniqueEmail(), displayName: 'Camille Martin' });
    await em.flush();
    const activationToken = await createActivationToken(em, pending, null);
    expect((await judge({ password, token: activationToken })).accepted).toBe(false);
    // A link that leads nowhere is no error: the password is judged for nobody in particular.
    expect(await judge({ password, token: 'un-lien-inconnu' })).toEqual({ accepted: true, advice: null });
    // The link stays usable.
    expect(
      await app.client().data(`query ($token: String!) { passwordReset(token: $token) { displayName } }`, { token: resetToken }),
    ).toEqual({
      passwordReset: { displayName: 'Camille Martin' },
    });

    // "Changer mon mot de passe": the signed-in member.
    const client = app.client();
    await signUp(client, 'Camille Martin');
    expect((await judge({ password }, client)).advice).toBe(french(`${OWN_NAME} ${PHRASE}`));
  });

  it('takes at most 200 characters, like the operations that set a password, and refuses more in French', async () => {
    expect((await judge({ password: 'é'.repeat(200) })).accepted).toBe(false);
    const refused = await app.client().error(STRENGTH, { password: 'é'.repeat(201) });
    expect(refused).toMatchObject({
      message: french(TOO_LONG),
      extensions: { code: 'BAD_USER_INPUT', fields: { password: french(TOO_LONG) } },
    });

    // The address up to 254 characters, as in the forms; a token up to 100.
    const longAddress = `${'a'.repeat(64)}@${'b'.repeat(186)}.fr`;
    expect(longAddress).toHaveLength(254);
    expect((await judge({ password: STRONG_PASSWORD, email: longAddress })).accepted).toBe(true);
    expect((await app.client().error(STRENGTH, { password: STRONG_PASSWORD, email: `a${longAddress}` })).extensions?.fields).toHaveProperty(
      'email',
    );
    expect((await app.client().error(STRENGTH, { password: STRONG_PASSWORD, token: 'x'.repeat(101) })).extensions?.fields).toEqual({
      token: french('Ce champ ne peut pas dépasser 100 caractères.'),
    });
  });

  it('is never answered over GET, where the password would sit in an address that proxies log and caches keep', async () => {
    const response = await app.client().get(STRENGTH, { password: STRONG_PASSWORD });
    const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    expect(body.errors?.[0]).toMatchObject({
      message: french('Envoyez le mot de passe dans le corps d’une requête POST, jamais dans une adresse.'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(body.data).toBeNull();
    expect(response.headers.get('cache-control') ?? '').not.toContain('public');
  });

  it('never writes the password typed in the logs, whether it is accepted, refused or too long', async () => {
    const secrets = ['unique-secret-Tulipe-7319 du canal', 'azerty-secret-4471', `long-secret-${'z'.repeat(200)}`];
    const lines = await logLines(async () => {
      for (const password of secrets) await app.client().request(STRENGTH, { password, email: 'x@exemple.fr', displayName: 'Dominique' });
      await app.client().get(STRENGTH, { password: secrets[0] });
    });
    // The slow-operation log did write its lines (SLOW_MS is 0 here): with the operation's name, without its variables.
    expect(
      lines.filter((line) => line.includes('slow GraphQL operation') && line.includes('"operationName":"PasswordStrength"')),
    ).toHaveLength(4);
    for (const line of lines) {
      for (const secret of secrets) expect(line).not.toContain(secret.slice(0, 18));
    }
  });
});
