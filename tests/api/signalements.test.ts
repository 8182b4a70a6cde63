import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderatedContentTypes } from '../../server/src/modules/commun/plugs.js';
import { seedDemoIfEmpty } from '../../server/src/seed/demo.js';
import '../../server/src/sections.js';
import { establishAccountInDb, grantRoleInDb, signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

/**
 * "Signaler" on every piece of content a member can see (issue #17, point 1): each kind is declared
 * by its section, a member reports one of each from the demo network, a visitor cannot, and the
 * moderators' queue shows each case with a link to the right page and its excerpt's Markdown rendered.
 */
const REPORT = `mutation ($input: ReportContentInput!) { reportContent(input: $input) { contentType contentId alreadyReported } }`;
const QUEUE = `query ($first: Int) { moderationQueue(first: $first) {
  totalCount edges { node { contentType contentId contentLabel excerpt excerptHtml link reportCount } } } }`;
const UPDATE_BIO = `mutation ($bio: String) { updateProfile(input: { bio: $bio }) { id } }`;

/** Every kind of content a member sees on a page, and where its queue link must lead. */
const KINDS: Array<{ type: string; link: RegExp }> = [
  { type: 'entraide.question', link: /^\/entraide\/questions\/[0-9a-f-]{36}$/ },
  { type: 'entraide.answer', link: /^\/entraide\/questions\/[0-9a-f-]{36}#reponse-[0-9a-f-]{36}$/ },
  { type: 'agenda.event', link: /^\/agenda\/evenements\/[0-9a-f-]{36}$/ },
  { type: 'agenda.session', link: /^\/agenda\/evenements\/[0-9a-f-]{36}\/programme#session-[0-9a-f-]{36}$/ },
  { type: 'timebank.post', link: /^\/banque-de-temps\/annonces\/[0-9a-f-]{36}$/ },
  { type: 'projets.project', link: /^\/projets\/[a-z0-9-]+$/ },
  { type: 'projets.campaign', link: /^\/projets\/campagnes\/[0-9a-f-]{36}$/ },
  { type: 'charte.amendment', link: /^\/charte\/amendements\/[0-9a-f-]{36}$/ },
  { type: 'charte.comment', link: /^\/charte\/amendements\/[0-9a-f-]{36}#commentaire-[0-9a-f-]{36}$/ },
  { type: 'profile', link: /^\/membres\/[0-9a-f-]{36}$/ },
];

let app: TestApp;
let reporter: { client: GraphQLClient; id: string };
let moderator: GraphQLClient;
const sql = <T = any>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T[]>(query, params);

/** One content of the kind from the demo network, by someone else than the reporter, not yet reported (the oldest id, for a stable pick). */
async function oneOf(type: string): Promise<string> {
  const entry = moderatedContentTypes().find((candidate) => candidate.type === type);
  if (!entry) throw new Error(`${type} is not declared`);
  const [id, author, hiddenAt] = [entry.idColumn ?? 'id', entry.authorColumn, entry.hiddenAtColumn ?? 'hidden_at'];
  const camille = type === 'profile' ? `and t.email = 'camille@demo.maillage.fr'` : '';
  const [row] = await sql<{ id: string }>(
    `select t.${id} as id from ${entry.table} t
      where t.${author} is not null and t.${author} <> ? and t.${hiddenAt} is null ${camille}
        and not exists (select 1 from report r where r.content_type = ? and r.content_id = t.${id})
      order by t.${id} limit 1`,
    [reporter.id, type],
  );
  if (!row) throw new Error(`the demo network has no ${type}`);
  return row.id;
}

beforeAll(async () => {
  app = await startTestApp();
  await seedDemoIfEmpty(app.orm);
  reporter = { client: app.client(), id: '' };
  reporter.id = (await signUp(reporter.client, 'Rita Signale')).id;
  await establishAccountInDb(app, reporter.id);
  moderator = app.client();
  await grantRoleInDb(app, (await signUp(moderator, 'Hélène Modère')).id, 'moderator');
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('reporting every kind of content', () => {
  it('has every kind a member sees declared by its section as moderated content', () => {
    const declared = moderatedContentTypes().map((entry) => entry.type);
    for (const kind of KINDS) expect(declared, kind.type).toContain(kind.type);
  });

  it('refuses a visitor for every kind, before anything is recorded', async () => {
    const visitor = app.client();
    for (const kind of KINDS) {
      const input = { contentType: kind.type, contentId: await oneOf(kind.type), reason: 'SPAM' };
      expect((await visitor.error(REPORT, { input })).extensions?.code, kind.type).toBe('UNAUTHENTICATED');
    }
    const [{ n }] = await sql(`select count(*)::int as n from report where reporter_id = ?`, [reporter.id]);
    expect(n).toBe(0);
  });

  it('lets a member report one of each, and the queue links each case to its page', async () => {
    const reported = new Map<string, string>();
    for (const kind of KINDS) {
      const contentId = await oneOf(kind.type);
      reported.set(kind.type, contentId);
      const input = { contentType: kind.type, contentId, reason: 'MISLEADING', details: `Vérification ${kind.type}` };
      expect((await reporter.client.data(REPORT, { input })).reportContent, kind.type).toEqual({
        contentType: kind.type,
        contentId,
        alreadyReported: false,
      });
    }
    const { moderationQueue } = await moderator.data(QUEUE, { first: 50 });
    for (const kind of KINDS) {
      const found = moderationQueue.edges.find((edge: any) => edge.node.contentId === reported.get(kind.type))?.node;
      expect(found, kind.type).toMatchObject({ contentType: kind.type, reportCount: 1 });
      expect(found.link, kind.type).toMatch(kind.link);
      expect(found.excerpt, kind.type).toBeTruthy();
    }
  });
});

describe('the queue’s excerpts', () => {
  it('renders the Markdown of an excerpt (no raw **) and keeps it sanitized', async () => {
    const { moderationQueue } = await moderator.data(QUEUE, { first: 50 });
    const camille = moderationQueue.edges.find(
      (edge: any) => edge.node.contentType === 'profile' && edge.node.excerpt.startsWith('Camille Le Goff'),
    ).node;
    expect(camille.excerpt).toContain('**Ateliers débutants**');
    expect(camille.excerptHtml).toContain('<strong>Ateliers débutants</strong>');
    expect(camille.excerptHtml).not.toContain('**');

    const author = app.client();
    const { id } = await signUp(author, 'Auteur Piégé');
    await author.data(UPDATE_BIO, { bio: 'Mon **site** <img src="x" onerror="alert(1)"> [ici](javascript:alert(1))' });
    await reporter.client.data(REPORT, { input: { contentType: 'profile', contentId: id, reason: 'SPAM' } });
    const after = (await moderator.data(QUEUE, { first: 50 })).moderationQueue.edges.find((edge: any) => edge.node.contentId === id).node;
    expect(after.excerptHtml).toContain('<strong>site</strong>');
    expect(after.excerptHtml).toContain('&lt;img');
    expect(after.excerptHtml).not.toMatch(/<img|href="javascript/i);
  });
});
