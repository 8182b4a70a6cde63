/**
 * Verified e-mail addresses (issue #13, point 2): sign-up sends a confirmation link and tells no one
 * whether an address is known; until confirmed a member cannot publish; changing one's address needs
 * the password and a link opened from the new address; an organisation opening an account for a known
 * address attaches nothing. And a check on every mutation, so a new one cannot forget the rule.
 */
import { getMetadataStorage } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchema } from '../../server/src/graphql/schema.js';
import { accountEmailsTo, linkTokenSentTo } from '../helpers/accounts.js';
import { eventInput } from '../helpers/agenda.js';
import { STRONG_PASSWORD, signUp, startTestApp, uniqueEmail, type GraphQLClient, type TestApp } from '../helpers/api.js';

import { french } from '../helpers/french.js';
const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { message } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { id email } }`;
const VERIFY = `mutation ($input: EmailLinkInput!) { verifyEmail(input: $input) { id email emailVerified } }`;
const RESEND = `mutation { resendVerificationEmail { message } }`;
const CHANGE = `mutation ($input: ChangeEmailInput!) { changeEmail(input: $input) { message } }`;
const CONFIRM_CHANGE = `mutation ($input: EmailLinkInput!) { confirmEmailChange(input: $input) { id email emailVerified } }`;
const ME = `{ me { id email emailVerified } }`;
const CREATE_ORGANIZATION = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name } }`;
const ADD_MEMBER = `mutation ($input: MemberInput!) { addMember(input: $input) { role } }`;
const CREATE_MANAGED = `mutation ($input: CreateManagedAccountInput!) { createManagedAccount(input: $input) { message displayName email expiresAt } }`;

