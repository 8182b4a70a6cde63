import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountEmailsTo, linkTokenSentTo } from '../helpers/accounts.js';
import { STRONG_PASSWORD, signUp, startTestApp, uniqueEmail, type TestApp } from '../helpers/api.js';

const CREATE_ORGANIZATION = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name slug kind myRole } }`;
const CREATE_MANAGED = `mutation ($input: CreateManagedAccountInput!) {
  createManagedAccount(input: $input) { message displayName email expiresAt }
}`;
const ACTIVATE = `mutation ($input: ActivateAccountInput!) { activateAccount(input: $input) { id email status } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ config: { publicUrl: 'https://maillage.exemple.fr' } });
});
afterAll(async () => {
  await app?.close();
});

async function organizationWithAdmin(name = 'Amicale laïque de Savenay') {
  const admin = app.client();
  await signUp(admin, 'Camille Admin');
  const { createOrganization } = await admin.data(CREATE_ORGANIZATION, { input: { name, kind: 'LIEU' } });
  return { admin, organization: createOrganization };
}

describe('organizations', () => {
  it('makes its creator admin, with a readable slug', async () => {
    const { organization } = await organizationWithAdmin('Médiathèque de Malville');
    expect(organization).toMatchObject({ name: 'Médiathèque de Malville', slug: 'mediatheque-de-malville', kind: 'LIEU', myRole: 'ADMIN' });
  });

  it('lists organizations as a cursor connection with totalCount', async () => {
    for (const name of ['Réseau A', 'Réseau B', 'Réseau C']) await organizationWithAdmin(name);
    const visitor = app.client();
    const query = `query ($after: String) { organizations(first: 2, after: $after, search: "Réseau") {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }`;
    const first = (await visitor.data(query)).organizations;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e: any) => e.node.name)).toEqual(['Réseau A', 'Réseau B']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await visitor.data(query, { after: first.pageInfo.endCursor })).organizations;
    expect(second.edges.map((e: any) => e.node.name)).toEqual(['Réseau C']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });
});

describe('managed accounts', () => {
  it('lets an organization admin create an account whose single-use link lets the person choose a password', async () => {
    const { admin, organization } = await organizationWithAdmin();
    const email = uniqueEmail('josette');
    const { createManagedAccount } = await admin.data(CREATE_MANAGED, {
      input: { organizationId: organization.id, displayName: 'Josette Rivière', email },
    });
    expect(createManagedAccount).toMatchObject({ displayName: 'Josette Rivière', email });
    expect(createManagedAccount.message).toMatch(/^Un lien d’activation a été envoyé à cette adresse/);
    expect(new Date(createManagedAccount.expiresAt).getTime()).toBeGreaterThan(Date.now());
    // The link goes to Josette's mailbox, never to the organisation.
    expect(JSON.stringify(createManagedAccount)).not.toMatch(/activation\//);
    const [mail] = await accountEmailsTo(app.orm.em.fork(), email);
    expect(mail.message).toMatch(/^Amicale laïque de Savenay vous a ouvert un compte sur Maillage/);
    const token = await linkTokenSentTo(app.orm.em.fork(), email, '/activation/');

    // Before activation, nobody can sign in to the account.
    const early = await app
      .client()
      .error(`mutation ($input: LoginInput!) { login(input: $input) { id } }`, { input: { email, password: STRONG_PASSWORD } });
    expect(early.extensions?.code).toBe('UNAUTHENTICATED');

    const josette = app.client();
    const { activation } = await josette.data(`query ($token: String!) { activation(token: $token) { displayName } }`, { token });
    expect(activation.displayName).toBe('Josette Rivière');
    const weak = await josette.error(ACTIVATE, { input: { token, password: '123' } });
    expect(weak.extensions?.fields?.password).toMatch(/au moins 10 caractères/);
    const { activateAccount } = await josette.data(ACTIVATE, { input: { token, password: STRONG_PASSWORD } });
    expect(activateAccount).toMatchObject({ email, status: 'ACTIVE' });
    expect((await josette.data(`{ me { email } }`)).me.email).toBe(email);

    const reused = await app.client().error(ACTIVATE, { input: { token, password: 'une autre phrase de passe' } });
    expect(reused.extensions?.code).toBe('NOT_FOUND');
    expect(reused.message).toMatch(/a déjà servi ou il a expiré/);
  });

  it('refuses someone who is not admin of that organization, and a visitor', async () => {
    const { organization } = await organizationWithAdmin();
    const stranger = app.client();
    await signUp(stranger, 'Quelqu’un d’autre');
    const input = { organizationId: organization.id, displayName: 'Personne', email: uniqueEmail() };
    const refused = await stranger.error(CREATE_MANAGED, { input });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/administrateurs de cette organisation/);
    expect((await app.client().error(CREATE_MANAGED, { input })).extensions?.code).toBe('UNAUTHENTICATED');
    const [{ count }] = await app.orm.em
      .getConnection()
      .execute(`select count(*)::int as count from app_user where email = ?`, [input.email]);
    expect(count).toBe(0);
  });

  it('refuses an expired link', async () => {
    const { admin, organization } = await organizationWithAdmin();
    const { createManagedAccount } = await admin.data(CREATE_MANAGED, {
      input: { organizationId: organization.id, displayName: 'Marcel Expiré', email: uniqueEmail() },
    });
    await app.orm.em.getConnection().execute(`update account_link set expires_at = now() - interval '1 minute'`);
    const token = await linkTokenSentTo(app.orm.em.fork(), createManagedAccount.email, '/activation/');
    const error = await app.client().error(ACTIVATE, { input: { token, password: STRONG_PASSWORD } });
    expect(error.extensions?.code).toBe('NOT_FOUND');
  });
});
