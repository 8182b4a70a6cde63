import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { establishAccountInDb, grantRoleInDb, signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

const ASK = `mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`;
const ANSWER = `mutation ($input: AnswerQuestionInput!) { answerQuestion(input: $input) { id } }`;
const COMMENT_FIELDS = `id questionId answerId body bodyHtml hiddenAt viewerCanEdit viewerCanDelete author { id displayName }`;
const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { ${COMMENT_FIELDS} } }`;
const UPDATE = `mutation ($input: UpdateCommentInput!) { updateComment(input: $input) { ${COMMENT_FIELDS} } }`;
const DELETE = `mutation ($id: ID!) { deleteComment(id: $id) }`;
const PAGE = `query ($id: ID!) { question(id: $id) {
  comments { totalCount pageInfo { hasNextPage endCursor } edges { node { ${COMMENT_FIELDS} } } }
  answers { id comments { totalCount pageInfo { hasNextPage } edges { node { id body } } } } } }`;
const MORE = `query ($questionId: ID, $answerId: ID, $after: String) { questionComments(questionId: $questionId, answerId: $answerId, after: $after) {
  totalCount pageInfo { hasNextPage } edges { node { id body } } } }`;
const NOTIFICATIONS = `{ notifications { edges { node { kind message link } } } }`;
const REPORT = `mutation ($input: ReportContentInput!) { reportContent(input: $input) { contentId } }`;
const HIDE = `mutation ($input: ModerateContentInput!) { hideContent(input: $input) { contentId hiddenAt } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function member(name: string): Promise<{ client: GraphQLClient; id: string }> {
  await app.orm.em.getConnection().execute(`delete from rate_limit where key like 'register:%'`);
  const client = app.client();
  const user = await signUp(client, name);
  await establishAccountInDb(app, user.id);
  return { client, id: user.id };
}

async function thread() {
  const asker = await member('Anaïs Demande');
  const helper = await member('Bruno Répond');
  const { askQuestion } = await asker.client.data(ASK, {
    input: { title: 'Comment scanner un document sans scanner ?', body: 'Une personne n’a qu’un téléphone.', tags: ['scan'] },
  });
  const { answerQuestion } = await helper.client.data(ANSWER, {
    input: { questionId: askQuestion.id, body: 'Avec une application de numérisation, en lumière du jour.' },
  });
  return { asker, helper, questionId: askQuestion.id as string, answerId: answerQuestion.id as string };
}

describe('comments', () => {
  it('go under a question and an answer, in inline Markdown, and tell the author', async () => {
    const { asker, helper, questionId, answerId } = await thread();
    const third = await member('Chloé Commente');
    const onQuestion = (
      await third.client.data(ADD, { input: { questionId, body: 'Quel **modèle** de téléphone ? Voir [ici](https://exemple.fr)' } })
    ).addComment;
    expect(onQuestion.answerId).toBeNull();
    expect(onQuestion.bodyHtml).toContain('<strong>modèle</strong>');
    expect(onQuestion.bodyHtml).toContain('href="https://exemple.fr"');
    expect(onQuestion.viewerCanEdit).toBe(true);
    // Inline only: no heading, no script.
    const blocky = (await third.client.data(ADD, { input: { answerId, body: '# Titre <script>alert(1)</script>' } })).addComment;
    expect(blocky.bodyHtml).not.toMatch(/<h\d|<script/);
    expect(blocky.answerId).toBe(answerId);

    const page = (await app.client().data(PAGE, { id: questionId })).question;
    expect(page.comments.edges.map((e: any) => e.node.id)).toEqual([onQuestion.id]);
    expect(page.answers[0].comments.edges.map((e: any) => e.node.id)).toEqual([blocky.id]);

    const askerSees = (await asker.client.data(NOTIFICATIONS)).notifications.edges.map((e: any) => e.node);
    expect(askerSees.some((n: any) => n.kind === 'entraide.commentaire' && n.message.includes('Chloé Commente'))).toBe(true);
    const helperSees = (await helper.client.data(NOTIFICATIONS)).notifications.edges.map((e: any) => e.node);
    expect(helperSees.some((n: any) => n.kind === 'entraide.commentaire' && n.link.includes(`#reponse-${answerId}`))).toBe(true);
  });

  it('show the first 3 and page the others ("voir les autres")', async () => {
    const { questionId, helper } = await thread();
    for (let i = 1; i <= 5; i++) await helper.client.data(ADD, { input: { questionId, body: `Commentaire numéro ${i}` } });
    const { comments } = (await app.client().data(PAGE, { id: questionId })).question;
    expect(comments.edges.map((e: any) => e.node.body)).toEqual(['Commentaire numéro 1', 'Commentaire numéro 2', 'Commentaire numéro 3']);
    expect(comments.totalCount).toBe(5);
    expect(comments.pageInfo.hasNextPage).toBe(true);
    const more = (await app.client().data(MORE, { questionId, after: comments.pageInfo.endCursor })).questionComments;
    expect(more.edges.map((e: any) => e.node.body)).toEqual(['Commentaire numéro 4', 'Commentaire numéro 5']);
    expect(more.pageInfo.hasNextPage).toBe(false);
  });

  it('are at most 600 characters, and refused to a visitor', async () => {
    const { questionId, helper } = await thread();
    const long = await helper.client.error(ADD, { input: { questionId, body: 'x'.repeat(601) } });
    expect(long.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await helper.client.data(ADD, { input: { questionId, body: 'y'.repeat(600) } })).addComment.body).toHaveLength(600);
    const empty = await helper.client.error(ADD, { input: { questionId, body: ' ' } });
    expect(empty.extensions?.fields?.body).toMatch(/Écrivez votre commentaire/);
    const visitor = await app.client().error(ADD, { input: { questionId, body: 'Bonjour' } });
    expect(visitor.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('are edited and deleted by their author only', async () => {
    const { questionId, helper, asker } = await thread();
    const comment = (await helper.client.data(ADD, { input: { questionId, body: 'Premier jet' } })).addComment;
    expect((await helper.client.data(UPDATE, { input: { id: comment.id, body: 'Version corrigée' } })).updateComment.body).toBe(
      'Version corrigée',
    );
    expect((await asker.client.error(UPDATE, { input: { id: comment.id, body: 'Pas à moi' } })).extensions?.code).toBe('FORBIDDEN');
    expect((await asker.client.error(DELETE, { id: comment.id })).extensions?.code).toBe('FORBIDDEN');
    // Past 15 minutes, the text stays as it is.
    await app.orm.em
      .getConnection()
      .execute(`update question_comment set created_at = now() - interval '16 minutes' where id = ?`, [comment.id]);
    expect((await helper.client.error(UPDATE, { input: { id: comment.id, body: 'Trop tard' } })).extensions?.code).toBe('FORBIDDEN');
    expect((await helper.client.data(DELETE, { id: comment.id })).deleteComment).toBe(comment.id);
    expect((await app.client().data(PAGE, { id: questionId })).question.comments.totalCount).toBe(0);
  });

  it('can be reported and hidden by moderation', async () => {
    const { questionId, helper, asker } = await thread();
    const comment = (await helper.client.data(ADD, { input: { questionId, body: 'Achetez mes pilules' } })).addComment;
    await asker.client.data(REPORT, { input: { contentType: 'entraide.commentaire', contentId: comment.id, reason: 'SPAM' } });
    const moderator = await member('Mona Modère');
    await grantRoleInDb(app, moderator.id, 'moderator');
    const hidden = (
      await moderator.client.data(HIDE, { input: { contentType: 'entraide.commentaire', contentId: comment.id, reason: 'Publicité' } })
    ).hideContent;
    expect(hidden.hiddenAt).toBeTruthy();
    expect((await app.client().data(PAGE, { id: questionId })).question.comments.edges).toEqual([]);
    const own = (await helper.client.data(PAGE, { id: questionId })).question.comments.edges;
    expect(own[0].node.hiddenAt).toBeTruthy();
    expect((await helper.client.error(ADD, { input: { questionId: 'pas-un-id', body: 'Bonjour' } })).extensions?.code).toBe('NOT_FOUND');
  });

  it('load in one statement for a page of answers, however many answers', async () => {
    const { questionId, asker } = await thread();
    const answerers = await Promise.all([member('Volume Un'), member('Volume Deux'), member('Volume Trois')]);
    const count = async () => (await app.countStatements(() => app.client().data(PAGE, { id: questionId }))).statements;
    const before = await count();
    for (const person of answerers) {
      const { answerQuestion } = await person.client.data(ANSWER, { input: { questionId, body: 'Encore une réponse utile ici.' } });
      await asker.client.data(ADD, { input: { answerId: answerQuestion.id, body: 'Merci !' } });
    }
    expect(await count()).toBe(before);
  });
});
