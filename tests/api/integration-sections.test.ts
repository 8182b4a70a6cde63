import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  STRONG_PASSWORD,
  establishAccountInDb,
  grantRoleInDb,
  signUp,
  startTestApp,
  type GraphQLClient,
  type TestApp,
} from '../helpers/api.js';
import { CREATE_EVENT, REGISTER, eventInput, parisLocal } from '../helpers/agenda.js';

/**
 * The sections plugged into the commun: "my data" (download, delete), moderation, the home page,
 * the charter requirement and the posting limit, over the real sections' API.
 */

const ASK = `mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { id title } }`;
const ANSWER = `mutation ($input: AnswerQuestionInput!) { answerQuestion(input: $input) { id } }`;
const QUESTION = `query ($id: ID!) { question(id: $id) { id title hiddenAt hiddenReason author { displayName } answers { id body author { displayName } } } }`;
const QUESTIONS = `query ($search: String, $departement: String) { questions(search: $search, departement: $departement) { totalCount edges { node { id title } } } }`;
const EVENTS = `query ($departement: String) { events(departement: $departement, first: 100) { totalCount edges { node { id title } } } }`;
const EVENT = `query ($id: ID!) { event(id: $id) { id title hidden myRegistration { status } } }`;
const PUBLISH_POST = `mutation ($input: PublishTimebankPostInput!) { publishTimebankPost(input: $input) { id title hidden } }`;
const POSTS = `query ($search: String, $departement: String) { timebankPosts(search: $search, departement: $departement) { totalCount edges { node { id title hidden hiddenReason } } } }`;
const PROPOSE = `mutation ($input: ProposeExchangeInput!) { proposeExchange(input: $input) { id status } }`;
const ACCEPT = `mutation ($id: ID!) { acceptExchange(input: { exchangeId: $id }) { id status } }`;
const COMPLETE = `mutation ($id: ID!, $minutes: Int!) { completeExchange(input: { exchangeId: $id, minutes: $minutes }) { id status } }`;
const CONFIRM = `mutation ($id: ID!) { confirmExchange(input: { exchangeId: $id }) { id status } }`;
const CREATE_ORGANIZATION = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name } }`;
const CREATE_PROJECT = `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id slug title } }`;
const OPEN_CAMPAIGN = `mutation ($input: OpenCampaignInput!) { openCampaign(input: $input) { id title } }`;
const APPLY = `mutation ($input: ApplyToCampaignInput!) { applyToCampaign(input: $input) { id status } }`;
const PUBLISH_CHARTER = `mutation ($input: PublishCharterVersionInput!) { publishCharterVersion(input: $input) { id number } }`;
const SIGN = `mutation { signCharter(input: {}) { id versionNumber } }`;
const SETTINGS = `mutation ($required: Boolean!) { updateCharterSettings(input: { signatureRequiredToPublish: $required }) { signatureRequiredToPublish } }`;
const HIDE = `mutation ($input: ModerateContentInput!) { hideContent(input: $input) { hiddenAt hiddenReason } }`;
const DELETE = `mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { kept { section explanation } } }`;
const HOME = `query ($departement: String, $near: NearInput) { home(departement: $departement, near: $near, perSection: 10) {
  sections { kind label items { kind id title link departement } }
  figures { key value }
  forMe { kind label items { kind title link summary } }
} }`;

let app: TestApp;
let admin: GraphQLClient;
const sql = <T = any>(query: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(query, params);
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();

beforeAll(async () => {
  app = await startTestApp();
  admin = app.client();
  const { id } = await signUp(admin, 'Équipe Maillage');
  await grantRoleInDb(app, id, 'admin');
  await admin.data(PUBLISH_CHARTER, {
    input: {
      changelog: 'Première version.',
      articles: [{ number: 1, title: 'Accueillir', body: 'Nous accueillons chacun sans jugement.' }],
    },
  });
});
afterAll(async () => {
  await app?.close();
});

/** A new signed-in member (this file signs many people up from one address: the sign-up counter is reset). */
async function person(name: string, departement = '44') {
  await sql(`delete from rate_limit where key like 'register:%'`);
  const client = app.client();
  const { id } = await signUp(client, name);
  await client.data(`mutation ($d: String) { updateProfile(input: { departement: $d, commune: "Savenay" }) { id } }`, { d: departement });
  return { client, id, name };
}

/** A member who admins an organization (to publish events and projects). */
async function organizer(name: string, organizationName: string) {
  const who = await person(name);
  const { createOrganization } = await who.client.data(CREATE_ORGANIZATION, { input: { name: organizationName } });
  return { ...who, organizationId: createOrganization.id as string };
}

function campaignInput(projectId: string) {
  return {
    projectId,
    title: 'Bêta auprès des aînés',
    goal: 'Savoir si une personne qui débute appelle un proche sans aide.',
    seats: 3,
    applicationDeadline: inDays(7),
    testStartsAt: inDays(1),
    testEndsAt: inDays(21),
    scenarios: [{ title: 'Appeler un proche', steps: ['Ouvrir l’appli'], expectedResult: 'L’appel part.' }],
  };
}

function offer(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'OFFER',
    title: 'Initiation à l’imprimante 3D',
    description: 'Je montre comment préparer une impression simple.',
    category: 'MATERIEL',
    departement: '44',
    ...overrides,
  };
}

async function download(client: GraphQLClient) {
  const response = await fetch(`${app.url}/api/mes-donnees.json`, {
    headers: { cookie: `maillage_session=${client.cookies.get('maillage_session')}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { sections: Record<string, any> };
}

