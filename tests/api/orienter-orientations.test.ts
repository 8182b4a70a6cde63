import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseClosedOrientations } from '../../server/src/modules/orienter/orientations.service.js';
import { STRONG_PASSWORD, signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

import { french } from '../helpers/french.js';
const CREATE = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id slug } }`;
const SEND = `mutation ($input: SendOrientationInput!) { sendOrientation(input: $input) {
  id status personName personContact need note consentAt senderName organizationName youSent youAnswer } }`;
const RESPOND = `mutation ($input: RespondToOrientationInput!) { respondToOrientation(input: $input) { id status answer answeredByName closedAt } }`;
const CLOSE = `mutation ($id: ID!) { closeOrientation(id: $id) { id status closedAt } }`;
const ONE = `query ($id: ID!) { orientation(id: $id) { id status personName need answer erasedAt youSent youAnswer } }`;
const SENT = `{ sentOrientations(first: 20) { totalCount edges { node { id status organizationName personName } } } }`;
const RECEIVED = `{ receivedOrientations(first: 20) { totalCount edges { node { id status senderName personName need youAnswer } } } }`;
const PLACES = `query ($search: String) { orientationPlaces(search: $search) { id name } }`;
const FIGURES = `query ($id: ID) { orientationFigures(organizationId: $id) { sent accepted declined closed } }`;
const NOTIFICATIONS = `{ notifications(first: 20) { edges { node { kind message link } } } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

interface Person {
  client: GraphQLClient;
  id: string;
}

async function person(name: string): Promise<Person> {
  const client = app.client();
  const { id } = await signUp(client, name);
  return { client, id };
}

/** A place whose team is its creator (the admin). */
async function placeOf(admin: Person, name: string): Promise<{ id: string; slug: string }> {
  return (await admin.client.data(CREATE, { input: { name, kind: 'LIEU', commune: 'Nancy' } })).createOrganization;
}

const sendTo = (organizationId: string, extra: Record<string, unknown> = {}) => ({
  input: {
    organizationId,
    personName: 'Mme D.',
    personContact: '06 12 34 56 78',
    need: 'Déclarer ses revenus en ligne',
    consent: true,
    ...extra,
  },
});

describe('orientations between helpers', () => {
  let mediator: Person;
  let teamAdmin: Person;
  let stranger: Person;
  let place: { id: string; slug: string };

  beforeAll(async () => {
    mediator = await person('Awa Médiatrice');
    teamAdmin = await person('Paul Accueil');
    stranger = await person('Zoé Ailleurs');
    place = await placeOf(teamAdmin, 'Espace numérique Orientation');
  });

  it('sends with consent, the team accepts then answers, both see the status, and the sender closes it', async () => {
    const sent = (await mediator.client.data(SEND, sendTo(place.id, { note: 'Préfère le matin' }))).sendOrientation;
    expect(sent).toMatchObject({
      status: 'SENT',
      personName: 'Mme D.',
      need: 'Déclarer ses revenus en ligne',
      youSent: true,
      youAnswer: false,
    });
    expect(sent.consentAt).toBeTruthy();

    const inbox = (await teamAdmin.client.data(NOTIFICATIONS)).notifications.edges.map((edge: any) => edge.node);
    const told = inbox.find((n: any) => n.kind === 'orienter.orientation_received');
    expect(told.link).toBe(`/orienter/orientations/${sent.id}`);
    // The notification may travel by e-mail: it names the sender and the place, never the person.
    expect(told.message).toContain('Awa Médiatrice');
    expect(told.message).not.toContain('Mme D.');

    const received = (await teamAdmin.client.data(RECEIVED)).receivedOrientations;
    expect(received.edges.map((edge: any) => edge.node)).toContainEqual(
      expect.objectContaining({ id: sent.id, status: 'SENT', senderName: 'Awa Médiatrice', personName: 'Mme D.', youAnswer: true }),
    );

    const accepted = (await teamAdmin.client.data(RESPOND, { input: { id: sent.id, action: 'ACCEPT' } })).respondToOrientation;
    expect(accepted.status).toBe('ACCEPTED');
    expect((await mediator.client.data(ONE, { id: sent.id })).orientation.status).toBe('ACCEPTED');
    const toSender = (await mediator.client.data(NOTIFICATIONS)).notifications.edges.map((edge: any) => edge.node);
    expect(toSender.some((n: any) => n.kind === 'orienter.orientation_answered' && n.message.includes('accepte'))).toBe(true);

    const answered = (
      await teamAdmin.client.data(RESPOND, { input: { id: sent.id, action: 'ANSWER', message: 'Nous l’attendons mardi à 10 h.' } })
    ).respondToOrientation;
    expect(answered).toMatchObject({ status: 'ANSWERED', answer: 'Nous l’attendons mardi à 10 h.', answeredByName: 'Paul Accueil' });
    const seen = (await mediator.client.data(SENT)).sentOrientations.edges.map((edge: any) => edge.node);
    expect(seen).toContainEqual(
      expect.objectContaining({ id: sent.id, status: 'ANSWERED', organizationName: 'Espace numérique Orientation' }),
    );

    const closed = (await mediator.client.data(CLOSE, { id: sent.id })).closeOrientation;
    expect(closed.status).toBe('CLOSED');
    expect(closed.closedAt).toBeTruthy();
    const again = await teamAdmin.client.error(RESPOND, { input: { id: sent.id, action: 'ACCEPT' } });
    expect(again.extensions?.code).toBe('CONFLICT');
  });

  it('refuses a place without a team, with a French message that says what to do instead', async () => {
    const lonely = await placeOf(stranger, 'Lieu sans équipe');
    await app.orm.em.getConnection().execute(`delete from membership where organization_id = ?`, [lonely.id]);
    const error = await mediator.client.error(SEND, sendTo(lonely.id));
    expect(error.extensions?.code).toBe('CONFLICT');
    expect(error.message).toContain('n’a pas encore d’équipe');
    // And the place chooser only offers places with a team.
    const offered = (await mediator.client.data(PLACES, { search: 'Lieu sans' })).orientationPlaces;
    expect(offered).toEqual([]);
    const found = (await mediator.client.data(PLACES, { search: 'espace numerique orient' })).orientationPlaces;
    expect(found.map((p: any) => p.id)).toEqual([place.id]);
  });

  it('refuses a network, which welcomes nobody itself, and leaves networks out of the place chooser', async () => {
    const network = (
      await stranger.client.data(CREATE, { input: { name: 'Réseau orientation du Grand Est', kind: 'RESEAU', commune: 'Nancy' } })
    ).createOrganization;
    expect((await mediator.client.data(PLACES, { search: 'Réseau orientation' })).orientationPlaces).toEqual([]);
    const error = await mediator.client.error(SEND, sendTo(network.id));
    expect(error.extensions?.code).toBe('CONFLICT');
    expect(error.message).toBe(french('Un réseau n’accueille pas le public : orientez la personne vers l’un de ses lieux.'));
  });

  it('refuses without the person’s consent, and without a name or a need; nothing is sent', async () => {
    const before = (await mediator.client.data(SENT)).sentOrientations.totalCount;
    const error = await mediator.client.error(SEND, sendTo(place.id, { consent: false, personName: ' ', need: '' }));
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(error.extensions?.fields ?? {}).sort()).toEqual(['consent', 'need', 'personName']);
    expect(error.extensions?.fields?.consent).toContain('accord');
    const tooLong = await mediator.client.error(SEND, sendTo(place.id, { personName: 'x'.repeat(61) }));
    expect(tooLong.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await mediator.client.data(SENT)).sentOrientations.totalCount).toBe(before);
  });

  it('refuses another member reading it, a non-member answering it, and a visitor', async () => {
    const sent = (await mediator.client.data(SEND, sendTo(place.id))).sendOrientation;
    const read = await stranger.client.error(ONE, { id: sent.id });
    expect(read.extensions?.code).toBe('FORBIDDEN');
    expect(read.message).toContain('ne vous concerne pas');
    const answer = await stranger.client.error(RESPOND, { input: { id: sent.id, action: 'ACCEPT' } });
    expect(answer.extensions?.code).toBe('FORBIDDEN');
    // The sender is not the place's team either: they cannot accept their own orientation.
    const own = await mediator.client.error(RESPOND, { input: { id: sent.id, action: 'ACCEPT' } });
    expect(own.extensions?.code).toBe('FORBIDDEN');
    const closeByStranger = await stranger.client.error(CLOSE, { id: sent.id });
    expect(closeByStranger.extensions?.code).toBe('FORBIDDEN');
    expect((await stranger.client.data(RECEIVED)).receivedOrientations.totalCount).toBe(0);
    const visitor = await app.client().error(ONE, { id: sent.id });
    expect(visitor.extensions?.code).toBe('UNAUTHENTICATED');
    const visitorSends = await app.client().error(SEND, sendTo(place.id));
    expect(visitorSends.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await mediator.client.data(ONE, { id: sent.id })).orientation.status).toBe('SENT');
  });

  it('a decline closes it; the answer needs words', async () => {
    const sent = (await mediator.client.data(SEND, sendTo(place.id))).sendOrientation;
    const empty = await teamAdmin.client.error(RESPOND, { input: { id: sent.id, action: 'ANSWER', message: '  ' } });
    expect(empty.extensions?.fields?.message).toBeTruthy();
    const declined = (
      await teamAdmin.client.data(RESPOND, { input: { id: sent.id, action: 'DECLINE', message: 'Plus de place ce mois-ci.' } })
    ).respondToOrientation;
    expect(declined.status).toBe('DECLINED');
    expect(declined.closedAt).toBeTruthy();
  });

  it('erases the person’s data 3 months after closing, keeps the row for the counts', async () => {
    const sent = (await mediator.client.data(SEND, sendTo(place.id, { personName: 'M. K.' }))).sendOrientation;
    await mediator.client.data(CLOSE, { id: sent.id });
    const figuresBefore = (await app.client().data(FIGURES, { id: place.id })).orientationFigures;

    const inTwoMonths = new Date(Date.now() + 60 * 24 * 3600 * 1000);
    await eraseClosedOrientations(app.orm.em.fork(), inTwoMonths);
    expect((await mediator.client.data(ONE, { id: sent.id })).orientation.personName).toBe('M. K.');

    const inThreeMonthsAndADay = new Date(Date.now() + 93 * 24 * 3600 * 1000);
    expect(await eraseClosedOrientations(app.orm.em.fork(), inThreeMonthsAndADay)).toBeGreaterThanOrEqual(1);
    const erased = (await mediator.client.data(ONE, { id: sent.id })).orientation;
    expect(erased).toMatchObject({ personName: null, need: null, answer: null, status: 'CLOSED' });
    expect(erased.erasedAt).toBeTruthy();
    // An open orientation is never erased, however old.
    const open = (await mediator.client.data(SEND, sendTo(place.id, { personName: 'Mme O.' }))).sendOrientation;
    await eraseClosedOrientations(app.orm.em.fork(), new Date(Date.now() + 400 * 24 * 3600 * 1000));
    expect((await mediator.client.data(ONE, { id: open.id })).orientation.personName).toBe('Mme O.');

    const figuresAfter = (await app.client().data(FIGURES, { id: place.id })).orientationFigures;
    expect(figuresAfter.closed).toBe(figuresBefore.closed);
    expect(figuresAfter.sent).toBe(figuresBefore.sent + 1);
    const network = (await app.client().data(FIGURES, {})).orientationFigures;
    expect(network.sent).toBeGreaterThanOrEqual(figuresAfter.sent);
  });

  it('the lists cost the same number of statements for 2 and for 20 orientations', async () => {
    const sender = await person('Inès Compteuse');
    for (let i = 0; i < 20; i += 1) await sender.client.data(SEND, sendTo(place.id, { personName: `P. ${i}` }));
    const page = (first: number) =>
      sender.client.data(
        `query ($first: Int) { sentOrientations(first: $first) { totalCount edges { node { id personName organizationName senderName } } } }`,
        { first },
      );
    const small = await app.countStatements(() => page(2));
    const large = await app.countStatements(() => page(20));
    expect(small.result.sentOrientations.edges).toHaveLength(2);
    expect(large.result.sentOrientations.edges).toHaveLength(20);
    expect(large.result.sentOrientations.totalCount).toBe(20);
    expect(large.statements).toBe(small.statements);
    const received = (first: number) =>
      teamAdmin.client.data(`query ($first: Int) { receivedOrientations(first: $first) { edges { node { id } } } }`, { first });
    expect((await app.countStatements(() => received(20))).statements).toBe((await app.countStatements(() => received(2))).statements);
  });

  it('"mes données" exports what the member sent, and deleting the account erases it', async () => {
    const helper = await person('Léa Aidante');
    const sent = (await helper.client.data(SEND, sendTo(place.id, { personName: 'Mme L.' }))).sendOrientation;
    const response = await fetch(`${app.url}/api/mes-donnees.json`, {
      headers: { cookie: `maillage_session=${helper.client.cookies.get('maillage_session')}` },
    });
    const exported = (await response.json()) as { sections: Record<string, any> };
    expect(exported.sections.orienter.orientationsSent).toContainEqual(
      expect.objectContaining({ place: 'Espace numérique Orientation', personName: 'Mme L.', status: 'sent' }),
    );
    await helper.client.data(`mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { kept { section } } }`, {
      input: { password: STRONG_PASSWORD },
    });
    const gone = await teamAdmin.client.error(ONE, { id: sent.id });
    expect(gone.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('the self-check through the API', () => {
  const QUESTIONS = `{ selfCheck { source questions { index domain text answers { index label } } } }`;
  const RESULT = `query ($input: SelfCheckAnswersInput!) { selfCheckResult(input: $input) { domain level levelLabel } }`;
  const KEEP = `mutation ($input: SelfCheckAnswersInput!) { keepSelfCheckResult(input: $input) { id levels { domain level } } }`;
  const MINE = `{ mySelfCheckResults { id levels { domain level } } }`;
  const ERASE = `mutation ($id: ID!) { eraseSelfCheckResult(id: $id) }`;

  it('gives a visitor a level per domain and stores nothing; only a signed-in member keeps it, and only they can erase it', async () => {
    const visitor = app.client();
    const { questions, source } = (await visitor.data(QUESTIONS)).selfCheck;
    expect(questions).toHaveLength(12);
    expect(source).toContain('Grand Nancy');
    const answers = questions.map(() => 3);
    const levels = (await visitor.data(RESULT, { input: { answers } })).selfCheckResult;
    expect(levels.map((entry: any) => entry.level)).toEqual(['AVANCE', 'AVANCE', 'AVANCE', 'AVANCE', 'AVANCE']);
    const [{ n: before }] = await app.orm.em.getConnection().execute(`select count(*)::int as n from self_check_result`);
    expect(before).toBe(0);
    expect((await visitor.error(KEEP, { input: { answers } })).extensions?.code).toBe('UNAUTHENTICATED');
    const missing = await visitor.error(RESULT, { input: { answers: answers.slice(1) } });
    expect(missing.extensions?.fields?.answers).toContain('Répondez à chaque question');

    const member = await person('Noé Autodiag');
    const kept = (await member.client.data(KEEP, { input: { answers } })).keepSelfCheckResult;
    expect(kept.levels).toHaveLength(5);
    expect((await member.client.data(MINE)).mySelfCheckResults.map((r: any) => r.id)).toEqual([kept.id]);
    const other = await person('Mia Curieuse');
    expect((await other.client.error(ERASE, { id: kept.id })).extensions?.code).toBe('NOT_FOUND');
    expect(await member.client.data(ERASE, { id: kept.id })).toEqual({ eraseSelfCheckResult: true });
    expect((await member.client.data(MINE)).mySelfCheckResults).toEqual([]);
  });
});
