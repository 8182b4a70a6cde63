import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { establishAccountInDb, signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

const ASK = `mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { id bodyHtml } }`;
const UPDATE_QUESTION = `mutation ($input: UpdateQuestionInput!) { updateQuestion(input: $input) { id } }`;
const ANSWER = `mutation ($input: AnswerQuestionInput!) { answerQuestion(input: $input) { id bodyHtml } }`;
const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { id bodyHtml } }`;
const SUGGEST = `query ($prefix: String!) { memberSuggestions(prefix: $prefix) { id displayName } }`;
const NOTIFICATIONS = `{ notifications { edges { node { kind message link } } } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function member(name: string): Promise<{ client: GraphQLClient; id: string; name: string }> {
  await app.orm.em.getConnection().execute(`delete from rate_limit where key like 'register:%'`);
  const client = app.client();
  const user = await signUp(client, name);
  await establishAccountInDb(app, user.id);
  return { client, id: user.id, name };
}

const mention = (person: { id: string; name: string }) => `@[${person.name}](membre:${person.id})`;
async function mentions(client: GraphQLClient) {
  return (await client.data(NOTIFICATIONS)).notifications.edges.map((e: any) => e.node).filter((n: any) => n.kind === 'entraide.mention');
}

describe('@mentions', () => {
  it('tell the member mentioned once per text, never the author, and link to the profile', async () => {
    const author = await member('Aline Mentionne');
    const named = await member('Basile Mentionné');
    const { askQuestion } = await author.client.data(ASK, {
      input: {
        title: 'Qui connaît la démarche ANTS pour un permis ?',
        body: `Bonjour ${mention(named)}, et ${mention(author)} (moi), vous savez ?`,
        tags: ['ants'],
      },
    });
    expect(askQuestion.bodyHtml).toContain(`href="/membres/${named.id}"`);
    expect(askQuestion.bodyHtml).toContain(`@${named.name}`);
    expect(askQuestion.bodyHtml).not.toContain('membre:');
    expect(await mentions(named.client)).toHaveLength(1);
    expect((await mentions(named.client))[0].message).toContain('Aline Mentionne');
    expect(await mentions(author.client)).toHaveLength(0);

    // An edit that keeps the mention sends nothing again.
    await author.client.data(UPDATE_QUESTION, {
      input: { id: askQuestion.id, body: `Merci ${mention(named)} d’avance, je précise ma question.` },
    });
    expect(await mentions(named.client)).toHaveLength(1);

    // In an answer and in a comment: once each.
    const helper = await member('Camille Aide');
    const { answerQuestion } = await helper.client.data(ANSWER, {
      input: { questionId: askQuestion.id, body: `${mention(named)} en parlait la semaine dernière.` },
    });
    expect(answerQuestion.bodyHtml).toContain(`/membres/${named.id}`);
    const { addComment } = await helper.client.data(ADD, {
      input: { answerId: answerQuestion.id, body: `Tu confirmes ${mention(named)} ?` },
    });
    expect(addComment.bodyHtml).toContain(`href="/membres/${named.id}"`);
    expect(await mentions(named.client)).toHaveLength(3);
  });

  it('are 5 at most per text; typed by hand (without the picker) they stay plain text', async () => {
    const author = await member('Denise Beaucoup');
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => member(`Personne Nombreuse ${i}`)));
    const tooMany = await author.client.error(ASK, {
      input: { title: 'Une question à beaucoup de monde ?', body: people.map(mention).join(' '), tags: ['monde'] },
    });
    expect(tooMany.extensions?.fields?.body).toMatch(/5 personnes au plus/);
    const { askQuestion } = await author.client.data(ASK, {
      input: { title: 'Une question avec un nom tapé à la main', body: `Bonjour @${people[0].name}, une idée ?`, tags: ['monde'] },
    });
    expect(askQuestion.bodyHtml).not.toContain('/membres/');
    expect(await mentions(people[0].client)).toHaveLength(0);
  });
});

describe('the member picker', () => {
  it('finds active members by any part of their name, accents ignored, starts first, never oneself', async () => {
    const me = await member('Émile Chercheur');
    await member('Zoé Lefèvre');
    await member('Lefevre Arthur');
    const found = (await me.client.data(SUGGEST, { prefix: 'lefev' })).memberSuggestions.map((m: any) => m.displayName);
    expect(found).toEqual(['Lefevre Arthur', 'Zoé Lefèvre']);
    expect((await me.client.data(SUGGEST, { prefix: '@Emile' })).memberSuggestions).toEqual([]);
    expect((await me.client.data(SUGGEST, { prefix: 'l' })).memberSuggestions).toEqual([]);
    const visitor = await app.client().error(SUGGEST, { prefix: 'lefev' });
    expect(visitor.extensions?.code).toBe('UNAUTHENTICATED');
    // The picker never gives an address.
    const fields = await me.client.error(`{ memberSuggestions(prefix: "lefev") { id email } }`);
    expect(fields.message).toMatch(/email/);
  });

  it('reads the names through a trigram index (migration entraide_commentaires)', async () => {
    const rows = await app.orm.em
      .getConnection()
      .execute(`select indexdef from pg_indexes where indexname = 'app_user_display_name_trgm_index'`);
    expect(rows[0].indexdef).toMatch(/gin_trgm_ops/);
  });
});