async function ledgerState() {
  const [row] = await sql(`select coalesce(sum(balance), 0)::int as total, count(*)::int as accounts,
                                  (select count(*)::int from timebank_entry) as entries, (select coalesce(sum(amount), 0)::int from timebank_entry) as entry_sum
                             from timebank_account`);
  const balances = await sql(`select id, balance from timebank_account order by id`);
  return { ...row, balances };
}

describe('my data, across every section', () => {
  it('downloads everything about a member, then deletes the account: contributions kept under "Compte supprimé", ledger unchanged, sessions gone', async () => {
    const camille = await organizer('Camille Organisatrice', 'Amicale laïque de Savenay');
    const martine = await person('Martine Partout');
    const voisin = await person('Voisin Échange');
    const waiting = await person('Paul Attente');

    // entraide: a question, and an answer to someone else's question.
    const question = (
      await martine.client.data(ASK, {
        input: {
          title: 'Comment aider pour la déclaration CAF en ligne ?',
          body: 'Une personne ne sait pas se connecter, que faire ?',
          tags: ['caf'],
        },
      })
    ).askQuestion;
    const other = (
      await voisin.client.data(ASK, {
        input: { title: 'Quel téléphone conseiller à un senior ?', body: 'Budget 150 euros, grandes touches.', tags: ['smartphone'] },
      })
    ).askQuestion;
    await martine.client.data(ANSWER, {
      input: { questionId: other.id, body: 'Un modèle simple avec un mode « grandes icônes », très bien.' },
    });
    // agenda: the only seat of an event, another person waiting.
    const event = (
      await camille.client.data(CREATE_EVENT, { input: eventInput(camille.organizationId, { title: 'Atelier une place', capacity: 1 }) })
    ).createEvent;
    expect((await martine.client.data(REGISTER, { eventId: event.id })).registerToEvent.status).toBe('CONFIRMED');
    expect((await waiting.client.data(REGISTER, { eventId: event.id })).registerToEvent.status).toBe('WAITLISTED');
    // time bank: an offer, and an exchange done and confirmed (ledger entries).
    const post = (await martine.client.data(PUBLISH_POST, { input: offer({ title: 'Aide aux démarches Ameli' }) })).publishTimebankPost;
    const done = (await voisin.client.data(PROPOSE, { input: { postId: post.id, minutes: 90 } })).proposeExchange;
    await martine.client.data(ACCEPT, { id: done.id });
    await martine.client.data(COMPLETE, { id: done.id, minutes: 90 });
    await voisin.client.data(CONFIRM, { id: done.id });
    // …and another exchange, proposed and not yet done.
    const pending = (await voisin.client.data(PROPOSE, { input: { postId: post.id, minutes: 30 } })).proposeExchange;
    // projets: an application to test a project.
    const project = (
      await camille.client.data(CREATE_PROJECT, {
        input: {
          holderId: camille.organizationId,
          title: 'Appli simple pour les aînés',
          summary: 'Une application très simple pour appeler ses proches.',
          stage: 'BETA',
        },
      })
    ).createProject;
    const campaign = (await camille.client.data(OPEN_CAMPAIGN, { input: campaignInput(project.id) })).openCampaign;
    await martine.client.data(APPLY, {
      input: {
        campaignId: campaign.id,
        motivation: 'Ma mère de 82 ans serait une testeuse idéale.',
        level: 'DEBUTANT',
        device: 'smartphone Android',
      },
    });
    // charte: a personal signature.
    await martine.client.data(SIGN);

    const file = await download(martine.client);
    for (const section of [
      'entraide',
      'agenda',
      'banque-de-temps',
      'projets',
      'charte',
      'organisations',
      'notifications',
      'moderation',
      'compte',
    ]) {
      expect(file.sections).toHaveProperty(section);
    }
    expect(file.sections.entraide.questions.map((q: any) => q.title)).toEqual([question.title]);
    expect(file.sections.entraide.answers[0]).toMatchObject({ questionId: other.id });
    expect(file.sections.agenda.registrations[0]).toMatchObject({ title: 'Atelier une place', status: 'confirmed' });
    const timebank = JSON.stringify(file.sections['banque-de-temps']);
    expect(timebank).toContain('Aide aux démarches Ameli');
    expect(timebank).toMatch(/\b90\b/);
    expect(JSON.stringify(file.sections.projets)).toContain('Ma mère de 82 ans serait une testeuse idéale.');
    expect(JSON.stringify(file.sections.charte)).not.toBe('{}');
    // Nothing about others.
    expect(JSON.stringify(file)).not.toContain('Quel téléphone conseiller à un senior ? Budget');

    const before = await ledgerState();
    const { deleteMyAccount } = await martine.client.data(DELETE, { input: { password: STRONG_PASSWORD } });
    const kept = (section: string) =>
      deleteMyAccount.kept
        .filter((k: any) => k.section === section)
        .map((k: any) => k.explanation)
        .join(' ');
    expect(kept('Entraide')).toMatch(/restent en ligne, signées «\u00a0Compte supprimé\u00a0»/);
    expect(kept('Banque de temps')).toMatch(/écritures.*gardées telles quelles/);
    expect(kept('Agenda')).toMatch(/liste d’attente/);
    expect(kept('Charte')).toMatch(/signature personnelle/);

    // Public contributions stay, signed "Compte supprimé".
    const visitor = app.client();
    expect((await visitor.data(QUESTION, { id: question.id })).question).toMatchObject({
      title: question.title,
      author: { displayName: 'Compte supprimé' },
    });
    expect((await visitor.data(QUESTION, { id: other.id })).question.answers[0].author.displayName).toBe('Compte supprimé');
    // The ledger is untouched: every balance, the entries and the total are the same.
    expect(await ledgerState()).toEqual(before);
    // Sessions are gone: the old cookie signs nobody in.
    expect((await martine.client.data(`{ me { id } }`)).me).toBeNull();
    expect((await sql(`select count(*)::int as n from user_session where user_id = ?`, [martine.id]))[0].n).toBe(0);
    // The seat went to the waiting person; the open offer closed; the personal signature withdrawn.
    expect((await waiting.client.data(EVENT, { id: event.id })).event.myRegistration.status).toBe('CONFIRMED');
    expect((await visitor.data(POSTS, { search: 'Ameli' })).timebankPosts.totalCount).toBe(0);
    expect(await sql(`select id from charter_signature where signer_id = ? and withdrawn_at is null`, [martine.id])).toEqual([]);
    // The exchange in progress is cancelled (no time moved) and the other person is told why.
    expect(kept('Banque de temps')).toMatch(/Un échange en cours a été annulé/);
    expect(await sql(`select status from timebank_exchange where id = ?`, [pending.id])).toEqual([{ status: 'cancelled' }]);
    const told = await sql(`select message from notification where recipient_id = ? and kind = 'timebank.exchange.cancelled'`, [voisin.id]);
    expect(told.map((row: any) => row.message).join(' ')).toMatch(/a supprimé son compte/);
  });
});

