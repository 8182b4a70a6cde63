import { pdf } from '../helpers/documents.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

/**
 * Ressources searched with words (issue #19): the most relevant first — the word in the title before the
 * word in the summary, before the word only inside an attached PDF — and its pages neither repeat nor skip.
 */

const CREATE = `mutation ($input: ResourceInput!) { createResource(input: $input) { id title } }`;
const LIST = `query ($search: String, $first: Int, $after: String) {
  resources(search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title } } } }`;

let app: TestApp;
let author: GraphQLClient;

beforeAll(async () => {
  app = await startTestApp();
  author = app.client();
  const user = await signUp(author, 'Paule Pertinente');
  // An account of a month: new accounts' posting limits (moderation) do not apply.
  await app.orm.em.getConnection().execute(`update app_user set created_at = now() - interval '30 days' where id = ?`, [user.id]);
});
afterAll(async () => {
  await app?.close();
});

async function uploadPdf(bytes: Buffer, name: string): Promise<string> {
  const form = new FormData();
  form.set('purpose', 'attachment');
  form.set('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
  const cookie = [...author.cookies].map(([key, value]) => `${key}=${value}`).join('; ');
  const response = await fetch(`${app.url}/api/fichiers`, {
    method: 'POST',
    body: form,
    headers: { accept: 'application/json', origin: app.url, cookie },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function publish(title: string, summary: string, extra: Record<string, unknown> = {}): Promise<{ id: string; title: string }> {
  const { createResource } = await author.data(CREATE, {
    input: {
      title,
      summary,
      contentMarkdown: 'Une fiche pour accompagner une personne pas à pas.',
      kind: 'FICHE_PRATIQUE',
      licence: 'CC_BY_SA',
      visibility: 'PUBLIC',
      themes: ['Maîtrise des outils numériques du quotidien'],
      publics: ['Seniors'],
      levels: [1],
      tags: [],
      links: [],
      ...extra,
    },
  });
  return createResource;
}

type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { id: string; title: string } }>;
};

async function search(words: string, first: number, after?: string | null): Promise<Page> {
  return (await app.client().data(LIST, { search: words, first, after: after ?? null })).resources;
}

describe('searching resources with words', () => {
  it('shows the word in the title first, then in the summary, then in the content, then only inside a PDF — not the newest first', async () => {
    // Published from the least to the most relevant: newest first would show them the other way round.
    const titled = await publish('Le guide Quasarine des démarches', 'Une fiche pour les démarches en ligne.');
    const summarized = await publish('Les démarches en ligne', 'Une fiche qui présente la méthode Quasarine aux débutants.');
    const inContent = await publish('Accompagner en mairie', 'Une fiche pour les permanences.', {
      contentMarkdown: 'En permanence, la méthode Quasarine aide à préparer le rendez-vous.',
    });
    const file = await uploadPdf(
      await pdf('Annexe. La méthode Quasarine, encore Quasarine et toujours Quasarine, décrite en détail. '.repeat(20)),
      'annexe-quasarine.pdf',
    );
    const inPdf = await publish('Une annexe pour les aidants', 'Une fiche avec son annexe à imprimer.', { fileIds: [file] });

    const page = await search('quasarine', 20);
    expect(page.totalCount).toBe(4);
    expect(page.edges.map((edge) => edge.node.title)).toEqual([titled.title, summarized.title, inContent.title, inPdf.title]);
  });

  it('pages through equally relevant and unequal matches without repeating or skipping any', async () => {
    const published: string[] = [];
    // Five with the same words (equal ranks: their order is the id's), three with the word in their title.
    for (let i = 1; i <= 5; i++) published.push((await publish(`Fiche numéro ${i}`, 'Une fiche sur la méthode Orvalune.')).id);
    for (let i = 1; i <= 3; i++) published.push((await publish(`Orvalune, étape ${i}`, 'Une fiche pas à pas.')).id);

    const whole = await search('orvalune', 100);
    expect(whole.totalCount).toBe(8);
    expect(whole.edges.map((edge) => edge.node.id).sort()).toEqual([...published].sort());
    // The three titled ones lead.
    expect(
      whole.edges
        .slice(0, 3)
        .map((edge) => edge.node.title)
        .every((title) => title.startsWith('Orvalune')),
    ).toBe(true);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Page = await search('orvalune', 3, after);
      expect(page.totalCount).toBe(8);
      seen.push(...page.edges.map((edge) => edge.node.id));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(whole.edges.map((edge) => edge.node.id));
  });

  it('refuses a cursor of the newest-first list, in French, instead of failing', async () => {
    const newest = (await app.client().data(LIST, { first: 1 })).resources;
    const refused = await app.client().error(LIST, { search: 'orvalune', first: 3, after: newest.pageInfo.endCursor });
    expect(refused.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.extensions?.fields?.after).toBe('Curseur de pagination invalide.');
    const ranked = await search('orvalune', 3);
    const back = await app.client().error(LIST, { first: 3, after: ranked.pageInfo.endCursor });
    expect(back.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
