import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

const OPEN_CAMPAIGN = `mutation ($input: OpenCampaignInput!) {
  openCampaign(input: $input) { id title seats seatsLeft phase testerLevels testerPublics testerDevices
    scenarios { id position title steps expectedResult } questions { id position text } }
}`;
const APPLY = `mutation ($input: ApplyToCampaignInput!) { applyToCampaign(input: $input) { id status level matchesProfile applicant { displayName } } }`;
const DECIDE = `mutation ($input: DecideApplicationInput!) { decideApplication(input: $input) { id status decisionMessage campaign { seatsLeft } } }`;
const REPORT = `mutation ($input: SubmitTestReportInput!) { submitTestReport(input: $input) { id succeeded rating comment device scenario { position } } }`;
const ANSWER = `mutation ($input: AnswerQuestionnaireInput!) { answerQuestionnaire(input: $input) { answer question { position } } }`;
const CLOSE = `mutation ($input: CloseCampaignInput!) { closeCampaign(input: $input) { id phase closedAt resultsCsvUrl } }`;
const RESULTS = `query ($id: ID!) { campaign(id: $id) { id phase results {
  reportCount overallSuccessRate overallMeanRating
  scenarios { position title reportCount successCount successRate meanRating
    verbatims { text authorName testerNumber level device succeeded rating } }
  questions { text answers { text authorName testerNumber } }
  testers { testerCount levels { value count } publics { value count } devices { value count } }
} } }`;
const NOTIFICATIONS = `{ notifications { edges { node { kind message link } } } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});
// These tests sign up many testers from one address: start each test with a fresh sign-up allowance.
beforeEach(async () => {
  await app.orm.em.getConnection().execute(`delete from rate_limit`);
});

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();

function campaignInput(projectId: string, overrides: Record<string, unknown> = {}) {
  return {
    projectId,
    title: 'Première bêta auprès des aînés',
    goal: 'Savoir si une personne qui débute appelle un proche sans aide.',
    testerProfile: { levels: ['ELOIGNE', 'DEBUTANT'], publics: ['seniors'], devices: ['smartphone'] },
    seats: 2,
    applicationDeadline: inDays(7),
    testStartsAt: inDays(1),
    testEndsAt: inDays(21),
    scenarios: [
      { title: 'Appeler un proche', steps: ['Ouvrir l’appli', 'Toucher la photo du proche'], expectedResult: 'L’appel part.' },
      { title: 'Lire un message', steps: ['Toucher « Messages »'], expectedResult: 'Le dernier message s’affiche en grand.' },
    ],
    questions: ['Qu’avez-vous préféré ?'],
    ...overrides,
  };
}

async function holderWithCampaign(overrides: Record<string, unknown> = {}) {
  const holder = app.client();
  await signUp(holder, 'Camille Porteuse');
  const { createOrganization } = await holder.data(
    `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    {
      input: { name: 'Association Bien Vieillir' },
    },
  );
  const { createProject } = await holder.data(`mutation ($input: CreateProjectInput!) { createProject(input: $input) { id slug } }`, {
    input: {
      holderId: createOrganization.id,
      title: 'Appli simplifiée pour les aînés',
      summary: 'Appeler et lire ses messages sans se perdre.',
      stage: 'BETA',
    },
  });
  const { openCampaign } = await holder.data(OPEN_CAMPAIGN, { input: campaignInput(createProject.id, overrides) });
  return { holder, project: createProject, campaign: openCampaign };
}

async function applicant(campaignId: string, name: string, extra: Record<string, unknown> = {}) {
  const client = app.client();
  const user = await signUp(client, name);
  const { applyToCampaign } = await client.data(APPLY, {
    input: {
      campaignId,
      motivation: 'Je débute et je veux aider à améliorer l’appli.',
      level: 'DEBUTANT',
      publics: ['seniors'],
      device: 'smartphone Android',
      ...extra,
    },
  });
  return { client, user, application: applyToCampaign };
}