describe('moderation of the sections’ content', () => {
  it('hides a question, an event and a time-bank post from everyone but their author', async () => {
    const camille = await organizer('Camille Modérée', 'Centre social Ornithorynque');
    const author = await person('Auteur Signalé', '29');
    const reader = await person('Lectrice', '29');
    const question = (
      await author.client.data(ASK, {
        input: {
          title: 'Où trouver un ornithorynque numérique ?',
          body: 'Question de test pour la modération.',
          tags: ['divers'],
          departement: '29',
        },
      })
    ).askQuestion;
    const event = (
      await camille.client.data(CREATE_EVENT, {
        input: eventInput(camille.organizationId, { title: 'Atelier ornithorynque', postalCode: '29000', commune: 'Quimper' }),
      })
    ).createEvent;
    const post = (await author.client.data(PUBLISH_POST, { input: offer({ title: 'Ornithorynque en impression 3D', departement: '29' }) }))
      .publishTimebankPost;

    const seen = async (client: GraphQLClient) => ({
      questions: (await client.data(QUESTIONS, { search: 'ornithorynque' })).questions.edges.map((e: any) => e.node.id),
      questionList: (await client.data(QUESTIONS, { departement: '29' })).questions.edges.map((e: any) => e.node.id),
      events: (await client.data(EVENTS, { departement: '29' })).events.edges.map((e: any) => e.node.id),
      posts: (await client.data(POSTS, { search: 'ornithorynque' })).timebankPosts.edges.map((e: any) => e.node.id),
    });
    expect(await seen(reader.client)).toEqual({
      questions: [question.id],
      questionList: [question.id],
      events: [event.id],
      posts: [post.id],
    });

    for (const [contentType, contentId] of [
      ['entraide.question', question.id],
      ['agenda.event', event.id],
      ['timebank.post', post.id],
    ]) {
      const { hideContent } = await admin.data(HIDE, { input: { contentType, contentId, reason: 'Contenu de test masqué' } });
      expect(hideContent.hiddenReason).toBe('Contenu de test masqué');
    }
    // Gone for others, from lists and search.
    expect(await seen(reader.client)).toEqual({ questions: [], questionList: [], events: [], posts: [] });
    expect(await seen(app.client())).toEqual({ questions: [], questionList: [], events: [], posts: [] });
    expect((await reader.client.data(QUESTION, { id: question.id })).question).toBeNull();
    expect((await reader.client.data(EVENT, { id: event.id })).event).toBeNull();
    // Still there for their authors, with the reason.
    expect((await author.client.data(QUESTION, { id: question.id })).question).toMatchObject({
      id: question.id,
      hiddenReason: 'Contenu de test masqué',
    });
    expect((await camille.client.data(EVENT, { id: event.id })).event).toMatchObject({ id: event.id, hidden: true });
    expect((await author.client.data(POSTS, { search: 'ornithorynque' })).timebankPosts.edges[0].node).toMatchObject({
      id: post.id,
      hidden: true,
      hiddenReason: 'Contenu de test masqué',
    });
    // And told why.
    const told = await sql(`select kind, message from notification where recipient_id in (?, ?) and kind = 'moderation.hidden'`, [
      author.id,
      camille.id,
    ]);
    expect(told).toHaveLength(3);
  });
});

