import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { establishAccountInDb, signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

const CREATE_ORGANIZATION = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name } }`;
const CREATE_PROJECT = `mutation ($input: CreateProjectInput!) {
  createProject(input: $input) { id slug title stage tags canEdit holder { id name } team { user { displayName } } }
}`;
const UPDATE_PROJECT = `mutation ($input: UpdateProjectInput!) { updateProject(input: $input) { id title stage } }`;
const ADD_TEAM = `mutation ($input: AddProjectTeamMemberInput!) { addProjectTeamMember(input: $input) { user { id displayName } role } }`;
const PROJECTS = `query ($search: String, $tags: [String!], $stages: [ProjectStage!], $near: NearInput, $holderId: ID, $weights: ProjectSearchWeights,
                         $preferredStage: ProjectStage, $first: Int, $seekingTesters: Boolean) {
  projects(search: $search, tags: $tags, stages: $stages, near: $near, holderId: $holderId, weights: $weights,
           preferredStage: $preferredStage, first: $first, seekingTesters: $seekingTesters) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id title stage tags score distanceKm openCampaignCount holder { name } coverImage { url alt }
                   scoreParts { proximity tags stage recency } } }
  }
}`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function holderWithProject(client?: GraphQLClient, overrides: Record<string, unknown> = {}) {
  const admin = client ?? app.client();
  if (!client) await signUp(admin, 'Camille Porteuse');
  const { createOrganization } = await admin.data(CREATE_ORGANIZATION, { input: { name: 'Association Bien Vieillir Connecté' } });
  const { createProject } = await admin.data(CREATE_PROJECT, {
    input: {
      holderId: createOrganization.id,
      title: 'Mon appli simplifiée pour les aînés',
      summary: 'Une application Android très simple pour appeler ses proches et lire ses messages.',
      stage: 'BETA',
      tags: ['Seniors', 'smartphone'],
      ...overrides,
    },
  });
  return { admin, organization: createOrganization, project: createProject };
}

describe('projects', () => {
  it('lets an organization editor publish a project; they join its team and can edit it', async () => {
    const { project, organization } = await holderWithProject();
    expect(project).toMatchObject({
      title: 'Mon appli simplifiée pour les aînés',
      slug: 'mon-appli-simplifiee-pour-les-aines',
      stage: 'BETA',
      tags: ['seniors', 'smartphone'],
      canEdit: true,
      holder: { name: organization.name },
      team: [{ user: { displayName: 'Camille Porteuse' } }],
    });
  });

  it('refuses a project to a visitor and to a member who does not edit the holder organization', async () => {
    const { organization } = await holderWithProject();
    const input = { holderId: organization.id, title: 'Projet pirate', summary: 'Un projet publié sans en avoir le droit.', stage: 'IDEE' };
    expect((await app.client().error(CREATE_PROJECT, { input })).extensions?.code).toBe('UNAUTHENTICATED');
    const stranger = app.client();
    await signUp(stranger, 'Quelqu’un d’autre');
    const refused = await stranger.error(CREATE_PROJECT, { input });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/administrateurs et éditeurs de cette organisation/);
    const [{ count }] = await app.orm.em
      .getConnection()
      .execute(`select count(*)::int as count from project where title = 'Projet pirate'`);
    expect(count).toBe(0);
  });

  it('explains every mistake of the form at once, in French', async () => {
    const admin = app.client();
    await signUp(admin);
    const { createOrganization } = await admin.data(CREATE_ORGANIZATION, { input: { name: 'FabLab du Sillon' } });
    const error = await admin.error(CREATE_PROJECT, {
      input: {
        holderId: createOrganization.id,
        title: 'x',
        summary: 'court',
        stage: 'IDEE',
        departement: '123',
        links: [{ label: 'Site', url: 'javascript:alert(1)' }],
        images: [{ url: 'https://exemple.fr/kit.jpg', alt: '' }],
        latitude: 47.3,
      },
    });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields).toMatchObject({
      title: expect.stringMatching(/titre/),
      summary: expect.stringMatching(/Résumez/),
      departement: expect.stringMatching(/département/),
      'links.0.url': expect.stringMatching(/https:\/\//),
      'images.0.alt': expect.stringMatching(/Décrivez l’image/),
      latitude: expect.stringMatching(/latitude et la longitude/),
    });
  });

  it('lets the team edit, including a member added to it, and refuses anyone else', async () => {
    const { admin, project } = await holderWithProject();
    const dev = app.client();
    const devUser = await signUp(dev, 'Lucas Développeur');
    const refused = await dev.error(UPDATE_PROJECT, { input: { projectId: project.id, stage: 'DEPLOYE' } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/équipe du projet/);
    expect((await dev.error(ADD_TEAM, { input: { projectId: project.id, userId: devUser.id } })).extensions?.code).toBe('FORBIDDEN');

    const { addProjectTeamMember } = await admin.data(ADD_TEAM, {
      input: { projectId: project.id, email: devUser.email, role: 'développeur' },
    });
    expect(addProjectTeamMember).toMatchObject({ user: { displayName: 'Lucas Développeur' }, role: 'développeur' });
    const again = await admin.error(ADD_TEAM, { input: { projectId: project.id, userId: devUser.id } });
    expect(again.extensions?.code).toBe('CONFLICT');
    const { updateProject } = await dev.data(UPDATE_PROJECT, {
      input: { projectId: project.id, stage: 'DEPLOYE', title: 'Appli aînés 1.0' },
    });
    expect(updateProject).toMatchObject({ title: 'Appli aînés 1.0', stage: 'DEPLOYE' });
  });

  it('shows a project page by slug with its Markdown rendered safely, and hides a hidden project from visitors', async () => {
    const { project } = await holderWithProject(undefined, {
      description: '## Pourquoi\nPour **tous**. <script>alert(1)</script>',
      essaimage: '1. Réunir 3 bénévoles\n2. Imprimer le guide',
      links: [{ label: 'Code source', url: 'https://forge.exemple.fr/appli' }],
      images: [{ url: 'https://exemple.fr/ecran.png', alt: "L'écran d'accueil avec trois gros boutons" }],
    });
    const query = `query ($slug: String) { project(slug: $slug) { id descriptionHtml essaimageHtml links { label url } images { url alt } canEdit hiddenAt } }`;
    const { project: page } = await app.client().data(query, { slug: project.slug });
    expect(page.descriptionHtml).toContain('<h2>Pourquoi</h2>');
    expect(page.descriptionHtml).toContain('<strong>tous</strong>');
    expect(page.descriptionHtml).not.toContain('<script>');
    expect(page.essaimageHtml).toContain('<ol>');
    expect(page.links).toEqual([{ label: 'Code source', url: 'https://forge.exemple.fr/appli' }]);
    expect(page.images[0].alt).toMatch(/trois gros boutons/);
    expect(page.canEdit).toBe(false);

    await app.orm.em.getConnection().execute(`update project set hidden_at = now(), hidden_reason = 'test' where id = ?`, [project.id]);
    expect((await app.client().data(query, { slug: project.slug })).project).toBeNull();
    const listed = await app.client().data(PROJECTS, { search: 'aînés' });
    expect(listed.projects.edges.map((e: any) => e.node.id)).not.toContain(project.id);
  });
});

describe('project search', () => {
  const SAVENAY = { lat: 47.3606, lng: -1.9425 };
  let holderId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const { admin, organization, project } = await holderWithProject(undefined, {
      title: 'Kit repair café',
      summary: 'Un kit pour lancer un café réparation dans son village.',
      stage: 'IDEE',
      tags: ['reparation'],
      latitude: SAVENAY.lat,
      longitude: SAVENAY.lng,
      commune: 'Savenay',
      departement: '44',
    });
    holderId = organization.id;
    ids.proche = project.id;
    const create = async (input: Record<string, unknown>) =>
      (await admin.data(CREATE_PROJECT, { input: { holderId, ...input } })).createProject.id as string;
    // Angoulême, about 240 km away.
    ids.recent = await create({
      title: 'Ateliers numériques en EHPAD',
      summary: 'Des ateliers tablette pour les résidents et leurs familles.',
      stage: 'IDEE',
      tags: ['tablette'],
      latitude: 45.6484,
      longitude: 0.1562,
    });
    ids.mur = await create({
      title: 'Guide des démarches en ligne',
      summary: 'Un guide imprimé des événements de la vie administrative.',
      stage: 'DEPLOYE',
      tags: ['seniors', 'demarches'],
    });
    const sql = app.orm.em.getConnection();
    await sql.execute(`update project set updated_at = now() - interval '200 days' where id = ?`, [ids.proche]);
    await sql.execute(`update project set updated_at = now() where id = ?`, [ids.recent]);
    await sql.execute(`update project set updated_at = now() - interval '400 days' where id = ?`, [ids.mur]);
  });

  const order = async (weights: Record<string, number>) => {
    const { projects } = await app
      .client()
      .data(PROJECTS, { holderId, near: SAVENAY, tags: ['seniors'], preferredStage: 'DEPLOYE', weights });
    const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    return projects.edges.map((e: any) => names[e.node.id]);
  };

  it('orders by the criterion whose weight the person raises', async () => {
    expect(await order({ proximity: 10, tags: 0, stage: 0, recency: 0 })).toEqual(['proche', 'recent', 'mur']);
    expect(await order({ proximity: 0, tags: 0, stage: 0, recency: 10 })).toEqual(['recent', 'proche', 'mur']);
    expect((await order({ proximity: 0, tags: 10, stage: 0, recency: 0 }))[0]).toBe('mur');
    expect((await order({ proximity: 0, tags: 0, stage: 10, recency: 0 }))[0]).toBe('mur');
  });

  it('changes the order predictably when one weight changes', async () => {
    // proche: proximity 1, recency 2^(-200/90) ≈ 0.21; recent: proximity ≈ 0.077, recency 1.
    expect(await order({ proximity: 10, tags: 0, stage: 0, recency: 5 })).toEqual(['proche', 'recent', 'mur']);
    expect(await order({ proximity: 1, tags: 0, stage: 0, recency: 10 })).toEqual(['recent', 'proche', 'mur']);
  });

  it('explains the score of each project', async () => {
    const { projects } = await app
      .client()
      .data(PROJECTS, { holderId, near: SAVENAY, tags: ['seniors'], weights: { proximity: 10, tags: 10, stage: 0, recency: 0 } });
    const byId = Object.fromEntries(projects.edges.map((e: any) => [e.node.id, e.node]));
    expect(byId[ids.proche].distanceKm).toBeLessThan(0.01);
    expect(byId[ids.proche].scoreParts.proximity).toBeCloseTo(1, 3);
    expect(byId[ids.recent].distanceKm).toBeGreaterThan(200);
    expect(byId[ids.recent].distanceKm).toBeLessThan(280);
    expect(byId[ids.mur].distanceKm).toBeNull();
    expect(byId[ids.mur].scoreParts).toMatchObject({ proximity: 0, tags: 1 });
    expect(byId[ids.mur].score).toBeCloseTo(0.5, 5);
    expect(byId[ids.proche].scoreParts.recency).toBeCloseTo(Math.pow(0.5, 200 / 90), 2);
  });

  it('searches French text without accents, filters by stage and by distance', async () => {
    const search = async (variables: Record<string, unknown>) =>
      (await app.client().data(PROJECTS, { holderId, ...variables })).projects.edges.map((e: any) => e.node.id);
    expect(await search({ search: 'evenements' })).toEqual([ids.mur]);
    expect(await search({ search: 'réparation' })).toEqual([ids.proche]);
    expect(await search({ search: 'tablettes ehpad' })).toEqual([ids.recent]);
    expect(new Set(await search({ stages: ['IDEE'] }))).toEqual(new Set([ids.proche, ids.recent]));
    expect(await search({ near: { ...SAVENAY, radiusKm: 50 } })).toEqual([ids.proche]);
  });

  it('refuses weights outside 0–10 with a clear message', async () => {
    const error = await app.client().error(PROJECTS, { weights: { proximity: 11, recency: -1 } });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields).toMatchObject({
      'weights.proximity': expect.stringMatching(/de 0 à 10/),
      'weights.recency': expect.stringMatching(/de 0 à 10/),
    });
  });

  it('lists in one SQL statement whatever the page size', async () => {
    const admin = app.client();
    const { id } = await signUp(admin);
    await establishAccountInDb(app, id); // past the first-week posting limit
    const { createOrganization } = await admin.data(CREATE_ORGANIZATION, { input: { name: 'Réseau des vingt projets' } });
    for (let i = 0; i < 20; i++) {
      await admin.data(CREATE_PROJECT, {
        input: {
          holderId: createOrganization.id,
          title: `Projet numéro ${i}`,
          summary: 'Un des vingt projets du réseau.',
          stage: 'PROTOTYPE',
          images: [{ url: `https://exemple.fr/${i}.png`, alt: `Photo du projet ${i}` }],
        },
      });
    }
    const list = (first: number) => app.client().data(PROJECTS, { holderId: createOrganization.id, first });
    const small = await app.countStatements(() => list(2));
    const large = await app.countStatements(() => list(20));
    expect(small.result.projects.edges).toHaveLength(2);
    expect(small.result.projects.totalCount).toBe(20);
    expect(small.result.projects.pageInfo.hasNextPage).toBe(true);
    expect(large.result.projects.edges).toHaveLength(20);
    expect(large.result.projects.edges[0].node.coverImage.alt).toMatch(/Photo du projet/);
    expect(small.statements).toBe(1);
    expect(large.statements).toBe(small.statements);
  });
  it('walks the ranked list page by page (keyset cursors): each project once, best score first, ties broken by id', async () => {
    const admin = app.client();
    const { id } = await signUp(admin);
    await establishAccountInDb(app, id); // past the first-week posting limit
    const { createOrganization } = await admin.data(CREATE_ORGANIZATION, { input: { name: 'Réseau des projets parcourus' } });
    const stages = ['PROTOTYPE', 'BETA', 'PROTOTYPE', 'BETA', 'PROTOTYPE'];
    const ids: string[] = [];
    for (const [i, stage] of stages.entries()) {
      const input = { holderId: createOrganization.id, title: `Projet parcouru ${i}`, summary: 'Un projet de la liste parcourue.', stage };
      ids.push((await admin.data(CREATE_PROJECT, { input })).createProject.id);
    }
    // One instant for all (one statement, one now()): projects of a stage tie on the score, the id orders them.
    await app.orm.em.getConnection().execute(`update project set updated_at = now() where holder_id = ?`, [createOrganization.id]);
    const ofStage = (stage: string) => ids.filter((_, i) => stages[i] === stage).sort();
    const expected = [...ofStage('BETA'), ...ofStage('PROTOTYPE')];
    const PAGE = `query ($holderId: ID, $weights: ProjectSearchWeights, $preferredStage: ProjectStage, $first: Int, $after: String) {
      projects(holderId: $holderId, weights: $weights, preferredStage: $preferredStage, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id score } }
      }
    }`;
    const variables = { holderId: createOrganization.id, weights: { tags: 0, stage: 10, recency: 5 }, preferredStage: 'BETA' };
    const seen: Array<{ id: string; score: number }> = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: any = (await app.client().data(PAGE, { ...variables, first: 2, after })).projects;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e: any) => e.node));
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(seen.map((node) => node.id)).toEqual(expected);
    // Same stage, same instant: the same score, computed the same way on every page.
    expect(new Set(seen.slice(0, 2).map((node) => node.score)).size).toBe(1);
    expect(new Set(seen.slice(2).map((node) => node.score)).size).toBe(1);
    expect(seen[0].score).toBeGreaterThan(seen[2].score);
    const past = (await app.client().data(PAGE, { ...variables, first: 2, after })).projects;
    expect(past).toMatchObject({ totalCount: 5, edges: [], pageInfo: { hasNextPage: false } });
    const forged = await app.client().error(PAGE, { ...variables, after: 'bm90LWEtY3Vyc29y' });
    expect(forged.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('walks the applications of a campaign page by page (keyset cursors): each once, in the order they came, ties broken by id', async () => {
    const { admin, project } = await holderWithProject();
    const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();
    const { openCampaign } = await admin.data(`mutation ($input: OpenCampaignInput!) { openCampaign(input: $input) { id } }`, {
      input: {
        projectId: project.id,
        title: 'Bêta parcourue page par page',
        goal: 'Vérifier que la liste des candidatures se parcourt sans perte.',
        seats: 5,
        applicationDeadline: inDays(7),
        testStartsAt: inDays(1),
        testEndsAt: inDays(21),
        scenarios: [{ title: 'Appeler un proche', steps: ['Ouvrir l’appli'], expectedResult: 'L’appel part.' }],
      },
    });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      await app.orm.em.getConnection().execute(`delete from rate_limit where key like 'register:%'`);
      const client = app.client();
      await signUp(client, `Candidate ${i}`);
      const { applyToCampaign } = await client.data(`mutation ($input: ApplyToCampaignInput!) { applyToCampaign(input: $input) { id } }`, {
        input: { campaignId: openCampaign.id, motivation: 'Je veux aider à améliorer l’appli.', level: 'DEBUTANT', device: 'tablette' },
      });
      ids.push(applyToCampaign.id);
    }
    // Three applications share one instant (one statement, one now()), after the two others: the id orders them.
    const tied = ids.slice(0, 3);
    await app.orm.em.getConnection().execute(`update campaign_application set created_at = now() where id in (?, ?, ?)`, tied);
    const expected = [ids[3], ids[4], ...[...tied].sort()];
    const PAGE = `query ($id: ID!, $first: Int, $after: String) { campaign(id: $id) { applications(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id applicant { displayName } } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: any = (await admin.data(PAGE, { id: openCampaign.id, first: 2, after })).campaign.applications;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e: any) => e.node.id));
      expect(page.edges.every((e: any) => /^Candidate \d$/.test(e.node.applicant.displayName))).toBe(true);
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual(expected);
    const past = (await admin.data(PAGE, { id: openCampaign.id, first: 2, after })).campaign.applications;
    expect(past).toMatchObject({ totalCount: 5, edges: [] });
  });
});
