import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { establishAccountInDb, grantRoleInDb, signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

const ASK = `mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`;
const ANSWER = `mutation ($input: AnswerQuestionInput!) { answerQuestion(input: $input) { id } }`;
const INVITE = `mutation ($input: InviteExpertsInput!) { inviteExperts(input: $input) { id invitations { status member { id displayName } } } }`;
const DECLINE = `mutation ($questionId: ID!) { declineInvitation(questionId: $questionId) { id myInvitation } }`;
const QUESTION = `query ($id: ID!) { question(id: $id) { id myInvitation invitations { status invitedAt member { id displayName } } } }`;
const NOTIFICATIONS = `{ notifications { edges { node { kind message link } } } }`;
const VOTE = `mutation ($input: VoteInput!) { vote(input: $input) { answer { id } } }`;
const EXPERTS = `query ($tag: String!) { experts(tag: $tag) { edges { node { member { id displayName } expertise { score invitedAnswers upVotes } } } } }`;

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

async function ask(client: GraphQLClient, title: string, tags = ['experts']) {
  return (await client.data(ASK, { input: { title, body: 'Je cherche quelqu’un qui connaît bien le sujet.', tags } })).askQuestion
    .id as string;
}

const invitations = async (client: GraphQLClient) =>
  (await client.data(NOTIFICATIONS)).notifications.edges.map((e: any) => e.node).filter((n: any) => n.kind === 'entraide.invitation');

describe('asking the experts', () => {
  it('invites up to 3 members, each told once; the asker sees invité·e, a décliné, a répondu — never an e-mail', async () => {
    const asker = await member('Alice Invite');
    const [b, c, d, e] = await Promise.all(['Bob Expert', 'Clara Experte', 'Dan Expert', 'Eve Experte'].map(member));
    const questionId = await ask(asker.client, 'Comment accompagner une demande de RSA en ligne ?');
    const first = (await asker.client.data(INVITE, { input: { questionId, memberIds: [b.id, c.id] } })).inviteExperts;
    // Invited in one go: their order among themselves is not part of the contract.
    expect(first.invitations.map((i: any) => [i.member.displayName, i.status]).sort()).toEqual([
      ['Bob Expert', 'INVITED'],
      ['Clara Experte', 'INVITED'],
    ]);
    // Again with B: B is not told twice.
    await asker.client.data(INVITE, { input: { questionId, memberIds: [b.id, d.id] } });
    expect(await invitations(b.client)).toHaveLength(1);
    expect((await invitations(b.client))[0].message).toContain('Alice Invite');
    expect((await invitations(d.client))[0].link).toBe(`/entraide/questions/${questionId}`);
    // A fourth is refused.
    const fourth = await asker.client.error(INVITE, { input: { questionId, memberIds: [e.id] } });
    expect(fourth.extensions?.fields?.memberIds).toMatch(/3 personnes au plus/);
    expect(await invitations(e.client)).toHaveLength(0);

    // B declines, C answers.
    expect((await b.client.data(DECLINE, { questionId })).declineInvitation.myInvitation).toBe('DECLINED');
    await c.client.data(ANSWER, { input: { questionId, body: 'Sur le site de la CAF, avec le numéro allocataire.' } });
    const seen = (await asker.client.data(QUESTION, { id: questionId })).question.invitations;
    expect(seen.map((i: any) => [i.member.displayName, i.status]).sort()).toEqual([
      ['Bob Expert', 'DECLINED'],
      ['Clara Experte', 'ANSWERED'],
      ['Dan Expert', 'INVITED'],
    ]);
    // The invitation shows no address, even if asked.
    expect(
      (await asker.client.error(`query ($id: ID!) { question(id: $id) { invitations { member { email } } } }`, { id: questionId })).message,
    ).toMatch(/email/);
    // Only the asker sees the list; the invitee sees their own status.
    expect((await e.client.data(QUESTION, { id: questionId })).question.invitations).toEqual([]);
    expect((await d.client.data(QUESTION, { id: questionId })).question.myInvitation).toBe('INVITED');
    expect((await app.client().data(QUESTION, { id: questionId })).question.invitations).toEqual([]);
  });

  it('refuses another member than the asker, oneself, an unknown member, a closed question, a visitor', async () => {
    const asker = await member('Alice Refus');
    const other = await member('Oscar Autre');
    const questionId = await ask(asker.client, 'Une question pour tester les refus ?');
    expect((await other.client.error(INVITE, { input: { questionId, memberIds: [asker.id] } })).extensions?.code).toBe('FORBIDDEN');
    expect((await asker.client.error(INVITE, { input: { questionId, memberIds: [asker.id] } })).extensions?.fields?.memberIds).toMatch(
      /vous inviter vous-même/,
    );
    expect(
      (await asker.client.error(INVITE, { input: { questionId, memberIds: ['00000000-0000-4000-8000-000000000000'] } })).extensions?.fields
        ?.memberIds,
    ).toMatch(/pas membre/);
    expect((await app.client().error(INVITE, { input: { questionId, memberIds: [other.id] } })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await other.client.error(DECLINE, { questionId })).extensions?.code).toBe('NOT_FOUND');

    const original = await ask(asker.client, 'La question d’origine pour le doublon ?');
    const moderator = await member('Modo Experts');
    await grantRoleInDb(app, moderator.id, 'moderator');
    await moderator.client.data(`mutation ($input: CloseAsDuplicateInput!) { closeAsDuplicate(input: $input) { id } }`, {
      input: { questionId, originalId: original },
    });
    expect((await asker.client.error(INVITE, { input: { questionId, memberIds: [other.id] } })).extensions?.code).toBe('CONFLICT');
  });

  it('weighs an answer given after an invitation in "Qui sait ?" (2 points)', async () => {
    const asker = await member('Alice Classement');
    const invited = await member('Ivan Invité');
    const spontaneous = await member('Sam Spontané');
    const voter = await member('Vera Vote');
    const tag = 'classement-invitation';
    // Both have one up vote on an answer with the tag: a tie, broken by name (Ivan before Sam).
    const q1 = await ask(asker.client, 'Première question pour le classement ?', [tag]);
    for (const person of [spontaneous, invited]) {
      const { answerQuestion } = await person.client.data(ANSWER, { input: { questionId: q1, body: 'Une réponse qui mérite un vote.' } });
      await voter.client.data(VOTE, { input: { answerId: answerQuestion.id, value: 'UP' } });
    }
    const before = (await app.client().data(EXPERTS, { tag })).experts.edges.map((e: any) => [
      e.node.member.displayName,
      e.node.expertise.score,
    ]);
    expect(before).toEqual([
      ['Ivan Invité', 1],
      ['Sam Spontané', 1],
    ]);
    // Sam is invited on another question and answers: Sam goes first.
    const q2 = await ask(asker.client, 'Deuxième question pour le classement ?', [tag]);
    await asker.client.data(INVITE, { input: { questionId: q2, memberIds: [spontaneous.id] } });
    await spontaneous.client.data(ANSWER, { input: { questionId: q2, body: 'Merci pour l’invitation, voici ma réponse.' } });
    const after = (await app.client().data(EXPERTS, { tag })).experts.edges.map((e: any) => [
      e.node.member.displayName,
      e.node.expertise.score,
      e.node.expertise.invitedAnswers,
    ]);
    expect(after).toEqual([
      ['Sam Spontané', 3, 1],
      ['Ivan Invité', 1, 0],
    ]);
  });
});