describe('home page with every section', () => {
  it('shows the latest items of each section with their kind, the figures, and what concerns a member', async () => {
    const camille = await organizer('Camille Accueil', 'Médiathèque de Ruffec');
    const asker = await person('Nadia Charente', '16');
    const helper = await person('Karim Charente', '16');
    const question = (
      await asker.client.data(ASK, {
        input: {
          title: 'Comment installer France Identité sur Android ?',
          body: 'Le téléphone refuse la carte.',
          tags: ['identite'],
          departement: '16',
        },
      })
    ).askQuestion;
    await helper.client.data(ANSWER, {
      input: { questionId: question.id, body: 'Il faut un téléphone avec NFC, vérifiez dans les réglages.' },
    });
    const offerPost = (
      await helper.client.data(PUBLISH_POST, { input: offer({ title: 'Prêt de tablettes en Charente', departement: '16' }) })
    ).publishTimebankPost;
    const request = (
      await asker.client.data(PUBLISH_POST, {
        input: offer({ kind: 'REQUEST', title: 'Cherche aide pour un atelier Pix', category: 'FORMATION', departement: '16' }),
      })
    ).publishTimebankPost;
    const event = (
      await camille.client.data(CREATE_EVENT, {
        input: eventInput(camille.organizationId, {
          title: 'Café numérique de Ruffec',
          postalCode: '16700',
          commune: 'Ruffec',
          localStart: parisLocal(5, '10:00'),
          localEnd: parisLocal(5, '12:00'),
        }),
      })
    ).createEvent;
    await asker.client.data(REGISTER, { eventId: event.id });
    const project = (
      await camille.client.data(CREATE_PROJECT, {
        input: {
          holderId: camille.organizationId,
          title: 'Kit d’accueil numérique',
          summary: 'Des fiches pour accueillir les publics éloignés.',
          stage: 'PROTOTYPE',
          departement: '16',
          commune: 'Ruffec',
        },
      })
    ).createProject;
    const campaign = (await camille.client.data(OPEN_CAMPAIGN, { input: campaignInput(project.id) })).openCampaign;
    await asker.client.data(PROPOSE, { input: { postId: offerPost.id, minutes: 60 } });

    const { home } = await asker.client.data(HOME, { departement: '16' });
    const section = (kind: string) => home.sections.find((s: any) => s.kind === kind);
    for (const [kind, id] of [
      ['entraide.question', question.id],
      ['timebank.offer', offerPost.id],
      ['timebank.request', request.id],
      ['agenda.event', event.id],
      ['projets.campaign', campaign.id],
    ]) {
      expect(section(kind).items.map((item: any) => item.id)).toContain(id);
      expect(section(kind).items.every((item: any) => item.kind === kind && item.departement === '16')).toBe(true);
    }
    expect(section('timebank.offer').items.map((item: any) => item.id)).not.toContain(request.id);
    expect(section('projets.campaign').items.find((item: any) => item.id === campaign.id)).toMatchObject({
      title: 'Kit d’accueil numérique — Bêta auprès des aînés',
      link: `/projets/campagnes/${campaign.id}`,
    });
    expect(section('agenda.event').label).toBe('Prochains événements');

    // Another département does not show them; near Angoulême (questions and posts by their département) does.
    const elsewhere = (await app.client().data(HOME, { departement: '29' })).home;
    expect(elsewhere.sections.flatMap((s: any) => s.items.map((item: any) => item.id))).not.toContain(question.id);
    const near = (await app.client().data(HOME, { near: { lat: 45.7, lng: 0.2, radiusKm: 30 } })).home;
    expect(near.sections.find((s: any) => s.kind === 'entraide.question').items.map((item: any) => item.id)).toContain(question.id);
    expect(near.sections.find((s: any) => s.kind === 'timebank.request').items.map((item: any) => item.id)).toContain(request.id);

    const figure = (key: string) => home.figures.find((f: any) => f.key === key)?.value;
    expect(figure('evenements_a_venir')).toBeGreaterThanOrEqual(1);
    expect(figure('heures_echangees')).toBeGreaterThanOrEqual(1.5); // the exchange of the "my data" test
    expect(figure('membres')).toBeGreaterThan(0);

    const forMe = (kind: string) => home.forMe.find((s: any) => s.kind === kind)?.items ?? [];
    expect(forMe('entraide.answer')).toMatchObject([{ kind: 'entraide.answer', title: question.title }]);
    expect(forMe('agenda.registration')).toMatchObject([{ title: 'Café numérique de Ruffec' }]);
    const helperHome = (await helper.client.data(HOME, {})).home;
    expect(helperHome.forMe.find((s: any) => s.kind === 'timebank.exchange').items).toHaveLength(1);

    // Hidden rows leave the home page too.
    await admin.data(HIDE, { input: { contentType: 'entraide.question', contentId: question.id, reason: 'Publicité déguisée' } });
    const after = (await app.client().data(HOME, { departement: '16' })).home;
    expect(after.sections.find((s: any) => s.kind === 'entraide.question').items.map((item: any) => item.id)).not.toContain(question.id);
  });
});

