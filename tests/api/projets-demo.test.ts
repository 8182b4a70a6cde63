import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../server/src/seed/demo.js';
import { startTestApp, type TestApp } from '../helpers/api.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await seedDemoIfEmpty(app.orm);
});
afterAll(async () => {
  await app?.close();
});

describe('the projets demo story', () => {
  it('shows a project seeking beta-testers and a closed campaign whose results page has content', async () => {
    const visitor = app.client();
    const { projects } = await visitor.data(
      `{ projects(seekingTesters: true) { edges { node { title openCampaignCount holder { name } } } } }`,
    );
    expect(projects.edges.map((e: any) => e.node)).toEqual([
      { title: 'Mon Téléphone Facile', openCampaignCount: 1, holder: { name: 'Amicale laïque de Savenay' } },
    ]);
    const { project } = await visitor.data(`{ project(slug: "kit-repair-cafe-numerique") { campaigns { id phase } } }`);
    const [closed] = project.campaigns;
    expect(closed.phase).toBe('CLOSED');
    const { campaign } = await visitor.data(
      `query ($id: ID!) { campaign(id: $id) { results { reportCount
      scenarios { successRate meanRating verbatims { authorName testerNumber } } testers { testerCount } } } }`,
      { id: closed.id },
    );
    expect(campaign.results.reportCount).toBe(6);
    expect(campaign.results.testers.testerCount).toBe(3);
    expect(campaign.results.scenarios[0]).toMatchObject({ successRate: 2 / 3, meanRating: 4 });
    // Bernard agreed to be named; the others are numbers.
    expect(campaign.results.scenarios[0].verbatims).toEqual([
      { authorName: 'Bernard Jolivet', testerNumber: 1 },
      { authorName: null, testerNumber: 3 },
    ]);
  });
});
