import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../helpers/agenda.js';
import { signUp, startTestApp, STRONG_PASSWORD, type GraphQLClient, type TestApp } from '../helpers/api.js';

import { french } from '../helpers/french.js';
const CREATE = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name slug kind myRole } }`;
const UPDATE = `mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) {
  id name commune codePostal departement telephone services fraisACharge horaires dateMaj standardId source latitude longitude logoUrl } }`;
const ADD_MEMBER = `mutation ($input: MemberInput!) { addMember(input: $input) { role user { id displayName } } }`;
const SET_ROLE = `mutation ($input: SetMemberRoleInput!) { setMemberRole(input: $input) { role } }`;
const REMOVE_MEMBER = `mutation ($input: RemoveMemberInput!) { removeMember(input: $input) }`;
const JOIN = `mutation ($input: JoinNetworkInput!) { requestToJoinNetwork(input: $input) { id status member { name } network { name } } }`;
const DECIDE = `mutation ($input: DecideNetworkRequestInput!) { decideNetworkRequest(input: $input) { id status } }`;
const NOTIFICATIONS = `{ notifications(first: 10) { edges { node { kind message link } } } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function person(name: string): Promise<{ client: GraphQLClient; id: string }> {
  // This file signs up more people than one address may in an hour (all come from 127.0.0.1).
  await app.orm.em.getConnection().execute(`delete from rate_limit where key like 'register:%'`);
  const client = app.client();
  const { id } = await signUp(client, name);
  return { client, id };
}

async function organization(admin: GraphQLClient, name: string, kind = 'LIEU'): Promise<{ id: string; slug: string }> {
  return (await admin.data(CREATE, { input: { name, kind } })).createOrganization;
}

async function countRows(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await app.orm.em.getConnection().execute(`select count(*)::int as n from (${sql}) rows`, params);
  return row.n;
}

describe("an organization's page in the standard v1.0.2", () => {
  it('keeps every field its admin fills in, in the standard spelling, dated today', async () => {
    const { client } = await person('Camille Admin');
    const place = await organization(client, 'Amicale laïque de Savenay');
    const { updateOrganization } = await client.data(UPDATE, {
      input: {
        id: place.id,
        commune: 'Savenay',
        codePostal: '44260',
        adresse: '3 place Guépin',
        telephone: '02 40 58 32 10',
        latitude: 47.3611,
        longitude: -1.9415,
        horaires: 'Mo 14:00-19:30; Tu-Fr 09:00-12:00',
        services: ['aide aux demarches administratives', 'Maîtrise des outils numériques du quotidien'],
        fraisACharge: ['Gratuit'],
        logoUrl: 'https://amicale-savenay.exemple.fr/logo.png',
      },
    });
    expect(updateOrganization).toMatchObject({
      commune: 'Savenay',
      codePostal: '44260',
      departement: '44',
      telephone: '+33240583210',
      fraisACharge: ['Gratuit'],
      services: ['Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien'],
      standardId: place.id,
      source: 'Maillage',
      latitude: 47.3611,
      longitude: -1.9415,
    });
    expect(updateOrganization.dateMaj).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses values outside the standard with a French message per field, and saves nothing', async () => {
    const { client } = await person('Camille Admin');
    const place = await organization(client, 'Médiathèque de Malville');
    await client.data(UPDATE, { input: { id: place.id, commune: 'Malville' } });
    const error = await client.error(UPDATE, {
      input: {
        id: place.id,
        commune: 'Savenay',
        codePostal: '4426',
        telephone: '12',
        services: ['Réparer des vélos'],
        horaires: 'le lundi matin',
        presentationResume: 'x'.repeat(281),
        latitude: 47.3,
        siteWeb: ['pas une adresse'],
        courriels: ['contact@'],
        pivot: '12',
      },
    });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = error.extensions?.fields ?? {};
    expect(fields.codePostal).toMatch(/5 chiffres/);
    expect(fields.telephone).toMatch(/n’est pas valide/);
    expect(fields.services).toMatch(/«\u00a0Réparer des vélos\u00a0» n’est pas une valeur possible/);
    expect(fields.horaires).toMatch(/format OpenStreetMap/);
    expect(fields.presentationResume).toMatch(/280 caractères/);
    expect(fields.longitude).toMatch(/latitude et la longitude ensemble/);
    expect(fields.siteWeb).toMatch(/adresse web/);
    expect(fields.courriels).toMatch(/adresse e-mail valide/);
    expect(fields.pivot).toMatch(/SIRET/);
    const { organization: saved } = await client.data(`query ($id: ID!) { organization(id: $id) { commune codePostal } }`, {
      id: place.id,
    });
    expect(saved).toEqual({ commune: 'Malville', codePostal: null });
  });

  it('lets admins and editors change the page, and refuses members, strangers and visitors', async () => {
    const admin = await person('Admin du lieu');
    const editor = await person('Éditrice');
    const member = await person('Membre simple');
    const stranger = await person('Quelqu’un d’autre');
    const place = await organization(admin.client, 'Espace public numérique de Cordemais');
    await admin.client.data(ADD_MEMBER, { input: { organizationId: place.id, userId: editor.id, role: 'EDITOR' } });
    await admin.client.data(ADD_MEMBER, { input: { organizationId: place.id, userId: member.id } });

    expect((await editor.client.data(UPDATE, { input: { id: place.id, commune: 'Cordemais' } })).updateOrganization.commune).toBe(
      'Cordemais',
    );
    for (const refused of [member.client, stranger.client]) {
      const error = await refused.error(UPDATE, { input: { id: place.id, commune: 'Ailleurs' } });
      expect(error.extensions?.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/administrateurs et éditeurs/);
    }
    expect((await app.client().error(UPDATE, { input: { id: place.id, commune: 'Ailleurs' } })).extensions?.code).toBe('UNAUTHENTICATED');
    expect(await countRows(`select 1 from organization where id = ? and commune = 'Cordemais'`, [place.id])).toBe(1);
  });

  it('lets only admins manage members, tells the new member, and always keeps one admin', async () => {
    const admin = await person('Admin unique');
    const editor = await person('Éditeur');
    const newcomer = await person('Nouvelle bénévole');
    const place = await organization(admin.client, 'Tiers-lieu de Bouée');
    await admin.client.data(ADD_MEMBER, { input: { organizationId: place.id, userId: editor.id, role: 'EDITOR' } });

    const refused = await editor.client.error(ADD_MEMBER, { input: { organizationId: place.id, userId: newcomer.id } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(
      (await editor.client.error(SET_ROLE, { input: { organizationId: place.id, userId: editor.id, role: 'ADMIN' } })).extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await editor.client.error(REMOVE_MEMBER, { input: { organizationId: place.id, userId: admin.id } })).extensions?.code).toBe(
      'FORBIDDEN',
    );

    const { addMember } = await admin.client.data(ADD_MEMBER, { input: { organizationId: place.id, userId: newcomer.id } });
    expect(addMember).toMatchObject({ role: 'MEMBER', user: { displayName: 'Nouvelle bénévole' } });
    const told = (await newcomer.client.data(NOTIFICATIONS)).notifications.edges.map((e: any) => e.node);
    expect(told).toContainEqual(
      expect.objectContaining({
        kind: 'reseau.member_added',
        message: french('Vous faites maintenant partie de « Tiers-lieu de Bouée ».'),
      }),
    );

    const lastAdmin = await admin.client.error(SET_ROLE, { input: { organizationId: place.id, userId: admin.id, role: 'MEMBER' } });
    expect(lastAdmin.extensions?.code).toBe('CONFLICT');
    expect(lastAdmin.message).toBe(french('Ce lieu garde toujours au moins un administrateur : nommez-en un autre d’abord.'));
    const leaving = await admin.client.error(REMOVE_MEMBER, { input: { organizationId: place.id, userId: admin.id } });
    expect(leaving.extensions?.code).toBe('CONFLICT');
    expect(leaving.message).toBe(french('Ce lieu garde toujours au moins un administrateur : nommez-en un autre d’abord.'));

    // A member may leave by themselves.
    expect((await newcomer.client.data(REMOVE_MEMBER, { input: { organizationId: place.id, userId: newcomer.id } })).removeMember).toBe(
      true,
    );
  });

  it('refuses a plain member, a stranger and a visitor managing members, and says when the person is already a member', async () => {
    const admin = await person('Admin du lieu');
    const member = await person('Simple membre');
    const stranger = await person('Inconnue');
    const place = await organization(admin.client, 'Espace numérique de Campbon');
    await admin.client.data(ADD_MEMBER, { input: { organizationId: place.id, userId: member.id } });
    const codes = async (client: GraphQLClient) =>
      Promise.all([
        client.error(ADD_MEMBER, { input: { organizationId: place.id, userId: stranger.id } }),
        client.error(SET_ROLE, { input: { organizationId: place.id, userId: member.id, role: 'ADMIN' } }),
        client.error(REMOVE_MEMBER, { input: { organizationId: place.id, userId: admin.id } }),
      ]).then((errors) => errors.map((error) => error.extensions?.code));

    expect(await codes(member.client)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(await codes(stranger.client)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(await codes(app.client())).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    // A stranger cannot let themself in either.
    const selfAdded = await stranger.client.error(ADD_MEMBER, { input: { organizationId: place.id, userId: stranger.id, role: 'ADMIN' } });
    expect(selfAdded.extensions?.code).toBe('FORBIDDEN');
    expect(await countRows(`select 1 from membership where organization_id = ?`, [place.id])).toBe(2);

    const twice = await admin.client.error(ADD_MEMBER, { input: { organizationId: place.id, userId: member.id, role: 'ADMIN' } });
    expect(twice.extensions?.code).toBe('CONFLICT');
    expect(twice.message).toBe('Cette personne fait déjà partie de l’organisation.');
    expect(await countRows(`select 1 from membership where organization_id = ? and role = 'admin'`, [place.id])).toBe(1);
  });

  it('names a network and a structure by their kind when their last admin tries to leave', async () => {
    const admin = await person('Coordinatrice seule');
    const network = await organization(admin.client, 'Réseau des aidants de Blain', 'RESEAU');
    const structure = await organization(admin.client, 'Association Clic et Déclic', 'STRUCTURE');
    const refusal = async (organizationId: string) =>
      (await admin.client.error(REMOVE_MEMBER, { input: { organizationId, userId: admin.id } })).message;
    expect(await refusal(network.id)).toBe(french('Ce réseau garde toujours au moins un administrateur : nommez-en un autre d’abord.'));
    expect(await refusal(structure.id)).toBe(
      french('Cette structure garde toujours au moins un administrateur : nommez-en un autre d’abord.'),
    );
  });

  it('never ends with no admin when two admins step down at the same time', async () => {
    const first = await person('Première admin');
    const second = await person('Second admin');
    const place = await organization(first.client, 'Centre social de Prinquiau');
    await first.client.data(ADD_MEMBER, { input: { organizationId: place.id, userId: second.id, role: 'ADMIN' } });
    const results = await Promise.all([
      first.client.request(SET_ROLE, { input: { organizationId: place.id, userId: first.id, role: 'MEMBER' } }),
      second.client.request(SET_ROLE, { input: { organizationId: place.id, userId: second.id, role: 'MEMBER' } }),
    ]);
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.find((r) => r.errors)?.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await countRows(`select 1 from membership where organization_id = ? and role = 'admin'`, [place.id])).toBe(1);
  });
});

describe('finding someone to add to a place', () => {
  const PEOPLE = `query ($search: String, $name: String) { people(search: $search, name: $name, first: 20) { edges { node { displayName } } } }`;
  const PROFILE = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`;

  it('matches the name only, while the directory’s words still read the commune, the presentation and the skills', async () => {
    await person('Gaëlle Ploërmel');
    const living = await person('Hervé Tanguy');
    const presented = await person('Yann Kervella');
    const skilled = await person('Soazig Le Bihan');
    await living.client.data(PROFILE, { input: { commune: 'Ploërmel' } });
    await presented.client.data(PROFILE, { input: { bio: 'Bénévole à l’espace numérique de Ploërmel.' } });
    await skilled.client.data(PROFILE, { input: { expertiseTags: ['Ploërmel en ligne'] } });
    const names = async (variables: { search?: string; name?: string }) =>
      (await app.client().data(PEOPLE, variables)).people.edges.map((edge: any) => edge.node.displayName);

    expect(await names({ name: 'ploermel' })).toEqual(['Gaëlle Ploërmel']);
    expect(await names({ name: 'HERVE tang' })).toEqual(['Hervé Tanguy']);
    expect(await names({ name: 'Le Bihan' })).toEqual(['Soazig Le Bihan']);
    // The people directory (/reseau/personnes) keeps its wider search.
    expect(await names({ search: 'ploermel' })).toEqual(['Gaëlle Ploërmel', 'Hervé Tanguy', 'Soazig Le Bihan', 'Yann Kervella']);
  });
});

describe('asking to join a place', () => {
  const ASK = `mutation ($input: AskToJoinOrganizationInput!) { askToJoinOrganization(input: $input) { id status message } }`;
  const WITHDRAW = `mutation ($input: WithdrawMembershipRequestInput!) { withdrawMembershipRequest(input: $input) { id status } }`;
  const ANSWER = `mutation ($input: DecideMembershipRequestInput!) { decideMembershipRequest(input: $input) { id status decidedAt } }`;
  const PAGE = `query ($id: ID!) { organization(id: $id) {
    myMembershipRequest { id status askAgainFrom }
    membershipRequests(first: 20) { totalCount edges { node { id message user { displayName } } } }
    members { edges { node { role user { displayName } } } } } }`;
  const inbox = async (who: { client: GraphQLClient }) =>
    (await who.client.data(NOTIFICATIONS)).notifications.edges.map((edge: any) => edge.node) as Array<{
      kind: string;
      message: string;
      link: string;
    }>;
  const pageOf = async (client: GraphQLClient, id: string) => (await client.data(PAGE, { id })).organization;
  const ask = (who: { client: GraphQLClient }, organizationId: string, message?: string) =>
    who.client.data(ASK, { input: { organizationId, message } }).then((data) => data.askToJoinOrganization);

  it("tells the place's admins, who see the request and accept it: the person is a plain member and is told", async () => {
    const admin = await person('Lénaïg Admin');
    const newcomer = await person('Nouvelle Venue');
    const place = await organization(admin.client, 'Médiathèque de Savenay');
    const request = await ask(newcomer, place.id, '  Je suis conseillère numérique à Savenay.  ');
    expect(request).toMatchObject({ status: 'PENDING', message: 'Je suis conseillère numérique à Savenay.' });

    expect(await inbox(admin)).toContainEqual({
      kind: 'reseau.membership_request',
      message: french('Nouvelle Venue demande à rejoindre « Médiathèque de Savenay ».'),
      link: `/organisations/${place.slug}#demandes`,
    });
    // Also by e-mail, the kind's default.
    expect(await countRows(`select 1 from email_outbox where kind = 'reseau.membership_request' and recipient_id = ?`, [admin.id])).toBe(1);
    expect((await pageOf(admin.client, place.id)).membershipRequests).toEqual({
      totalCount: 1,
      edges: [{ node: { id: request.id, message: 'Je suis conseillère numérique à Savenay.', user: { displayName: 'Nouvelle Venue' } } }],
    });
    expect((await pageOf(newcomer.client, place.id)).myMembershipRequest).toMatchObject({ id: request.id, status: 'PENDING' });

    const twice = await newcomer.client.error(ASK, { input: { organizationId: place.id } });
    expect(twice.extensions?.code).toBe('CONFLICT');
    expect(twice.message).toBe(
      french('Vous avez déjà demandé à rejoindre ce lieu : votre demande attend la réponse de ses administrateurs.'),
    );

    const { decideMembershipRequest } = await admin.client.data(ANSWER, { input: { requestId: request.id, accept: true } });
    expect(decideMembershipRequest.status).toBe('ACCEPTED');
    const after = await pageOf(admin.client, place.id);
    expect(after.members.edges.map((edge: any) => edge.node)).toContainEqual({ role: 'MEMBER', user: { displayName: 'Nouvelle Venue' } });
    expect(after.membershipRequests.totalCount).toBe(0);
    expect(await inbox(newcomer)).toContainEqual(
      expect.objectContaining({
        kind: 'reseau.membership_decision',
        message: french('Vous faites maintenant partie de « Médiathèque de Savenay ».'),
      }),
    );
    expect((await newcomer.client.error(ASK, { input: { organizationId: place.id } })).message).toBe('Vous faites déjà partie de ce lieu.');
  });

  it('lets only the place’s admins answer, only the person withdraw, and shows the requests to the admins only', async () => {
    const admin = await person('Admin de l’EPN');
    const editor = await person('Éditrice de l’EPN');
    const member = await person('Membre de l’EPN');
    const stranger = await person('Passant');
    const newcomer = await person('Demandeuse');
    const place = await organization(admin.client, 'EPN de Cordemais');
    await admin.client.data(ADD_MEMBER, { input: { organizationId: place.id, userId: editor.id, role: 'EDITOR' } });
    await admin.client.data(ADD_MEMBER, { input: { organizationId: place.id, userId: member.id } });
    const request = await ask(newcomer, place.id);
    const visitor = { client: app.client() };

    for (const [who, code] of [
      [editor, 'FORBIDDEN'],
      [member, 'FORBIDDEN'],
      [stranger, 'FORBIDDEN'],
      [newcomer, 'FORBIDDEN'],
      [visitor, 'UNAUTHENTICATED'],
    ] as const) {
      for (const accept of [true, false]) {
        const refused = await who.client.error(ANSWER, { input: { requestId: request.id, accept } });
        expect(refused.extensions?.code).toBe(code);
      }
      expect((await pageOf(who.client, place.id)).membershipRequests).toBeNull();
    }
    const notAdmin = await member.client.error(ANSWER, { input: { requestId: request.id, accept: true } });
    expect(notAdmin.message).toBe('Seuls les administrateurs de cette organisation peuvent faire cela.');
    for (const [who, code] of [
      [member, 'FORBIDDEN'],
      [stranger, 'FORBIDDEN'],
      [admin, 'FORBIDDEN'],
      [visitor, 'UNAUTHENTICATED'],
    ] as const) {
      expect((await who.client.error(WITHDRAW, { input: { requestId: request.id } })).extensions?.code).toBe(code);
    }
    expect((await visitor.client.error(ASK, { input: { organizationId: place.id } })).extensions?.code).toBe('UNAUTHENTICATED');
    expect(await countRows(`select 1 from membership_request where id = ? and status = 'pending'`, [request.id])).toBe(1);
    expect(await countRows(`select 1 from membership where organization_id = ?`, [place.id])).toBe(3);
    expect((await pageOf(admin.client, place.id)).membershipRequests.totalCount).toBe(1);
  });

  it('tells a refused person from when they may ask again, and lets them withdraw a request and ask again at once', async () => {
    const admin = await person('Admin du tiers-lieu');
    const newcomer = await person('Refusée puis revenue');
    const place = await organization(admin.client, 'Tiers-lieu de Malville');
    const first = await ask(newcomer, place.id);
    const { decideMembershipRequest } = await admin.client.data(ANSWER, { input: { requestId: first.id, accept: false } });
    expect(decideMembershipRequest.status).toBe('DECLINED');
    const told = (await inbox(newcomer)).find((notice) => notice.kind === 'reseau.membership_decision');
    expect(told?.message).toMatch(
      /^Votre demande pour rejoindre «\u00a0Tiers-lieu de Malville\u00a0» n’a pas été acceptée\. Vous pourrez demander de nouveau à partir du \w+ \d/,
    );
    const mine = (await pageOf(newcomer.client, place.id)).myMembershipRequest;
    expect(mine.status).toBe('DECLINED');
    const days = (Date.parse(mine.askAgainFrom) - Date.parse(decideMembershipRequest.decidedAt)) / (24 * 3600 * 1000);
    expect(days).toBe(30);
    const tooSoon = await newcomer.client.error(ASK, { input: { organizationId: place.id } });
    expect(tooSoon.extensions?.code).toBe('CONFLICT');
    expect(tooSoon.message).toMatch(
      /^Votre demande n’a pas été acceptée\. Vous pourrez demander de nouveau à rejoindre ce lieu à partir du /,
    );

    // A month later, a new request.
    await app.orm.em
      .getConnection()
      .execute(`update membership_request set decided_at = decided_at - interval '31 days' where id = ?`, [first.id]);
    const second = await ask(newcomer, place.id);
    expect(second.status).toBe('PENDING');
    expect(second.id).not.toBe(first.id);

    const { withdrawMembershipRequest } = await newcomer.client.data(WITHDRAW, { input: { requestId: second.id } });
    expect(withdrawMembershipRequest.status).toBe('WITHDRAWN');
    expect((await pageOf(admin.client, place.id)).membershipRequests.totalCount).toBe(0);
    expect((await newcomer.client.error(WITHDRAW, { input: { requestId: second.id } })).extensions?.code).toBe('CONFLICT');
    const late = await admin.client.error(ANSWER, { input: { requestId: second.id, accept: true } });
    expect(late.extensions?.code).toBe('CONFLICT');
    expect(late.message).toBe('Cette personne a retiré sa demande.');
    expect((await ask(newcomer, place.id)).status).toBe('PENDING');
  });

  it('refuses a word longer than 500 characters, in French, and a place nobody administers', async () => {
    const admin = await person('Admin pressé');
    const newcomer = await person('Bavarde');
    const place = await organization(admin.client, 'Espace numérique de Bouée');
    const long = await newcomer.client.error(ASK, { input: { organizationId: place.id, message: 'x'.repeat(501) } });
    expect(long.extensions?.code).toBe('BAD_USER_INPUT');
    expect(long.extensions?.fields?.message).toBe(french('Ce texte est trop long : 500 caractères au plus.'));
    expect(await countRows(`select 1 from membership_request where organization_id = ?`, [place.id])).toBe(0);

    await app.orm.em.getConnection().execute(`delete from membership where organization_id = ?`, [place.id]);
    const nobody = await newcomer.client.error(ASK, { input: { organizationId: place.id } });
    expect(nobody.extensions?.code).toBe('CONFLICT');
    expect(nobody.message).toBe('Ce lieu n’a pas encore d’administrateur pour répondre à votre demande.');
  });

  it('answers a pending request when an admin adds the person some other way, and forgets requests with the account', async () => {
    const admin = await person('Admin attentive');
    const newcomer = await person('Ajoutée directement');
    const place = await organization(admin.client, 'Centre social de Campbon');
    const request = await ask(newcomer, place.id);
    await admin.client.data(ADD_MEMBER, { input: { organizationId: place.id, userId: newcomer.id, role: 'EDITOR' } });
    expect((await pageOf(admin.client, place.id)).membershipRequests.totalCount).toBe(0);
    expect(await countRows(`select 1 from membership_request where id = ? and status = 'accepted'`, [request.id])).toBe(1);
    // Leaving does not bring the old request back.
    await newcomer.client.data(REMOVE_MEMBER, { input: { organizationId: place.id, userId: newcomer.id } });
    expect((await pageOf(admin.client, place.id)).membershipRequests.totalCount).toBe(0);

    await ask(newcomer, place.id);
    await newcomer.client.data(`mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { kept { section } } }`, {
      input: { password: STRONG_PASSWORD },
    });
    expect(await countRows(`select 1 from membership_request where user_id = ?`, [newcomer.id])).toBe(0);
  });

  it('records one answer when two admins answer at once, and one request when it is sent twice at once', async () => {
    const admin = await person('Première coordinatrice');
    const second = await person('Second coordinateur');
    const newcomer = await person('Impatiente');
    const place = await organization(admin.client, 'Maison France services de Blain');
    await admin.client.data(ADD_MEMBER, { input: { organizationId: place.id, userId: second.id, role: 'ADMIN' } });
    const sent = await Promise.all([1, 2].map(() => newcomer.client.request(ASK, { input: { organizationId: place.id } })));
    expect(sent.filter((answer) => !answer.errors)).toHaveLength(1);
    expect(sent.find((answer) => answer.errors)?.errors?.[0].extensions?.code).toBe('CONFLICT');
    const requestId = sent.find((answer) => !answer.errors)?.data?.askToJoinOrganization.id;
    const answers = await Promise.all([
      admin.client.request(ANSWER, { input: { requestId, accept: true } }),
      second.client.request(ANSWER, { input: { requestId, accept: false } }),
    ]);
    expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
    expect(answers.find((answer) => answer.errors)?.errors?.[0].message).toBe('Cette demande a déjà reçu une réponse.');
    expect(await countRows(`select 1 from membership_request where organization_id = ?`, [place.id])).toBe(1);
  });

  it('writes each answer in the audit log, naming who decided, the place and the person, which outlives the decider’s account', async () => {
    const admin = await person('Yvonne Décideuse');
    const welcome = await person('Élise Acceptée');
    const refused = await person('Marc Refusé');
    const place = await organization(admin.client, 'Atelier numérique de Pontchâteau');
    const yes = await ask(welcome, place.id);
    const no = await ask(refused, place.id);
    await admin.client.data(ANSWER, { input: { requestId: yes.id, accept: true } });
    await admin.client.data(ANSWER, { input: { requestId: no.id, accept: false } });
    // An answer refused (already given) writes nothing.
    expect((await admin.client.error(ANSWER, { input: { requestId: no.id, accept: true } })).extensions?.code).toBe('CONFLICT');

    const platformAdmin = await person('Plateforme Admin');
    await app.orm.em.getConnection().execute(`update app_user set role = 'admin' where id = ?`, [platformAdmin.id]);
    const LOG = `query ($userId: ID) { auditLog(action: "reseau", userId: $userId, first: 5) {
      edges { node { action summary actorId targetUserId contentType contentId } } } }`;
    const logOf = async (client: GraphQLClient) =>
      (await client.data(LOG, { userId: admin.id })).auditLog.edges.map((edge: any) => edge.node);
    expect(await logOf(platformAdmin.client)).toEqual([
      {
        action: 'reseau.membership_request_declined',
        summary: french('Yvonne Décideuse a refusé la demande de Marc Refusé pour rejoindre « Atelier numérique de Pontchâteau »'),
        actorId: admin.id,
        targetUserId: refused.id,
        contentType: 'reseau.place',
        contentId: place.id,
      },
      {
        action: 'reseau.membership_request_accepted',
        summary: french('Yvonne Décideuse a accepté la demande d’Élise Acceptée pour rejoindre « Atelier numérique de Pontchâteau »'),
        actorId: admin.id,
        targetUserId: welcome.id,
        contentType: 'reseau.place',
        contentId: place.id,
      },
    ]);
    const english = app.client({ 'accept-language': 'en' });
    english.cookies.set('maillage_session', platformAdmin.client.cookies.get('maillage_session')!);
    expect((await logOf(english)).map((line: any) => line.summary)).toEqual([
      'Yvonne Décideuse declined the request of Marc Refusé to join "Atelier numérique de Pontchâteau"',
      'Yvonne Décideuse accepted the request of Élise Acceptée to join "Atelier numérique de Pontchâteau"',
    ]);
    // Only the platform's admins read the log.
    expect((await admin.client.error(LOG, { userId: admin.id })).extensions?.code).toBe('FORBIDDEN');

    // The person finds the answer about them in their data, as for a claim.
    const cookie = refused.client.cookies.get('maillage_session');
    const exported = await (await fetch(`${app.url}/api/mes-donnees.json`, { headers: { cookie: `maillage_session=${cookie}` } })).json();
    expect(exported.sections.moderation.auditLog).toEqual([
      expect.objectContaining({
        action: 'reseau.membership_request_declined',
        // In words, without saying who answered (docs/commun.md, "My data").
        summary: french('Un·e responsable a refusé la demande de Marc Refusé pour rejoindre « Atelier numérique de Pontchâteau »'),
        contentId: place.id,
        role: 'concerned',
      }),
    ]);

    // The decider leaves: the requests forget them, the log keeps the answers, signed "Compte supprimé".
    await admin.client.data(`mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { kept { section } } }`, {
      input: { password: STRONG_PASSWORD },
    });
    expect(await countRows(`select 1 from membership_request where organization_id = ? and decided_by_id is not null`, [place.id])).toBe(0);
    expect((await logOf(platformAdmin.client)).map((line: any) => line.summary)).toEqual([
      french('Compte supprimé a refusé la demande de Marc Refusé pour rejoindre « Atelier numérique de Pontchâteau »'),
      french('Compte supprimé a accepté la demande d’Élise Acceptée pour rejoindre « Atelier numérique de Pontchâteau »'),
    ]);
  });

  it('lists the requests waiting with the same number of statements for 2 and for 20, and the next page to the place’s admins only', async () => {
    const admin = await person('Admin très demandée');
    const place = await organization(admin.client, 'Fablab de Saint-Nazaire');
    // Signed in without the sign-up form: quicker for twenty people.
    const requesters = await members(app, 20, 'Demandeur');
    for (const requester of requesters) await ask(requester, place.id);
    const list = (first: number) =>
      admin.client.data(
        `query ($id: ID!, $first: Int) { organization(id: $id) { membershipRequests(first: $first) {
           totalCount pageInfo { hasNextPage endCursor } edges { node { id createdAt message user { id displayName status metier } } } } } }`,
        { id: place.id, first },
      );
    const small = await app.countStatements(() => list(2));
    const large = await app.countStatements(() => list(20));
    expect(small.result.organization.membershipRequests.edges).toHaveLength(2);
    expect(large.result.organization.membershipRequests.edges).toHaveLength(20);
    expect(large.result.organization.membershipRequests.edges[0].node.user.displayName).toBe('Demandeur 001');
    expect(large.statements).toBe(small.statements);

    // The next page, from the cursor of the second request: for the place's admins only.
    const cursor = small.result.organization.membershipRequests.pageInfo.endCursor;
    const NEXT = `query ($id: ID!, $after: String) { organization(id: $id) { membershipRequests(first: 20, after: $after) {
      totalCount pageInfo { hasNextPage } edges { node { user { displayName } } } } } }`;
    const next = (await admin.client.data(NEXT, { id: place.id, after: cursor })).organization.membershipRequests;
    expect(next.totalCount).toBe(20);
    expect(next.pageInfo.hasNextPage).toBe(false);
    expect(next.edges.map((edge: any) => edge.node.user.displayName)).toEqual(
      Array.from({ length: 18 }, (_, i) => `Demandeur ${String(i + 3).padStart(3, '0')}`),
    );
    for (const who of [requesters[0].client, app.client()]) {
      expect((await who.data(NEXT, { id: place.id, after: cursor })).organization.membershipRequests).toBeNull();
    }
  });
});