describe('the charter requirement', () => {
  it('refuses events, time-bank posts and projects with a link to the charter until the member signs', async () => {
    const newcomer = await organizer('Nouvelle Organisatrice', 'Tiers-lieu du Sillon');
    await admin.data(SETTINGS, { required: true });
    try {
      const attempts = {
        event: () =>
          newcomer.client.request(CREATE_EVENT, { input: eventInput(newcomer.organizationId, { title: 'Atelier sous charte' }) }),
        post: () => newcomer.client.request(PUBLISH_POST, { input: offer({ title: 'Offre sous charte' }) }),
        project: () =>
          newcomer.client.request(CREATE_PROJECT, {
            input: {
              holderId: newcomer.organizationId,
              title: 'Projet sous charte',
              summary: 'Un projet publié après signature.',
              stage: 'IDEE',
            },
          }),
      };
      for (const attempt of Object.values(attempts)) {
        const { errors } = await attempt();
        expect(errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', link: '/charte' } });
        expect(errors?.[0].message).toMatch(/signez d’abord la version en vigueur de la charte/);
      }
      expect(await sql(`select id from timebank_post where author_id = ?`, [newcomer.id])).toEqual([]);

      await newcomer.client.data(SIGN);
      for (const attempt of Object.values(attempts)) expect((await attempt()).errors).toBeUndefined();
    } finally {
      await admin.data(SETTINGS, { required: false });
    }
  });
});

describe('the posting limit of new accounts', () => {
  it('stops a new account after 5 questions in an hour, not an established one', async () => {
    const newcomer = await person('Nouveau Bavard');
    for (let i = 0; i < 5; i++)
      await newcomer.client.data(ASK, {
        input: { title: `Ma question numéro ${i} sur les démarches`, body: 'Une question de plus, merci.', tags: ['divers'] },
      });
    const limited = await newcomer.client.error(ASK, {
      input: { title: 'Ma sixième question sur les démarches', body: 'Une question de trop ?', tags: ['divers'] },
    });
    expect(limited.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.message).toMatch(/première semaine.*5 fois par heure/);
    // Another kind of post keeps its own allowance.
    expect((await newcomer.client.request(PUBLISH_POST, { input: offer({ title: 'Offre d’un nouveau venu' }) })).errors).toBeUndefined();

    const veteran = await person('Ancienne Bavarde');
    await establishAccountInDb(app, veteran.id);
    for (let i = 0; i < 6; i++)
      await veteran.client.data(ASK, {
        input: { title: `Question d’habituée numéro ${i} sur les démarches`, body: 'Une question de plus, merci.', tags: ['divers'] },
      });
  });
});