describe('opening a campaign', () => {
  it('opens a campaign with its scenarios, questions and tester profile', async () => {
    const { campaign } = await holderWithCampaign();
    expect(campaign).toMatchObject({
      seats: 2,
      seatsLeft: 2,
      phase: 'APPLICATIONS',
      testerLevels: ['ELOIGNE', 'DEBUTANT'],
      testerPublics: ['seniors'],
      scenarios: [
        { position: 1, title: 'Appeler un proche', steps: ['Ouvrir l’appli', 'Toucher la photo du proche'] },
        { position: 2, title: 'Lire un message', expectedResult: 'Le dernier message s’affiche en grand.' },
      ],
      questions: [{ position: 1, text: 'Qu’avez-vous préféré ?' }],
    });
  });

  it('reports each mistake of the campaign form next to its field', async () => {
    const { holder, project } = await holderWithCampaign();
    const error = await holder.error(OPEN_CAMPAIGN, {
      input: campaignInput(project.id, {
        seats: 0,
        applicationDeadline: inDays(-1),
        testStartsAt: inDays(5),
        testEndsAt: inDays(2),
        scenarios: [{ title: 'Ok scénario', steps: ['  '], expectedResult: '' }],
      }),
    });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields).toMatchObject({
      seats: expect.stringMatching(/nombre de places/),
      applicationDeadline: expect.stringMatching(/dans le futur/),
      testEndsAt: expect.stringMatching(/après leur début/),
      'scenarios.0.steps': expect.stringMatching(/au moins une étape/),
      'scenarios.0.expectedResult': expect.stringMatching(/résultat attendu/),
    });
  });

  it('refuses a campaign to someone outside the project team', async () => {
    const { project } = await holderWithCampaign();
    const stranger = app.client();
    await signUp(stranger);
    const error = await stranger.error(OPEN_CAMPAIGN, { input: campaignInput(project.id) });
    expect(error.extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().error(OPEN_CAMPAIGN, { input: campaignInput(project.id) })).extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('applications', () => {
  it('tells the team about an application and says whether it fits the profile', async () => {
    const { holder, campaign } = await holderWithCampaign();
    const fits = await applicant(campaign.id, 'Josette Débutante');
    expect(fits.application).toMatchObject({ status: 'PENDING', level: 'DEBUTANT', matchesProfile: true });
    const off = await applicant(campaign.id, 'Paul Expert', { level: 'AUTONOME', device: 'ordinateur portable', publics: [] });
    expect(off.application.matchesProfile).toBe(false);
    const { notifications } = await holder.data(NOTIFICATIONS);
    expect(notifications.edges.map((e: any) => e.node)).toContainEqual(
      expect.objectContaining({ kind: 'projets.application', message: expect.stringMatching(/Josette Débutante souhaite tester/) }),
    );
  });

  it('refuses a second application, a team member, a visitor, an empty motivation and a late application', async () => {
    const { holder, campaign } = await holderWithCampaign();
    const { client } = await applicant(campaign.id, 'Deux Fois');
    const input = { campaignId: campaign.id, motivation: 'Encore une fois, je veux tester.', level: 'DEBUTANT', device: 'tablette' };
    const twice = await client.error(APPLY, { input });
    expect(twice.extensions?.code).toBe('CONFLICT');
    expect(twice.message).toMatch(/déjà candidaté/);
    const self = await holder.error(APPLY, { input });
    expect(self.extensions?.code).toBe('FORBIDDEN');
    expect(self.message).toMatch(/équipe de ce projet/);
    expect((await app.client().error(APPLY, { input })).extensions?.code).toBe('UNAUTHENTICATED');
    const other = app.client();
    await signUp(other);
    const empty = await other.error(APPLY, { input: { ...input, motivation: ' ', device: '' } });
    expect(empty.extensions?.fields).toMatchObject({
      motivation: expect.stringMatching(/pourquoi/),
      device: expect.stringMatching(/appareil/),
    });
    await app.orm.em
      .getConnection()
      .execute(`update campaign set application_deadline = '2026-03-01T13:05:00Z' where id = ?`, [campaign.id]);
    const late = await other.error(APPLY, { input });
    expect(late.extensions?.code).toBe('CONFLICT');
    // On the clock of Paris, written the French way (a Sunday, the first of the month, 14:05 in winter).
    expect(late.message).toBe('Les candidatures sont closes depuis le dimanche 1er mars à 14\u202fh\u202f05.');
    const english = app.client({ 'accept-language': 'en' });
    english.cookies.set('maillage_session', other.cookies.get('maillage_session')!);
    expect((await english.error(APPLY, { input })).message).toBe('Applications closed on Sunday 1 March at 14:05.');
  });

  it('never accepts beyond the seats, with a clear refusal, and tells the applicants', async () => {
    const { holder, campaign } = await holderWithCampaign();
    const [a, b, c] = [await applicant(campaign.id, 'Alice'), await applicant(campaign.id, 'Bruno'), await applicant(campaign.id, 'Chloé')];
    expect(
      (await holder.data(DECIDE, { input: { applicationId: a.application.id, decision: 'ACCEPTED' } })).decideApplication.campaign
        .seatsLeft,
    ).toBe(1);
    await holder.data(DECIDE, { input: { applicationId: b.application.id, decision: 'ACCEPTED' } });
    const full = await holder.error(DECIDE, { input: { applicationId: c.application.id, decision: 'ACCEPTED' } });
    expect(full.extensions?.code).toBe('CONFLICT');
    expect(full.extensions?.reason).toBe('NO_SEAT_LEFT');
    expect(full.message).toMatch(/les 2 places de cette campagne sont déjà attribuées/);
    const { decideApplication } = await holder.data(DECIDE, {
      input: { applicationId: c.application.id, decision: 'DECLINED', message: 'Les places sont prises, merci !' },
    });
    expect(decideApplication).toMatchObject({
      status: 'DECLINED',
      decisionMessage: 'Les places sont prises, merci !',
      campaign: { seatsLeft: 0 },
    });

    const told = async (client: GraphQLClient) => (await client.data(NOTIFICATIONS)).notifications.edges.map((e: any) => e.node);
    expect(await told(a.client)).toContainEqual(
      expect.objectContaining({ kind: 'projets.decision', message: expect.stringMatching(/est acceptée/) }),
    );
    expect(await told(c.client)).toContainEqual(
      expect.objectContaining({ kind: 'projets.decision', message: expect.stringMatching(/n’est pas retenue.*Les places sont prises/) }),
    );

    // Declining an accepted tester (before any report) frees the seat for someone else.
    await holder.data(DECIDE, { input: { applicationId: b.application.id, decision: 'DECLINED' } });
    expect((await holder.data(DECIDE, { input: { applicationId: c.application.id, decision: 'ACCEPTED' } })).decideApplication.status).toBe(
      'ACCEPTED',
    );
  });

  it('gives the last seats to exactly as many people when the holder accepts several at once', async () => {
    const { holder, campaign } = await holderWithCampaign({ seats: 2 });
    const people = await Promise.all(['Un', 'Deux', 'Trois', 'Quatre'].map((name) => applicant(campaign.id, `Testeur ${name}`)));
    const answers = await Promise.all(
      people.map((p) => holder.request(DECIDE, { input: { applicationId: p.application.id, decision: 'ACCEPTED' } })),
    );
    const accepted = answers.filter((r) => !r.errors);
    const refused = answers.filter((r) => r.errors);
    expect(accepted).toHaveLength(2);
    expect(refused).toHaveLength(2);
    expect(refused.every((r) => r.errors![0].extensions?.reason === 'NO_SEAT_LEFT')).toBe(true);
    const [row] = await app.orm.em.getConnection().execute(
      `select c.accepted_count, (select count(*)::int from campaign_application a where a.campaign_id = c.id and a.status = 'accepted') as accepted
         from campaign c where c.id = ?`,
      [campaign.id],
    );
    expect(row).toEqual({ accepted_count: 2, accepted: 2 });
  });

  it('keeps one application and one report when the same person clicks twice at once', async () => {
    const { holder, campaign } = await holderWithCampaign();
    const client = app.client();
    await signUp(client, 'Double Clic');
    const input = { campaignId: campaign.id, motivation: 'Je clique vite et deux fois.', level: 'AVANCE', device: 'tablette' };
    const applies = await Promise.all([client.request(APPLY, { input }), client.request(APPLY, { input })]);
    expect(applies.filter((r) => !r.errors)).toHaveLength(1);
    expect(applies.find((r) => r.errors)!.errors![0].extensions?.code).toBe('CONFLICT');
    const applicationId = applies.find((r) => !r.errors)!.data!.applyToCampaign.id;
    await holder.data(DECIDE, { input: { applicationId, decision: 'ACCEPTED' } });
    const report = { input: { scenarioId: campaign.scenarios[0].id, succeeded: true, rating: 4, device: 'tablette' } };
    const reports = await Promise.all([client.request(REPORT, report), client.request(REPORT, report)]);
    expect(reports.every((r) => !r.errors)).toBe(true);
    const [{ count }] = await app.orm.em
      .getConnection()
      .execute(`select count(*)::int as count from test_report where application_id = ?`, [applicationId]);
    expect(count).toBe(1);
  });

  it('lets only the project team decide and see applications', async () => {
    const { holder, campaign } = await holderWithCampaign();
    const { client, application } = await applicant(campaign.id, 'Curieuse');
    const self = await client.error(DECIDE, { input: { applicationId: application.id, decision: 'ACCEPTED' } });
    expect(self.extensions?.code).toBe('FORBIDDEN');
    const list = `query ($id: ID!) { campaign(id: $id) { applications { totalCount edges { node { id applicant { displayName } motivation } } } } }`;
    expect((await client.error(list, { id: campaign.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().error(list, { id: campaign.id })).extensions?.code).toBe('FORBIDDEN');
    const { campaign: seen } = await holder.data(list, { id: campaign.id });
    expect(seen.applications.edges[0].node).toMatchObject({ applicant: { displayName: 'Curieuse' } });
    // The applicant sees their own status.
    const mine = await client.data(`query ($id: ID!) { campaign(id: $id) { myApplication { status } canManage } }`, { id: campaign.id });
    expect(mine.campaign).toEqual({ myApplication: { status: 'PENDING' }, canManage: false });
  });

  it('lists applications with the same number of statements for 2 and 20 applicants', async () => {
    const { holder, campaign } = await holderWithCampaign({ seats: 20 });
    for (let i = 0; i < 20; i++) await applicant(campaign.id, `Candidat ${i}`);
    const list = (first: number) =>
      holder.data(
        `query ($id: ID!, $first: Int) { campaign(id: $id) { applications(first: $first) { totalCount edges { node { id status motivation level device matchesProfile applicant { displayName } } } } } }`,
        { id: campaign.id, first },
      );
    const small = await app.countStatements(() => list(2));
    const large = await app.countStatements(() => list(20));
    expect(small.result.campaign.applications.edges).toHaveLength(2);
    expect(large.result.campaign.applications.edges).toHaveLength(20);
    expect(large.result.campaign.applications.totalCount).toBe(20);
    expect(large.statements).toBe(small.statements);
  });
});

describe('reports, closing and results', () => {
  it('runs a whole campaign: reports once per scenario (editable), closes, publishes anonymized results and a CSV', async () => {
    const { holder, project, campaign } = await holderWithCampaign();
    const [s1, s2] = campaign.scenarios;
    const josette = await applicant(campaign.id, 'Josette Rivière', {
      agreesToBeNamed: true,
      level: 'ELOIGNE',
      device: 'smartphone Android',
    });
    const marcel = await applicant(campaign.id, 'Marcel Discret', {
      level: 'DEBUTANT',
      device: 'tablette',
      publics: ['seniors', 'aidants'],
    });
    const refused = await applicant(campaign.id, 'Zoé Refusée');
    for (const person of [josette, marcel])
      await holder.data(DECIDE, { input: { applicationId: person.application.id, decision: 'ACCEPTED' } });

    // Only accepted testers report.
    const report = (scenarioId: string, succeeded: boolean, rating: number, comment: string | null, device = 'smartphone Android') => ({
      input: { scenarioId, succeeded, rating, comment, device },
    });
    const notAccepted = await refused.client.error(REPORT, report(s1.id, true, 5, 'Je veux aussi.'));
    expect(notAccepted.extensions?.code).toBe('FORBIDDEN');
    expect(notAccepted.message).toMatch(/candidature a été acceptée/);
    expect((await holder.error(REPORT, report(s1.id, true, 5, null))).extensions?.code).toBe('FORBIDDEN');
    const badRating = await josette.client.error(REPORT, report(s1.id, true, 7, null));
    expect(badRating.extensions?.fields?.rating).toMatch(/de 1 .* à 5/);

    await josette.client.data(REPORT, report(s1.id, false, 2, 'Je n’ai pas trouvé la photo.'));
    // Sending again replaces the report: still one per scenario.
    const { submitTestReport } = await josette.client.data(REPORT, report(s1.id, true, 4, '=bravo, trouvé du premier coup'));
    expect(submitTestReport).toMatchObject({ succeeded: true, rating: 4, scenario: { position: 1 } });
    await josette.client.data(REPORT, report(s2.id, true, 5, null));
    await marcel.client.data(REPORT, report(s1.id, false, 2, 'Les boutons sont trop petits.', 'tablette'));
    await marcel.client.data(REPORT, report(s2.id, true, 3, 'Lisible.', 'tablette'));
    await marcel.client.data(ANSWER, {
      input: { campaignId: campaign.id, answers: [{ questionId: campaign.questions[0].id, answer: 'Les gros caractères.' }] },
    });
    const [{ count }] = await app.orm.em
      .getConnection()
      .execute(
        `select count(*)::int as count from test_report r join campaign_scenario s on s.id = r.scenario_id where s.campaign_id = ?`,
        [campaign.id],
      );
    expect(count).toBe(4);

    // Before closing, visitors see no results; the team sees them.
    expect((await app.client().data(RESULTS, { id: campaign.id })).campaign.results).toBeNull();
    expect((await holder.data(RESULTS, { id: campaign.id })).campaign.results.reportCount).toBe(4);

    // Only the team closes; the pending applicant is told.
    expect((await marcel.client.error(CLOSE, { input: { campaignId: campaign.id } })).extensions?.code).toBe('FORBIDDEN');
    const pending = await applicant(campaign.id, 'Tardive');
    const { closeCampaign } = await holder.data(CLOSE, { input: { campaignId: campaign.id } });
    expect(closeCampaign).toMatchObject({ phase: 'CLOSED', resultsCsvUrl: `/api/projets/campagnes/${campaign.id}/resultats.csv` });
    expect((await holder.error(CLOSE, { input: { campaignId: campaign.id } })).extensions?.code).toBe('CONFLICT');
    const pendingNow = await pending.client.data(`query ($id: ID!) { campaign(id: $id) { myApplication { status } } }`, {
      id: campaign.id,
    });
    expect(pendingNow.campaign.myApplication.status).toBe('DECLINED');
    const josetteTold = (await josette.client.data(NOTIFICATIONS)).notifications.edges.map((e: any) => e.node);
    expect(josetteTold).toContainEqual(
      expect.objectContaining({ kind: 'projets.results', link: `/projets/campagnes/${campaign.id}/resultats` }),
    );

    // Nobody reports after closing, nor changes the questionnaire, nor is accepted.
    const late = await josette.client.error(REPORT, report(s2.id, false, 1, 'Finalement non.'));
    expect(late.extensions?.code).toBe('CONFLICT');
    expect(late.message).toMatch(/campagne est close/);
    expect((await marcel.client.error(ANSWER, { input: { campaignId: campaign.id, answers: [] } })).extensions?.code).toBe('CONFLICT');
    expect((await holder.error(DECIDE, { input: { applicationId: refused.application.id, decision: 'ACCEPTED' } })).extensions?.code).toBe(
      'CONFLICT',
    );

    // The public results.
    const { results } = (await app.client().data(RESULTS, { id: campaign.id })).campaign;
    expect(results.reportCount).toBe(4);
    expect(results.overallSuccessRate).toBeCloseTo(3 / 4);
    expect(results.overallMeanRating).toBeCloseTo((4 + 5 + 2 + 3) / 4);
    const [first, second] = results.scenarios;
    expect(first).toMatchObject({ position: 1, reportCount: 2, successCount: 1, successRate: 0.5, meanRating: 3 });
    expect(second).toMatchObject({ position: 2, reportCount: 2, successCount: 2, successRate: 1, meanRating: 4 });
    // Josette agreed to be named; Marcel stays anonymous (a number only).
    expect(first.verbatims).toEqual([
      {
        text: '=bravo, trouvé du premier coup',
        authorName: 'Josette Rivière',
        testerNumber: 1,
        level: 'ELOIGNE',
        device: 'smartphone Android',
        succeeded: true,
        rating: 4,
      },
      {
        text: 'Les boutons sont trop petits.',
        authorName: null,
        testerNumber: 2,
        level: 'DEBUTANT',
        device: 'tablette',
        succeeded: false,
        rating: 2,
      },
    ]);
    expect(JSON.stringify(results)).not.toContain('Marcel');
    expect(second.verbatims.map((v: any) => v.text)).toEqual(['Lisible.']);
    expect(results.questions).toEqual([
      { text: 'Qu’avez-vous préféré ?', answers: [{ text: 'Les gros caractères.', authorName: null, testerNumber: 2 }] },
    ]);
    expect(results.testers).toEqual({
      testerCount: 2,
      levels: [
        { value: 'eloigne', count: 1 },
        { value: 'debutant', count: 1 },
      ],
      publics: [
        { value: 'seniors', count: 2 },
        { value: 'aidants', count: 1 },
      ],
      devices: [
        { value: 'smartphone Android', count: 1 },
        { value: 'tablette', count: 1 },
      ],
    });

    // The CSV export, for spreadsheets: no formula injection, anonymity kept.
    const csv = await fetch(`${app.url}${closeCampaign.resultsCsvUrl}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain(`resultats-${project.slug}.csv`);
    const text = (await csv.text()).replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'scenario;titre;comptes_rendus;reussites;taux_de_reussite_pct;note_moyenne_sur_5;testeur;niveau;appareil;reussi;note;commentaire',
    );
    expect(lines[1]).toBe('1;Appeler un proche;2;1;50;3;;;;;;');
    expect(text).toContain(`Josette Rivière;Éloigné;smartphone Android;oui;4;"'=bravo, trouvé du premier coup"`);
    expect(text).toContain('Testeur·rice n° 2;Débutant;tablette;non;2;Les boutons sont trop petits.');
    expect(text).not.toContain('Marcel');
  });

  it('leaves hidden comments out of the public results, and hidden campaigns out of sight', async () => {
    const { holder, campaign } = await holderWithCampaign();
    const tester = await applicant(campaign.id, 'Commentatrice');
    await holder.data(DECIDE, { input: { applicationId: tester.application.id, decision: 'ACCEPTED' } });
    const { submitTestReport } = await tester.client.data(REPORT, {
      input: { scenarioId: campaign.scenarios[0].id, succeeded: true, rating: 4, comment: 'Un commentaire injurieux', device: 'tablette' },
    });
    await holder.data(CLOSE, { input: { campaignId: campaign.id } });
    const sql = app.orm.em.getConnection();
    await sql.execute(`update test_report set hidden_at = now(), hidden_reason = 'injure' where id = ?`, [submitTestReport.id]);
    const { results } = (await app.client().data(RESULTS, { id: campaign.id })).campaign;
    // The rating still counts; the words are gone.
    expect(results.scenarios[0]).toMatchObject({ reportCount: 1, successRate: 1, meanRating: 4, verbatims: [] });
    const csv = await (await fetch(`${app.url}/api/projets/campagnes/${campaign.id}/resultats.csv`)).text();
    expect(csv).not.toContain('injurieux');

    await sql.execute(`update campaign set hidden_at = now(), hidden_reason = 'hors charte' where id = ?`, [campaign.id]);
    expect((await app.client().data(RESULTS, { id: campaign.id })).campaign).toBeNull();
    expect((await fetch(`${app.url}/api/projets/campagnes/${campaign.id}/resultats.csv`)).status).toBe(404);
    // The team still sees it, with the notice.
    const seen = await holder.data(`query ($id: ID!) { campaign(id: $id) { hiddenAt hiddenReason } }`, { id: campaign.id });
    expect(seen.campaign).toMatchObject({ hiddenAt: expect.any(String), hiddenReason: 'hors charte' });
  });

  it('refuses the CSV of a campaign that is not closed', async () => {
    const { campaign } = await holderWithCampaign();
    const response = await fetch(`${app.url}/api/projets/campagnes/${campaign.id}/resultats.csv`);
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/pas encore close/);
  });

  it('keeps a report of an accepted tester: they can no longer be declined', async () => {
    const { holder, campaign } = await holderWithCampaign();
    const tester = await applicant(campaign.id, 'Fidèle');
    await holder.data(DECIDE, { input: { applicationId: tester.application.id, decision: 'ACCEPTED' } });
    await tester.client.data(REPORT, { input: { scenarioId: campaign.scenarios[0].id, succeeded: true, rating: 5, device: 'tablette' } });
    const error = await holder.error(DECIDE, { input: { applicationId: tester.application.id, decision: 'DECLINED' } });
    expect(error.extensions?.code).toBe('CONFLICT');
    expect(error.message).toMatch(/déjà envoyé des comptes rendus/);
  });
});