describe('networks', () => {
  async function networkAndPlace() {
    const coordinator = await person('Coordinatrice du réseau');
    const network = await organization(coordinator.client, 'Réseau numérique Estuaire et Sillon', 'RESEAU');
    const placeAdmin = await person('Admin de l’amicale');
    const place = await organization(placeAdmin.client, 'Amicale laïque de Malville');
    return { coordinator, network, placeAdmin, place };
  }

  it("lets a place's admin ask to join; the network's admins are told, accept, and the network lists its member", async () => {
    const { coordinator, network, placeAdmin, place } = await networkAndPlace();
    const { requestToJoinNetwork } = await placeAdmin.client.data(JOIN, {
      input: { networkId: network.id, organizationId: place.id, message: 'Bonjour !' },
    });
    expect(requestToJoinNetwork).toMatchObject({ status: 'PENDING', member: { name: 'Amicale laïque de Malville' } });

    const inbox = (await coordinator.client.data(NOTIFICATIONS)).notifications.edges.map((e: any) => e.node);
    expect(inbox).toContainEqual(
      expect.objectContaining({
        kind: 'reseau.join_request',
        message: french('« Amicale laïque de Malville » demande à rejoindre le réseau « Réseau numérique Estuaire et Sillon ».'),
      }),
    );
    const pending = `query ($id: ID!) { organization(id: $id) { pendingNetworkRequests { id member { name } } networkMembers { totalCount edges { node { name networks { name } } } } } }`;
    const seenByCoordinator = (await coordinator.client.data(pending, { id: network.id })).organization;
    expect(seenByCoordinator.pendingNetworkRequests).toEqual([
      { id: requestToJoinNetwork.id, member: { name: 'Amicale laïque de Malville' } },
    ]);
    expect(seenByCoordinator.networkMembers.totalCount).toBe(0);
    // Others do not see who asks.
    expect((await placeAdmin.client.data(pending, { id: network.id })).organization.pendingNetworkRequests).toEqual([]);

    const { decideNetworkRequest } = await coordinator.client.data(DECIDE, { input: { requestId: requestToJoinNetwork.id, accept: true } });
    expect(decideNetworkRequest.status).toBe('ACCEPTED');
    const members = (await app.client().data(pending, { id: network.id })).organization.networkMembers;
    expect(members.totalCount).toBe(1);
    expect(members.edges[0].node).toEqual({
      name: 'Amicale laïque de Malville',
      networks: [{ name: 'Réseau numérique Estuaire et Sillon' }],
    });
    const answer = (await placeAdmin.client.data(NOTIFICATIONS)).notifications.edges.map((e: any) => e.node);
    expect(answer).toContainEqual(
      expect.objectContaining({
        kind: 'reseau.join_decision',
        message: french('« Amicale laïque de Malville » fait maintenant partie du réseau « Réseau numérique Estuaire et Sillon ».'),
      }),
    );
    expect((await placeAdmin.client.error(JOIN, { input: { networkId: network.id, organizationId: place.id } })).extensions?.code).toBe(
      'CONFLICT',
    );
  });

  it('refuses a request from someone who is not admin of the place, and a decision from someone who is not admin of the network', async () => {
    const { coordinator, network, placeAdmin, place } = await networkAndPlace();
    const stranger = await person('Intrus');
    expect((await stranger.client.error(JOIN, { input: { networkId: network.id, organizationId: place.id } })).extensions?.code).toBe(
      'FORBIDDEN',
    );
    const notANetwork = await placeAdmin.client.error(JOIN, { input: { networkId: place.id, organizationId: place.id } });
    expect(notANetwork.extensions?.fields?.networkId).toMatch(/n’est pas un réseau/);
    const { requestToJoinNetwork } = await placeAdmin.client.data(JOIN, { input: { networkId: network.id, organizationId: place.id } });
    for (const refused of [placeAdmin.client, stranger.client]) {
      expect((await refused.error(DECIDE, { input: { requestId: requestToJoinNetwork.id, accept: true } })).extensions?.code).toBe(
        'FORBIDDEN',
      );
    }
    expect(await countRows(`select 1 from network_membership where status = 'pending' and id = ?`, [requestToJoinNetwork.id])).toBe(1);
    await coordinator.client.data(DECIDE, { input: { requestId: requestToJoinNetwork.id, accept: false } });
  });

  it('records one decision when two admins answer at once, and one request when it is sent twice at once', async () => {
    const { coordinator, network, placeAdmin, place } = await networkAndPlace();
    const requests = await Promise.all(
      [1, 2].map(() => placeAdmin.client.data(JOIN, { input: { networkId: network.id, organizationId: place.id } })),
    );
    expect(requests[0].requestToJoinNetwork.id).toBe(requests[1].requestToJoinNetwork.id);
    const secondCoordinator = await person('Co-coordinateur');
    await coordinator.client.data(ADD_MEMBER, { input: { organizationId: network.id, userId: secondCoordinator.id, role: 'ADMIN' } });
    const requestId = requests[0].requestToJoinNetwork.id;
    const answers = await Promise.all([
      coordinator.client.request(DECIDE, { input: { requestId, accept: true } }),
      secondCoordinator.client.request(DECIDE, { input: { requestId, accept: false } }),
    ]);
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    expect(answers.find((a) => a.errors)?.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await countRows(`select 1 from network_membership where network_id = ? and member_id = ?`, [network.id, place.id])).toBe(1);
  });
});