const CHECK_YOUR_MAILBOX = french('Vérifiez votre boîte mail : nous vous avons envoyé un lien pour confirmer votre adresse.');

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const sql = <T = any>(query: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(query, params);
const emailsTo = (address: string) => accountEmailsTo(app.orm.em.fork(), address);
const linkTo = (address: string, path: string) => linkTokenSentTo(app.orm.em.fork(), address, path);

/** Signed up and signed in with the password, but the confirmation link not opened. */
async function unverifiedMember(displayName: string): Promise<{ client: GraphQLClient; id: string; email: string }> {
  const client = app.client();
  const email = uniqueEmail('nouveau');
  await client.data(REGISTER, { input: { email, password: STRONG_PASSWORD, displayName } });
  const { login } = await client.data(LOGIN, { input: { email, password: STRONG_PASSWORD } });
  return { client, id: login.id, email };
}

describe('sign-up', () => {
  it('answers a new and a known address exactly alike, without a cookie; each gets the right e-mail', async () => {
    const known = await signUp(app.client(), 'Camille Déjà Là');
    const fresh = uniqueEmail('camille');
    const input = (email: string) => ({ input: { email, password: STRONG_PASSWORD, displayName: 'Camille Nouvelle' } });
    const forNew = await app.client().request(REGISTER, input(fresh));
    const forKnown = await app.client().request(REGISTER, input(known.email));

    expect(forNew.data).toEqual({ register: { message: CHECK_YOUR_MAILBOX } });
    expect({ status: forKnown.status, data: forKnown.data, errors: forKnown.errors }).toEqual({
      status: forNew.status,
      data: forNew.data,
      errors: forNew.errors,
    });
    expect(forNew.headers.getSetCookie()).toEqual([]);
    expect(forKnown.headers.getSetCookie()).toEqual([]);

    const [confirmation] = await emailsTo(fresh);
    expect(confirmation.subject).toBe('Maillage — Confirmez votre adresse e-mail');
    expect(confirmation.link).toMatch(/^\/inscription\/confirmer\/[\w-]{40,}$/);

    const [, notice] = await emailsTo(known.email);
    expect(notice.message).toMatch(/^Quelqu’un a essayé de créer un compte Maillage avec votre adresse\. Vous avez déjà un compte/);
    expect(notice.message).toMatch(/«\u00a0Mot de passe oublié\u202f\?\u00a0»/);
    expect(notice.link).toBe('/connexion');
    // Nothing was created or changed for the known address.
    const rows = await sql(`select display_name from app_user where email = ?`, [known.email]);
    expect(rows).toEqual([{ display_name: 'Camille Déjà Là' }]);
  });

  it('tells the owner of a pending (managed) account to ask the organisation for its activation link', async () => {
    const admin = app.client();
    await signUp(admin, 'Camille Admin');
    const { createOrganization } = await admin.data(CREATE_ORGANIZATION, { input: { name: 'Amicale de Malville', kind: 'LIEU' } });
    const email = uniqueEmail('josette');
    await admin.data(CREATE_MANAGED, { input: { organizationId: createOrganization.id, displayName: 'Josette Rivière', email } });

    const answer = await app.client().request(REGISTER, { input: { email, password: STRONG_PASSWORD, displayName: 'Josette' } });
    expect(answer.data).toEqual({ register: { message: CHECK_YOUR_MAILBOX } });
    const notice = (await emailsTo(email)).at(-1)!;
    expect(notice.message).toMatch(
      /Une structure qui vous accompagne vous a déjà ouvert un compte\u00a0: activez-le .* demandez-lui-en un nouveau/,
    );
    expect(notice.link).toBeNull();
  });

  it('sends at most 5 sign-up e-mails an hour to one address, and answers the same after that', async () => {
    const known = await signUp(app.client(), 'Bernard Jolivet');
    for (let attempt = 1; attempt <= 6; attempt++) {
      const answer = await app
        .client()
        .request(REGISTER, { input: { email: known.email, password: STRONG_PASSWORD, displayName: 'Bernard' } });
      expect(answer.data).toEqual({ register: { message: CHECK_YOUR_MAILBOX } });
    }
    // The first sign-up counts too: five in all, then nothing more reaches the address.
    const notices = (await emailsTo(known.email)).filter((email) => /a essayé de créer un compte/.test(email.message));
    expect(notices).toHaveLength(4);
  });

  it('confirms with a single-use link that signs in; an unknown or used link offers a new one', async () => {
    const browser = app.client();
    const email = uniqueEmail('nadia');
    await browser.data(REGISTER, { input: { email, password: STRONG_PASSWORD, displayName: 'Nadia Haddad' } });
    const token = await linkTo(email, '/inscription/confirmer/');

    const { verifyEmail } = await browser.data(VERIFY, { input: { token } });
    expect(verifyEmail).toMatchObject({ email, emailVerified: true });
    expect((await browser.data(ME)).me).toMatchObject({ email, emailVerified: true });

    const again = await app.client().error(VERIFY, { input: { token } });
    expect(again.extensions?.code).toBe('NOT_FOUND');
    expect(again.message).toMatch(/Ce lien de confirmation n’est pas valable\u00a0: .* demandez un nouveau lien/);
    expect((await app.client().error(VERIFY, { input: { token: 'inconnu' } })).extensions?.code).toBe('NOT_FOUND');
  });

  it('shows emailVerified to the person and admins only', async () => {
    const { client, id } = await unverifiedMember('Lucas Petit');
    expect((await client.data(ME)).me.emailVerified).toBe(false);
    const other = app.client();
    await signUp(other, 'Quelqu’un d’autre');
    const query = `query ($id: ID!) { user(id: $id) { emailVerified } }`;
    expect((await other.data(query, { id })).user.emailVerified).toBeNull();
    expect((await app.client().data(query, { id })).user.emailVerified).toBeNull();
  });
});

describe('before confirming', () => {
  it('refuses publishing in every section with the French message and the reason, allows the profile; after confirming, all pass', async () => {
    const newcomer = await unverifiedMember('Nina Nouvelle');
    // Made admin of an organisation by someone else: only the unconfirmed address stands in the way.
    const admin = app.client();
    const camille = await signUp(admin, 'Camille Admin');
    const { createOrganization: organization } = await admin.data(CREATE_ORGANIZATION, {
      input: { name: 'Médiathèque de Savenay', kind: 'LIEU' },
    });
    await admin.data(ADD_MEMBER, { input: { organizationId: organization.id, userId: newcomer.id, role: 'ADMIN' } });

    let attempt = 0;
    const publications: Array<[string, string, () => Record<string, unknown>]> = [
      [
        'askQuestion',
        `mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`,
        () => ({ input: { title: 'Comment aider à créer une adresse e-mail ?', body: 'Des conseils ?', tags: ['messagerie'] } }),
      ],
      [
        'createEvent',
        `mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
        () => ({ input: eventInput(organization.id) }),
      ],
      ['createOrganization', CREATE_ORGANIZATION, () => ({ input: { name: `Tiers-lieu de Nina ${++attempt}`, kind: 'LIEU' } })],
      [
        'transferTime',
        `mutation ($input: TransferTimeInput!) { transferTime(input: $input) { minutes } }`,
        () => ({ input: { toUserId: camille.id, minutes: 30, memo: 'Merci pour l’atelier', idempotencyKey: crypto.randomUUID() } }),
      ],
      [
        'createProject',
        `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
        () => ({
          input: { holderId: organization.id, title: `Fiches pas à pas ${++attempt}`, summary: 'Des fiches imprimables.', stage: 'IDEE' },
        }),
      ],
    ];
    for (const [name, mutation, variables] of publications) {
      const refused = await newcomer.client.error(mutation, variables());
      expect({ name, code: refused.extensions?.code, reason: refused.extensions?.reason }).toEqual({
        name,
        code: 'FORBIDDEN',
        reason: 'EMAIL_NOT_VERIFIED',
      });
      expect(refused.message).toBe(
        french(
          'Confirmez d’abord votre adresse e-mail : cliquez sur le lien que nous vous avons envoyé (vous pouvez en demander un nouveau).',
        ),
      );
    }
    const [{ questions }] = await sql(`select count(*)::int as questions from question where author_id = ?`, [newcomer.id]);
    expect(questions).toBe(0);

    const { updateProfile } = await newcomer.client.data(
      `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { commune } }`,
      { input: { commune: 'Savenay' } },
    );
    expect(updateProfile.commune).toBe('Savenay');

    await newcomer.client.data(VERIFY, { input: { token: await linkTo(newcomer.email, '/inscription/confirmer/') } });
    for (const [name, mutation, variables] of publications) {
      const result = await newcomer.client.request(mutation, variables());
      expect({ name, errors: result.errors }).toEqual({ name, errors: undefined });
    }
  });

  it('sends a new link on request, three times an hour; the previous link stops working', async () => {
    const { client, email } = await unverifiedMember('Karim Benali');
    const first = await linkTo(email, '/inscription/confirmer/');
    for (let i = 0; i < 3; i++) {
      const { resendVerificationEmail } = await client.data(RESEND);
      expect(resendVerificationEmail.message).toBe(
        `Un nouveau lien de confirmation vous a été envoyé à ${email}. Il reste valable 48 heures.`,
      );
    }
    const limited = await client.error(RESEND);
    expect(limited.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.message).toMatch(/patientez une heure/);
    expect(await emailsTo(email)).toHaveLength(4);

    expect((await app.client().error(VERIFY, { input: { token: first } })).extensions?.code).toBe('NOT_FOUND');
    const latest = await linkTo(email, '/inscription/confirmer/');
    expect((await app.client().data(VERIFY, { input: { token: latest } })).verifyEmail.emailVerified).toBe(true);

    const done = await client.error(RESEND);
    expect(done.extensions?.code).toBe('CONFLICT');
    expect((await app.client().error(RESEND)).extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('changing one’s address', () => {
  it('needs the password, sends a link to the new address and a notice to the old one; the link switches the address', async () => {
    const browser = app.client();
    const member = await signUp(browser, 'Sophie Garnier');
    const wrong = await browser.error(CHANGE, { input: { password: 'pas le bon mot de passe', newEmail: uniqueEmail() } });
    expect(wrong.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrong.extensions?.fields?.password).toBe('Mot de passe incorrect.');
    const malformed = await browser.error(CHANGE, { input: { password: STRONG_PASSWORD, newEmail: 'pas-une-adresse' } });
    expect(malformed.extensions?.fields?.newEmail).toMatch(/n’est pas valide/);

    const newEmail = uniqueEmail('sophie.garnier');
    const { changeEmail } = await browser.data(CHANGE, { input: { password: STRONG_PASSWORD, newEmail: newEmail.toUpperCase() } });
    expect(changeEmail.message).toMatch(/^Nous avons envoyé un lien à la nouvelle adresse/);
    const notice = (await emailsTo(member.email)).at(-1)!;
    expect(notice.message).toContain(`Une demande de changement d’adresse vers s***@exemple.fr a été faite`);
    expect(notice.message).toMatch(/changez votre mot de passe/);
    expect(notice.message).not.toContain(newEmail);
    expect((await browser.data(ME)).me.email).toBe(member.email);

    const token = await linkTo(newEmail, '/profil/adresse/confirmer/');
    const { confirmEmailChange } = await app.client().data(CONFIRM_CHANGE, { input: { token } });
    expect(confirmEmailChange).toMatchObject({ id: member.id });
    expect((await browser.data(ME)).me).toMatchObject({ email: newEmail, emailVerified: true });
    expect((await app.client().error(CONFIRM_CHANGE, { input: { token } })).extensions?.code).toBe('NOT_FOUND');
    const signedIn = await app.client().data(LOGIN, { input: { email: newEmail, password: STRONG_PASSWORD } });
    expect(signedIn.login.id).toBe(member.id);
  });

  it('answers the new address when the signed-in member opens the link in the same browser', async () => {
    const browser = app.client();
    await signUp(browser, 'Sophie Garnier');
    const newEmail = uniqueEmail('sophie.garnier');
    await browser.data(CHANGE, { input: { password: STRONG_PASSWORD, newEmail } });
    // The operation loads and changes the member before asking who is signed in: the answer shows the change.
    const { confirmEmailChange } = await browser.data(CONFIRM_CHANGE, {
      input: { token: await linkTo(newEmail, '/profil/adresse/confirmer/') },
    });
    expect(confirmEmailChange).toMatchObject({ email: newEmail, emailVerified: true });
    expect((await browser.data(ME)).me.email).toBe(newEmail);
  });

  it('answers the same for an address already taken: its owner only hears that someone tried, and no link is made', async () => {
    const browser = app.client();
    const member = await signUp(browser, 'Hélène Moreau');
    const owner = await signUp(app.client(), 'Owner Déjà Inscrit');
    const free = await browser.request(CHANGE, { input: { password: STRONG_PASSWORD, newEmail: uniqueEmail() } });
    const taken = await browser.request(CHANGE, { input: { password: STRONG_PASSWORD, newEmail: owner.email } });
    expect(taken.data).toEqual(free.data);
    expect(taken.errors).toBeUndefined();

    const heard = (await emailsTo(owner.email)).at(-1)!;
    expect(heard.message).toMatch(/^Quelqu’un a essayé d’utiliser votre adresse e-mail pour un autre compte Maillage/);
    expect(heard.link).toBeNull();
    // The old address is told in both cases, so its reader cannot tell either.
    expect((await emailsTo(member.email)).filter((email) => /Une demande de changement d’adresse/.test(email.message))).toHaveLength(2);
    const links = await sql(`select count(*)::int as n from account_link where new_email = ?`, [owner.email]);
    expect(links[0].n).toBe(0);
  });

  it('refuses the link when the address was taken meanwhile, limits attempts per account, and refuses a visitor', async () => {
    const browser = app.client();
    const member = await signUp(browser, 'Bastien Roux');
    const newEmail = uniqueEmail('bastien');
    await browser.data(CHANGE, { input: { password: STRONG_PASSWORD, newEmail } });
    const token = await linkTo(newEmail, '/profil/adresse/confirmer/');
    await signUp(app.client(), 'Plus Rapide', newEmail);
    const conflict = await app.client().error(CONFIRM_CHANGE, { input: { token } });
    expect(conflict.extensions?.code).toBe('CONFLICT');
    expect(conflict.message).toMatch(/votre adresse n’a pas changé/);
    expect((await browser.data(ME)).me.email).toBe(member.email);

    for (let attempt = 2; attempt <= 10; attempt++) {
      const error = await browser.error(CHANGE, { input: { password: `mauvais ${attempt}`, newEmail: uniqueEmail() } });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const limited = await browser.error(CHANGE, { input: { password: STRONG_PASSWORD, newEmail: uniqueEmail() } });
    expect(limited.extensions?.code).toBe('RATE_LIMITED');

    const visitor = await app.client().error(CHANGE, { input: { password: STRONG_PASSWORD, newEmail: uniqueEmail() } });
    expect(visitor.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('an organisation opening an account', () => {
  it('answers a known address like a new one, attaches nothing, and tells its owner', async () => {
    const admin = app.client();
    await signUp(admin, 'Camille Admin');
    const { createOrganization: organization } = await admin.data(CREATE_ORGANIZATION, {
      input: { name: 'Amicale laïque de Savenay', kind: 'LIEU' },
    });
    const known = await signUp(app.client(), 'Josette Déjà Inscrite');
    const fresh = uniqueEmail('josette');
    const open = (email: string) =>
      admin.request(CREATE_MANAGED, { input: { organizationId: organization.id, displayName: 'Josette Rivière', email } });
    const forKnown = await open(known.email);
    const forNew = await open(fresh);

    expect(forKnown.errors).toBeUndefined();
    const shape = (answer: any, email: string) => ({
      ...answer.data.createManagedAccount,
      message: answer.data.createManagedAccount.message.replace(email, '<adresse>'),
      email: answer.data.createManagedAccount.email.replace(email, '<adresse>'),
      expiresAt: answer.data.createManagedAccount.expiresAt.slice(0, 16),
    });
    expect(shape(forKnown, known.email)).toEqual(shape(forNew, fresh));
    expect(forNew.data!.createManagedAccount.message).toMatch(/^Un lien d’activation a été envoyé à cette adresse/);

    const memberships = await sql(`select count(*)::int as n from membership where user_id = ?`, [known.id]);
    expect(memberships[0].n).toBe(0);
    expect(await sql(`select display_name, status from app_user where email = ?`, [known.email])).toEqual([
      { display_name: 'Josette Déjà Inscrite', status: 'active' },
    ]);
    const activationLinks = await sql(`select count(*)::int as n from account_link where user_id = ? and purpose = 'activation'`, [
      known.id,
    ]);
    expect(activationLinks[0].n).toBe(0);
    const told = (await emailsTo(known.email)).at(-1)!;
    expect(told.message).toMatch(
      /^Une structure \(Amicale laïque de Savenay\) a voulu vous créer un compte Maillage, mais vous en avez déjà un avec cette adresse\u00a0: rien n’a été créé ni rattaché/,
    );
    expect(told.link).toBe('/connexion');
    // The new person's link went to them only.
    expect(await linkTo(fresh, '/activation/')).toMatch(/^[\w-]{40,}$/);

    // An admin cannot flood someone with these e-mails: three a day to one address, then the same answer and silence.
    const before = (await emailsTo(known.email)).length;
    for (let i = 0; i < 3; i += 1) expect((await open(known.email)).errors).toBeUndefined();
    expect((await emailsTo(known.email)).length).toBe(before + 2);
  });
});

describe('every mutation declares whether it needs a confirmed address', () => {
  /** What an unconfirmed member (or a visitor) may do: nothing that others see or receive. */
  const ALLOWED_BEFORE_CONFIRMING = [
    // visitors: signing up, in, out, activating, confirming, resetting a forgotten password
    'register',
    'login',
    'logout',
    'signOut',
    'activateAccount',
    'verifyEmail',
    'confirmEmailChange',
    'requestPasswordReset',
    'resetPassword',
    // guests without an account (agenda/guest-registrations.ts): by e-mailed private link
    'requestGuestRegistration',
    'confirmGuestRegistration',
    'cancelGuestRegistration',
    // one's own account
    'logoutEverywhere',
    'updateProfile',
    'resendVerificationEmail',
    'changeEmail',
    'changePassword',
    'revokeSession',
    'deleteMyAccount',
    'markNotificationsRead',
    'setNotificationPreference',
    'keepSelfCheckResult',
    'eraseSelfCheckResult',
    // following (private: only oneself is notified)
    'followQuestion',
    'followTag',
    // undoing or leaving: never blocked
    'cancelRegistration',
    'renewCalendarLink',
    'revokeCalendarLink',
    'closeTimebankPost',
    'cancelExchange',
    'withdrawAmendmentSupport',
    'withdrawAmendment',
    'withdrawCharterSignature',
    'removeMember',
    'deleteComment',
    'declineInvitation',
  ];
  /** Roles an admin gives (server/src/graphql/auth.ts): stricter than a confirmed address. */
  const STRICT_ROLES = ['VERIFIED', 'MODERATOR', 'ADMIN'];

  it('puts every mutation either behind VERIFIED (or a moderator/admin role) or in the list of what is allowed before confirming', async () => {
    const schema = await getSchema();
    const storage = getMetadataStorage();
    const inSchema = Object.keys(schema.getMutationType()!.getFields()).sort();
    const declared = storage.mutations.filter((mutation) => inSchema.includes(mutation.schemaName));
    expect(declared.map((mutation) => mutation.schemaName).sort()).toEqual(inSchema);

    const rolesOf = (target: (typeof declared)[number]['target'], methodName: string): string[] | null =>
      storage.authorizedFields.find((a) => a.target === target && a.fieldName === methodName)?.roles ??
      storage.authorizedResolver.find((a) => a.target === target)?.roles ??
      null;
    const offenders = declared
      .filter((mutation) => !ALLOWED_BEFORE_CONFIRMING.includes(mutation.schemaName))
      .filter((mutation) => !(rolesOf(mutation.target, mutation.methodName) ?? []).some((role) => STRICT_ROLES.includes(role)))
      .map(
        (mutation) => `${mutation.schemaName} (${mutation.target.name}): add @Authorized('VERIFIED'), or allow it before confirming here`,
      );
    expect(offenders).toEqual([]);

    // The list names real mutations, and the rule is really there (not everything allowed).
    expect(ALLOWED_BEFORE_CONFIRMING.filter((name) => !inSchema.includes(name))).toEqual([]);
    expect(inSchema.length - ALLOWED_BEFORE_CONFIRMING.length).toBeGreaterThan(50);
    const askQuestion = declared.find((mutation) => mutation.schemaName === 'askQuestion')!;
    expect(rolesOf(askQuestion.target, askQuestion.methodName)).toEqual(['VERIFIED']);
  });
});
