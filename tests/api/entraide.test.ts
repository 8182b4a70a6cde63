import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { establishAccountInDb, grantRoleInDb, signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

import { french } from '../helpers/french.js';
const QUESTION_FIELDS = `id title body bodyHtml excerpt departement commune score upVotes downVotes answerCount acceptedAnswerId
  createdAt editedAt lastActivityAt hiddenAt myVote followedByMe viewerCanEdit viewerCanAccept viewerCanVote
  tags { slug label } author { id displayName } duplicateOf { id title } closedAt`;
const ANSWER_FIELDS = `id questionId body bodyHtml score upVotes downVotes isAccepted editedAt hiddenAt myVote viewerCanEdit author { id displayName }`;

const ASK = `mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { ${QUESTION_FIELDS} } }`;
const UPDATE_QUESTION = `mutation ($input: UpdateQuestionInput!) { updateQuestion(input: $input) { ${QUESTION_FIELDS} } }`;
const ANSWER = `mutation ($input: AnswerQuestionInput!) { answerQuestion(input: $input) { ${ANSWER_FIELDS} } }`;
const UPDATE_ANSWER = `mutation ($input: UpdateAnswerInput!) { updateAnswer(input: $input) { ${ANSWER_FIELDS} } }`;
const VOTE = `mutation ($input: VoteInput!) { vote(input: $input) { question { id score upVotes downVotes myVote } answer { id score upVotes downVotes myVote } } }`;
const ACCEPT = `mutation ($input: AcceptAnswerInput!) { acceptAnswer(input: $input) { id acceptedAnswerId answers { id isAccepted } } }`;
const CLOSE = `mutation ($input: CloseAsDuplicateInput!) { closeAsDuplicate(input: $input) { id closedAt duplicateOf { id title } } }`;
const REOPEN = `mutation ($input: ReopenQuestionInput!) { reopenQuestion(input: $input) { id closedAt duplicateOf { id } } }`;
const FOLLOW_QUESTION = `mutation ($input: FollowQuestionInput!) { followQuestion(input: $input) { id followedByMe } }`;
const FOLLOW_TAG = `mutation ($input: FollowTagInput!) { followTag(input: $input) { slug label followedByMe followerCount } }`;
const QUESTION = `query ($id: ID!) { question(id: $id) { ${QUESTION_FIELDS} answers { ${ANSWER_FIELDS} } } }`;
const QUESTIONS = `query ($search: String, $tag: String, $unanswered: Boolean, $accepted: Boolean, $departement: String, $sort: QuestionSort, $first: Int, $after: String) {
  questions(search: $search, tag: $tag, unanswered: $unanswered, accepted: $accepted, departement: $departement, sort: $sort, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title score answerCount acceptedAnswerId tags { slug label } author { displayName } } } } }`;
const NOTIFICATIONS = `{ unreadNotificationCount notifications { edges { node { kind message link } } } }`;
const EXPERTS = `query ($tag: String!, $departement: String, $near: NearInput, $first: Int) {
  experts(tag: $tag, departement: $departement, near: $near, first: $first) {
    totalCount edges { node { distanceKm member { id displayName departement } expertise { score acceptedAnswers upVotes answers tag { slug label } } } } } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function member(name: string, profile: { departement?: string } = {}): Promise<{ client: GraphQLClient; id: string }> {
  // This file registers many people from one address: reset the per-IP sign-up counter (accounts test its limit).
  await app.orm.em.getConnection().execute(`delete from rate_limit where key like 'register:%'`);
  const client = app.client();
  const user = await signUp(client, name);
  // Established members: the first-week posting limits (tested by the moderation section) do not apply.
  await app.orm.em.getConnection().execute(`update app_user set created_at = now() - interval '30 days' where id = ?`, [user.id]);
  if (profile.departement) {
    await client.data(`mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`, {
      input: { departement: profile.departement },
    });
  }
  return { client, id: user.id };
}

async function moderator(name = 'Hélène Modération') {
  const person = await member(name);
  await grantRoleInDb(app, person.id, 'moderator');
  return person;
}

async function ask(client: GraphQLClient, input: Record<string, unknown>) {
  return (await client.data(ASK, { input: { body: 'Je ne sais pas comment faire, merci pour vos conseils.', tags: ['divers'], ...input } }))
    .askQuestion;
}

async function answer(client: GraphQLClient, questionId: string, body = 'Voici ce que je fais dans mon lieu, ça marche bien.') {
  return (await client.data(ANSWER, { input: { questionId, body } })).answerQuestion;
}

const titles = (connection: any) => connection.edges.map((edge: any) => edge.node.title);

describe('asking a question', () => {
  it('refuses a visitor', async () => {
    const error = await app
      .client()
      .error(ASK, { input: { title: 'Une question sans compte ?', body: 'Bonjour à toutes et à tous.', tags: ['caf'] } });
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('slows down a brand-new account (first-week posting limit of the moderation section)', async () => {
    await app.orm.em.getConnection().execute(`delete from rate_limit where key like 'register:%'`);
    const newcomer = app.client();
    await signUp(newcomer, 'Tout nouveau');
    for (let i = 1; i <= 5; i++) await ask(newcomer, { title: `Ma question de nouveau numéro ${i}`, tags: ['bienvenue'] });
    const sixth = await newcomer.error(ASK, {
      input: { title: 'Ma sixième question de la même heure', body: 'Encore une question.', tags: ['bienvenue'] },
    });
    expect(sixth.extensions?.code).toBe('RATE_LIMITED');
    expect(sixth.message).toMatch(/première semaine/);
  });

  it('says what is wrong with each field, in French', async () => {
    const { client } = await member('Camille');
    const error = await client.error(ASK, { input: { title: 'CAF ?', body: 'Aide', tags: [], departement: '99' } });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields).toMatchObject({
      title: expect.stringMatching(/au moins 10 caractères/),
      body: expect.stringMatching(/au moins 10 caractères/),
      tags: expect.stringMatching(/au moins un mot-clé/),
      departement: expect.stringMatching(/n’est pas un numéro de département/),
    });
    const tooMany = await client.error(ASK, {
      input: { title: 'Une question avec trop de mots-clés', body: 'Bonjour, voici ma situation.', tags: ['a', 'b', 'c', 'd', 'e', 'f'] },
    });
    expect(tooMany.extensions?.fields?.tags).toMatch(/5 mots-clés au plus/);
  });

  it('normalizes tags into one shared list and renders the Markdown safely', async () => {
    const { client } = await member('Karim');
    const question = await ask(client, {
      title: 'Aidants Connect : que faire quand le mandat expire ?',
      body: '**Important** <script>alert(1)</script> [lien](javascript:alert(1)) [CAF](https://www.caf.fr)',
      tags: ['Aidants connect', 'aidants-connect', 'Démarches en ligne'],
      departement: '44',
      commune: 'Malville',
    });
    expect(question.tags).toEqual([
      { slug: 'aidants-connect', label: 'Aidants connect' },
      { slug: 'demarches-en-ligne', label: 'Démarches en ligne' },
    ]);
    expect(question.bodyHtml).toContain('<strong>Important</strong>');
    expect(question.bodyHtml).not.toMatch(/<script|href="javascript:/);
    expect(question.bodyHtml).toContain('href="https://www.caf.fr"');
    // The list's excerpt is plain text: marks gone, words like "a-t-il" kept.
    const listed = await ask(client, {
      title: 'Un extrait lisible dans la liste ?',
      body: '- **Premier** point\n- Quelqu’un a-t-il [essayé](https://exemple.fr) ?',
      tags: ['divers'],
    });
    expect(listed.excerpt).toBe('Premier point Quelqu’un a-t-il essayé ?');
    // Only Markdown's own marks go: the author's ">", "<->" and underscores inside a word stay as written.
    const written = await ask(client, {
      title: 'Un extrait fidèle au texte ?',
      body: '> Pour les seniors > 60 ans, la flèche <-> et le fichier nom_de_fichier_test.\n\n*Vraiment* ~~pas~~ `simple`, 2 * 3 * 4.',
      tags: ['divers'],
    });
    expect(written.excerpt).toBe(
      'Pour les seniors > 60 ans, la flèche <-> et le fichier nom_de_fichier_test. Vraiment pas simple, 2 * 3 * 4.',
    );
    expect(question).toMatchObject({
      departement: '44',
      commune: 'Malville',
      followedByMe: true,
      viewerCanEdit: true,
      viewerCanVote: false,
      answerCount: 0,
    });

    // The same tag written another way later is the same tag, keeping its first label.
    const other = await ask(client, { title: 'Aidants Connect sur tablette, possible ?', tags: ['AIDANTS_CONNECT'] });
    expect(other.tags).toEqual([{ slug: 'aidants-connect', label: 'Aidants connect' }]);
    const { tag } = await app.client().data(`{ tag(slug: "Aidants Connect") { slug label questionCount } }`);
    expect(tag.questionCount).toBeGreaterThanOrEqual(2);
  });

  it('proposes similar existing questions while the title is typed', async () => {
    const { client } = await member('Sophie');
    await ask(client, { title: 'Installer une application bancaire sur un vieux smartphone Android', tags: ['smartphone'] });
    await ask(client, { title: 'Organiser un atelier sur la cybersécurité', tags: ['cybersecurite'] });
    const visitor = app.client();
    const { similarQuestions } = await visitor.data(
      `query ($title: String!) { similarQuestions(title: $title) { id title answerCount } }`,
      {
        title: 'application smartphone qui ne s’installe pas',
      },
    );
    expect(similarQuestions.map((q: any) => q.title)).toContain('Installer une application bancaire sur un vieux smartphone Android');
    expect(similarQuestions.map((q: any) => q.title)).not.toContain('Organiser un atelier sur la cybersécurité');
    const typo = await visitor.data(`query ($title: String!) { similarQuestions(title: $title) { title } }`, {
      title: 'cybersecurite ateli',
    });
    expect(typo.similarQuestions.map((q: any) => q.title)).toContain('Organiser un atelier sur la cybersécurité');
  });
});

describe('finding questions', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const { client } = await member('Nadia', { departement: '16' });
    const caf = await ask(client, {
      title: 'Démarches CAF : la prime d’activité en ligne',
      body: 'Une personne ne trouve pas le formulaire.',
      tags: ['CAF'],
      departement: '16',
    });
    const event = await ask(client, {
      title: 'Quel événement pour fêter les dix ans du lieu ?',
      body: 'Un café citoyen ou un barcamp ?',
      tags: ['animation'],
      departement: '44',
    });
    const bodyOnly = await ask(client, {
      title: 'Une question sur l’animation de réseau',
      body: 'Comment annoncer un événement à nos partenaires ?',
      tags: ['animation'],
    });
    ids = { caf: caf.id, event: event.id, bodyOnly: bodyOnly.id };
  });

  it('ignores accents and finds word forms: "evenement", "demarche caf"', async () => {
    const visitor = app.client();
    const events = (await visitor.data(QUESTIONS, { search: 'evenement' })).questions;
    // Relevance: the title match comes before the body match.
    expect(titles(events)).toEqual(['Quel événement pour fêter les dix ans du lieu ?', 'Une question sur l’animation de réseau']);
    expect(events.totalCount).toBe(2);
    const caf = (await visitor.data(QUESTIONS, { search: 'demarche caf' })).questions;
    // The title match first; an earlier question that only mentions both words in its body and tags comes after.
    expect(titles(caf)).toEqual(['Démarches CAF : la prime d’activité en ligne', 'Aidants Connect : que faire quand le mandat expire ?']);
    expect(titles((await visitor.data(QUESTIONS, { search: 'DÉMARCHES Caf' })).questions)).toEqual(titles(caf));
    expect((await visitor.data(QUESTIONS, { search: 'licorne' })).questions.totalCount).toBe(0);
  });

  it('filters by tag, département, unanswered and accepted, and pages with cursors', async () => {
    const visitor = app.client();
    const animation = (await visitor.data(QUESTIONS, { tag: 'Animation' })).questions;
    expect(animation.totalCount).toBe(2);
    const in16 = (await visitor.data(QUESTIONS, { departement: '16' })).questions;
    expect(titles(in16)).toEqual(['Démarches CAF : la prime d’activité en ligne']);

    const { client: helper } = await member('Bernard');
    const reply = await answer(helper, ids.event);
    const unanswered = (await visitor.data(QUESTIONS, { tag: 'animation', unanswered: true })).questions;
    expect(titles(unanswered)).toEqual(['Une question sur l’animation de réseau']);
    expect((await visitor.data(QUESTIONS, { tag: 'animation', accepted: true })).questions.totalCount).toBe(0);
    expect(reply.questionId).toBe(ids.event);

    const page1 = (await visitor.data(QUESTIONS, { tag: 'animation', first: 1 })).questions;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await visitor.data(QUESTIONS, { tag: 'animation', first: 1, after: page1.pageInfo.endCursor })).questions;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect([...titles(page1), ...titles(page2)].sort()).toEqual(titles(animation).sort());
    // A page past the end still says how many there are.
    const past = (await visitor.data(QUESTIONS, { tag: 'animation', first: 1, after: page2.pageInfo.endCursor })).questions;
    expect(past).toMatchObject({ totalCount: 2, edges: [] });
  });

  it('sorts by votes and by activity', async () => {
    const { client: voter } = await member('Votant');
    await voter.data(VOTE, { input: { questionId: ids.bodyOnly, value: 'UP' } });
    const byVotes = (await app.client().data(QUESTIONS, { tag: 'animation', sort: 'VOTES' })).questions;
    expect(titles(byVotes)[0]).toBe('Une question sur l’animation de réseau');
    // The event question has the latest answer: first by activity.
    const byActivity = (await app.client().data(QUESTIONS, { tag: 'animation', sort: 'ACTIVE' })).questions;
    expect(titles(byActivity)[0]).toBe('Quel événement pour fêter les dix ans du lieu ?');
  });
});

describe('answers, votes and the accepted answer', () => {
  it('lets members vote once each, change or withdraw their vote, never on their own post', async () => {
    const asker = await member('Asker');
    const answerer = await member('Answerer');
    const voter = await member('Voter');
    const question = await ask(asker.client, { title: 'Comment aider sans savoir lire ?', tags: ['illettrisme'] });
    const reply = await answer(answerer.client, question.id);

    const own = await asker.client.error(VOTE, { input: { questionId: question.id, value: 'UP' } });
    expect(own.extensions?.code).toBe('FORBIDDEN');
    expect(own.message).toMatch(/ce que vous avez écrit vous-même/);
    expect((await answerer.client.error(VOTE, { input: { answerId: reply.id, value: 'UP' } })).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().error(VOTE, { input: { answerId: reply.id, value: 'UP' } })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await voter.client.error(VOTE, { input: { questionId: question.id, answerId: reply.id, value: 'UP' } })).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );

    let result = (await voter.client.data(VOTE, { input: { answerId: reply.id, value: 'UP' } })).vote;
    expect(result.answer).toMatchObject({ score: 1, upVotes: 1, downVotes: 0, myVote: 'UP' });
    result = (await voter.client.data(VOTE, { input: { answerId: reply.id, value: 'UP' } })).vote;
    expect(result.answer).toMatchObject({ score: 1, upVotes: 1 });
    result = (await voter.client.data(VOTE, { input: { answerId: reply.id, value: 'DOWN' } })).vote;
    expect(result.answer).toMatchObject({ score: -1, upVotes: 0, downVotes: 1, myVote: 'DOWN' });
    result = (await asker.client.data(VOTE, { input: { answerId: reply.id, value: 'UP' } })).vote;
    expect(result.answer).toMatchObject({ score: 0, upVotes: 1, downVotes: 1, myVote: 'UP' });
    result = (await voter.client.data(VOTE, { input: { answerId: reply.id, value: 'NONE' } })).vote;
    expect(result.answer).toMatchObject({ score: 1, upVotes: 1, downVotes: 0, myVote: 'NONE' });

    result = (await voter.client.data(VOTE, { input: { questionId: question.id, value: 'DOWN' } })).vote;
    expect(result.question).toMatchObject({ score: -1, myVote: 'DOWN' });
  });

  it('keeps the counts right when many vote and answer at the same moment', async () => {
    const asker = await member('Asker concurrent');
    const question = await ask(asker.client, { title: 'Une question très populaire en même temps', tags: ['concurrence'] });
    const voters = await Promise.all(Array.from({ length: 8 }, (_, i) => member(`Voter ${i}`)));
    await Promise.all(voters.map((v) => v.client.data(VOTE, { input: { questionId: question.id, value: 'UP' } })));
    // The same member clicking five times at once still counts once.
    await Promise.all(Array.from({ length: 5 }, () => voters[0].client.data(VOTE, { input: { questionId: question.id, value: 'UP' } })));
    await Promise.all(voters.slice(0, 4).map((v) => answer(v.client, question.id)));
    const { question: read } = await app.client().data(QUESTION, { id: question.id });
    expect(read).toMatchObject({ score: 8, upVotes: 8, answerCount: 4 });
    expect(read.answers).toHaveLength(4);
  });

  it('lets the asker accept an answer and change it; others are refused; a moderator may accept for them', async () => {
    const asker = await member('Asker accept');
    const first = await member('First');
    const second = await member('Second');
    const stranger = await member('Stranger');
    const question = await ask(asker.client, { title: 'Pix : comment inscrire un groupe ?', tags: ['pix'] });
    const a1 = await answer(first.client, question.id, 'Passez par Pix Orga, onglet campagnes.');
    const a2 = await answer(second.client, question.id, 'Créez une session de certification.');
    await stranger.client.data(VOTE, { input: { answerId: a2.id, value: 'UP' } });

    const refused = await stranger.client.error(ACCEPT, { input: { answerId: a1.id } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/Seule la personne qui a posé la question/);
    expect((await first.client.error(ACCEPT, { input: { answerId: a1.id } })).extensions?.code).toBe('FORBIDDEN');

    let accepted = (await asker.client.data(ACCEPT, { input: { answerId: a1.id } })).acceptAnswer;
    expect(accepted.acceptedAnswerId).toBe(a1.id);
    // Accepted first, then by votes.
    expect(accepted.answers.map((a: any) => [a.id, a.isAccepted])).toEqual([
      [a1.id, true],
      [a2.id, false],
    ]);
    accepted = (await asker.client.data(ACCEPT, { input: { answerId: a2.id } })).acceptAnswer;
    expect(accepted.answers.map((a: any) => [a.id, a.isAccepted])).toEqual([
      [a2.id, true],
      [a1.id, false],
    ]);

    const other = await ask(asker.client, { title: 'Une question jamais conclue par son auteur', tags: ['pix'] });
    const reply = await answer(first.client, other.id);
    const mod = await moderator();
    expect((await mod.client.data(ACCEPT, { input: { answerId: reply.id } })).acceptAnswer.acceptedAnswerId).toBe(reply.id);
    expect((await app.client().data(QUESTIONS, { tag: 'pix', accepted: true })).questions.totalCount).toBe(2);
  });

  it('lets authors edit their own posts only, showing the edit time', async () => {
    const asker = await member('Auteur');
    const answerer = await member('Répondant');
    const question = await ask(asker.client, { title: 'Une question à corriger plus tard', tags: ['divers'] });
    const reply = await answer(answerer.client, question.id);
    expect(question.editedAt).toBeNull();

    const refused = await asker.client.error(UPDATE_ANSWER, { input: { id: reply.id, body: 'Je réécris la réponse des autres.' } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(
      (await answerer.client.error(UPDATE_QUESTION, { input: { id: question.id, title: 'Je change la question des autres' } })).extensions
        ?.code,
    ).toBe('FORBIDDEN');

    const edited = (await answerer.client.data(UPDATE_ANSWER, { input: { id: reply.id, body: 'Réponse corrigée, avec un **lien**.' } }))
      .updateAnswer;
    expect(edited.bodyHtml).toContain('<strong>lien</strong>');
    expect(edited.editedAt).not.toBeNull();
    const bad = await answerer.client.error(UPDATE_ANSWER, { input: { id: reply.id, body: 'court' } });
    expect(bad.extensions?.fields?.body).toMatch(/au moins 10 caractères/);

    const updated = (
      await asker.client.data(UPDATE_QUESTION, {
        input: { id: question.id, title: 'Une question corrigée, avec un événement', tags: ['Fête'] },
      })
    ).updateQuestion;
    expect(updated).toMatchObject({ title: 'Une question corrigée, avec un événement', tags: [{ slug: 'fete', label: 'Fête' }] });
    expect(updated.editedAt).not.toBeNull();
    // The new title is searchable at once.
    expect(titles((await app.client().data(QUESTIONS, { search: 'evenement corrigee' })).questions)).toEqual([
      'Une question corrigée, avec un événement',
    ]);
  });
});

describe('duplicates', () => {
  it('lets only moderators close a question as a duplicate; it then points to the original and takes no answer', async () => {
    const asker = await member('Doublon');
    const original = await ask(asker.client, { title: 'Créer une adresse e-mail pour une personne âgée', tags: ['courriel'] });
    const middle = await ask(asker.client, { title: 'Adresse mail pour ma voisine de 90 ans', tags: ['courriel'] });
    const copy = await ask(asker.client, { title: 'Ouvrir une boîte mail pour un senior', tags: ['courriel'] });
    const follower = await member('Suiveuse');
    await follower.client.data(FOLLOW_QUESTION, { input: { questionId: copy.id, follow: true } });

    expect((await asker.client.error(CLOSE, { input: { questionId: middle.id, originalId: original.id } })).extensions?.code).toBe(
      'FORBIDDEN',
    );
    const mod = await moderator('Modo doublons');
    const self = await mod.client.error(CLOSE, { input: { questionId: original.id, originalId: original.id } });
    expect(self.extensions?.fields?.originalId).toMatch(/doublon d’elle-même/);

    await mod.client.data(CLOSE, { input: { questionId: middle.id, originalId: original.id } });
    // Closing onto a duplicate points to its original, so readers need one click.
    const closed = (await mod.client.data(CLOSE, { input: { questionId: copy.id, originalId: middle.id } })).closeAsDuplicate;
    expect(closed.duplicateOf).toEqual({ id: original.id, title: 'Créer une adresse e-mail pour une personne âgée' });
    expect(closed.closedAt).not.toBeNull();

    const refused = await follower.client.error(ANSWER, { input: { questionId: copy.id, body: 'Une réponse sur la question fermée.' } });
    expect(refused.extensions?.code).toBe('CONFLICT');
    expect(refused.extensions?.originalId).toBe(original.id);

    const told = (await follower.client.data(NOTIFICATIONS)).notifications.edges.map((e: any) => e.node);
    expect(told).toContainEqual(expect.objectContaining({ kind: 'entraide.duplicate', link: `/entraide/questions/${original.id}` }));
    // Similar questions never propose a closed duplicate.
    const similar = (await app.client().data(`{ similarQuestions(title: "adresse mail personne âgée") { id } }`)).similarQuestions.map(
      (q: any) => q.id,
    );
    expect(similar).toContain(original.id);
    expect(similar).not.toContain(copy.id);

    const reopened = (await mod.client.data(REOPEN, { input: { questionId: copy.id } })).reopenQuestion;
    expect(reopened).toMatchObject({ closedAt: null, duplicateOf: null });
    expect((await asker.client.error(REOPEN, { input: { questionId: copy.id } })).extensions?.code).toBe('FORBIDDEN');
  });
});

describe('following and notifications', () => {
  it('tells followers of a question about new answers, and followers of a tag about new questions, never the author', async () => {
    const asker = await member('Asker suivi');
    const follower = await member('Follower');
    const answerer = await member('Answerer suivi');
    const tagFan = await member('Fan de CAF');

    const followed = (await tagFan.client.data(FOLLOW_TAG, { input: { tag: 'Démarches CAF', follow: true } })).followTag;
    expect(followed).toMatchObject({ slug: 'demarches-caf', followedByMe: true, followerCount: 1 });
    const question = await ask(asker.client, { title: 'Démarches CAF : déclaration trimestrielle bloquée', tags: ['demarches-caf'] });
    expect((await tagFan.client.data(NOTIFICATIONS)).notifications.edges.map((e: any) => e.node)).toContainEqual({
      kind: 'entraide.question',
      message: french('Nouvelle question (Démarches CAF) : « Démarches CAF : déclaration trimestrielle bloquée »'),
      link: `/entraide/questions/${question.id}`,
    });
    expect((await asker.client.data(NOTIFICATIONS)).unreadNotificationCount).toBe(0);

    await follower.client.data(FOLLOW_QUESTION, { input: { questionId: question.id, follow: true } });
    const reply = await answer(answerer.client, question.id, 'Il faut passer par l’espace Mon compte.');
    for (const person of [asker, follower]) {
      const { unreadNotificationCount, notifications } = await person.client.data(NOTIFICATIONS);
      expect(unreadNotificationCount).toBe(1);
      expect(notifications.edges[0].node).toEqual({
        kind: 'entraide.answer',
        message: french('Answerer suivi a répondu à « Démarches CAF : déclaration trimestrielle bloquée »'),
        link: `/entraide/questions/${question.id}#reponse-${reply.id}`,
      });
    }
    expect((await answerer.client.data(NOTIFICATIONS)).unreadNotificationCount).toBe(0);

    // Stop following: no more news.
    const unfollowed = (await follower.client.data(FOLLOW_QUESTION, { input: { questionId: question.id, follow: false } })).followQuestion;
    expect(unfollowed.followedByMe).toBe(false);
    await answer(tagFan.client, question.id, 'Sinon, le 3230 répond bien.');
    expect((await follower.client.data(NOTIFICATIONS)).unreadNotificationCount).toBe(1);
    // The answerer now follows the question and hears about the next answer.
    expect((await answerer.client.data(NOTIFICATIONS)).unreadNotificationCount).toBe(1);

    await asker.client.data(ACCEPT, { input: { answerId: reply.id } });
    const accepted = (await answerer.client.data(NOTIFICATIONS)).notifications.edges.map((e: any) => e.node.kind);
    expect(accepted).toContain('entraide.accepted');

    const tags = (await tagFan.client.data(`{ myFollowedTags { slug } }`)).myFollowedTags;
    expect(tags).toEqual([{ slug: 'demarches-caf' }]);
    expect((await app.client().error(FOLLOW_TAG, { input: { tag: 'caf', follow: true } })).extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('hidden content (set by moderation)', () => {
  it('is out of lists, search and counts; its author and moderators still see it with the notice', async () => {
    const asker = await member('Auteur masqué');
    const answerer = await member('Répondant masqué');
    const question = await ask(asker.client, { title: 'Une question qui sera masquée par la modération', tags: ['masquage'] });
    const visible = await ask(asker.client, { title: 'Une question qui reste bien visible', tags: ['masquage'] });
    const reply = await answer(answerer.client, visible.id);
    const sql = app.orm.em.getConnection();
    await sql.execute(`update question set hidden_at = now(), hidden_reason = 'Propos injurieux' where id = ?`, [question.id]);
    await sql.execute(`update answer set hidden_at = now(), hidden_reason = 'Publicité' where id = ?`, [reply.id]);

    const list = (await app.client().data(QUESTIONS, { tag: 'masquage' })).questions;
    expect(list.totalCount).toBe(1);
    expect(list.edges[0].node).toMatchObject({ title: 'Une question qui reste bien visible', answerCount: 0 });
    expect((await app.client().data(QUESTIONS, { search: 'masquee moderation' })).questions.totalCount).toBe(0);

    expect((await app.client().data(QUESTION, { id: question.id })).question).toBeNull();
    expect((await asker.client.data(QUESTION, { id: question.id })).question).toMatchObject({ hiddenAt: expect.any(String) });
    const mod = await moderator('Modo masquage');
    expect(
      (await mod.client.data(`query ($id: ID!) { question(id: $id) { hiddenReason } }`, { id: question.id })).question.hiddenReason,
    ).toBe('Propos injurieux');

    expect((await app.client().data(QUESTION, { id: visible.id })).question.answers).toEqual([]);
    expect((await answerer.client.data(QUESTION, { id: visible.id })).question.answers[0]).toMatchObject({
      id: reply.id,
      hiddenAt: expect.any(String),
    });
    expect((await asker.client.error(ACCEPT, { input: { answerId: reply.id } })).extensions?.code).toBe('NOT_FOUND');
    const ANSWER_BY_ID = `query ($id: ID!) { answer(id: $id) { id body hiddenAt viewerCanEdit } }`;
    expect((await app.client().data(ANSWER_BY_ID, { id: reply.id })).answer).toBeNull();
    expect((await answerer.client.data(ANSWER_BY_ID, { id: reply.id })).answer).toMatchObject({
      id: reply.id,
      viewerCanEdit: true,
      hiddenAt: expect.any(String),
    });
  });
});

describe('moderation of entraide content (the moderation section)', () => {
  it('hides an answer through hideContent: the count drops, the author is told, restoreContent brings it back', async () => {
    const asker = await member('Asker modération');
    const answerer = await member('Répondant signalé');
    const question = await ask(asker.client, { title: 'Une question avec une réponse publicitaire', tags: ['moderation-test'] });
    const reply = await answer(answerer.client, question.id, 'Achetez nos formations en ligne à prix cassé !');
    await asker.client.data(`mutation ($input: ReportContentInput!) { reportContent(input: $input) { __typename } }`, {
      input: { contentType: 'entraide.answer', contentId: reply.id, reason: 'SPAM' },
    });
    const mod = await moderator('Modo entraide');
    const MODERATE = (name: string) => `mutation ($input: ModerateContentInput!) { ${name}(input: $input) { __typename } }`;
    await mod.client.data(MODERATE('hideContent'), { input: { contentType: 'entraide.answer', contentId: reply.id, reason: 'Publicité' } });
    const read = async () => (await app.client().data(QUESTION, { id: question.id })).question;
    expect(await read()).toMatchObject({ answerCount: 0, answers: [] });
    expect((await answerer.client.data(QUESTION, { id: question.id })).question.answers[0]).toMatchObject({
      id: reply.id,
      hiddenAt: expect.any(String),
    });
    await mod.client.data(MODERATE('restoreContent'), { input: { contentType: 'entraide.answer', contentId: reply.id } });
    expect(await read()).toMatchObject({ answerCount: 1, answers: [{ id: reply.id }] });
  });
});

describe('Qui sait ? — who knows what, where', () => {
  it('ranks members per tag from accepted and up-voted answers, with the evidence, near a point or in a département', async () => {
    const asker = await member('Demandeuse', { departement: '44' });
    const expert = await member('Experte Savenay', { departement: '44' });
    const helper = await member('Aide Angoulême', { departement: '16' });
    const voters = await Promise.all([member('V1'), member('V2')]);
    const tag = 'France Services';

    for (const n of [1, 2]) {
      const q = await ask(asker.client, { title: `France Services : question numéro ${n} sur les horaires`, tags: [tag] });
      const good = await answer(expert.client, q.id, `Réponse détaillée numéro ${n} avec les horaires.`);
      await answer(helper.client, q.id, `Une piste numéro ${n}, à vérifier.`);
      await asker.client.data(ACCEPT, { input: { answerId: good.id } });
      if (n === 1) for (const v of voters) await v.client.data(VOTE, { input: { answerId: good.id, value: 'UP' } });
    }
    const q3 = await ask(asker.client, { title: 'France Services : une dernière question sur les papiers', tags: [tag] });
    const helperAnswer = await answer(helper.client, q3.id, 'Pensez au justificatif de domicile.');
    await voters[0].client.data(VOTE, { input: { answerId: helperAnswer.id, value: 'UP' } });

    const ranking = (await app.client().data(EXPERTS, { tag })).experts;
    expect(ranking.totalCount).toBe(2);
    expect(ranking.edges.map((e: any) => e.node.member.displayName)).toEqual(['Experte Savenay', 'Aide Angoulême']);
    expect(ranking.edges[0].node.expertise).toEqual({
      score: 12,
      acceptedAnswers: 2,
      upVotes: 2,
      answers: 2,
      tag: { slug: 'france-services', label: 'France Services' },
    });
    expect(ranking.edges[1].node.expertise).toMatchObject({ score: 1, acceptedAnswers: 0, upVotes: 1, answers: 3 });

    const in16 = (await app.client().data(EXPERTS, { tag, departement: '16' })).experts;
    expect(in16.edges.map((e: any) => e.node.member.displayName)).toEqual(['Aide Angoulême']);
    // Near Savenay (47.36, -1.94), 60 km: Loire-Atlantique only, with the approximate distance.
    const near = (await app.client().data(EXPERTS, { tag, near: { lat: 47.36, lng: -1.94, radiusKm: 60 } })).experts;
    expect(near.edges.map((e: any) => e.node.member.displayName)).toEqual(['Experte Savenay']);
    expect(near.edges[0].node.distanceKm).toBeGreaterThan(20);
    expect(near.edges[0].node.distanceKm).toBeLessThan(60);

    // The profile says the same, computed the same way.
    const profile = (
      await app
        .client()
        .data(`query ($id: ID!) { user(id: $id) { expertise { score acceptedAnswers upVotes answers tag { slug } } } }`, { id: expert.id })
    ).user;
    expect(profile.expertise).toEqual([{ score: 12, acceptedAnswers: 2, upVotes: 2, answers: 2, tag: { slug: 'france-services' } }]);
    const direct = (await app.client().data(`query ($id: ID!) { memberExpertise(userId: $id) { score tag { slug } } }`, { id: helper.id }))
      .memberExpertise;
    expect(direct).toEqual([{ score: 1, tag: { slug: 'france-services' } }]);

    const bad = await app.client().error(EXPERTS, { tag, departement: '123' });
    expect(bad.extensions?.fields?.departement).toMatch(/numéro de département/);
  });
});

describe('the statement count does not grow with the page size', () => {
  it('holds for the question list (author, tags, score, answer count, my vote), its answers, and the experts', async () => {
    const asker = await member('Volume');
    const viewer = await member('Lectrice');
    const answerers = await Promise.all(Array.from({ length: 3 }, (_, i) => member(`Répondant volume ${i}`)));
    for (const person of [asker, ...answerers]) await establishAccountInDb(app, person.id); // past the first-week posting limit
    for (let i = 0; i < 20; i++) {
      const q = await ask(asker.client, { title: `Question volumineuse numéro ${i} sur le volume`, tags: ['volume', `theme-${i % 4}`] });
      for (const a of answerers) await answer(a.client, q.id, `Réponse ${i} de ${a.id} sur le volume.`);
    }
    const list = `query ($first: Int) { questions(tag: "volume", first: $first) { totalCount edges { node {
      id title excerpt score answerCount myVote followedByMe tags { slug label questionCount } author { displayName } answers { id author { displayName } myVote } } } } }`;
    const small = await app.countStatements(() => viewer.client.data(list, { first: 2 }));
    const large = await app.countStatements(() => viewer.client.data(list, { first: 20 }));
    expect(small.result.questions.edges).toHaveLength(2);
    expect(large.result.questions.edges).toHaveLength(20);
    expect(large.result.questions.edges[0].node.answers).toHaveLength(3);
    expect(large.statements).toBe(small.statements);

    // The list alone (as the web's list page asks it) is one statement beside the session lookup.
    const plain = await app.countStatements(() =>
      app
        .client()
        .data(
          `{ questions(tag: "volume") { totalCount edges { node { id title score answerCount tags { slug label } author { displayName } } } } }`,
        ),
    );
    expect(plain.statements).toBe(1);

    const mod = await moderator('Modo volume');
    const listed = large.result.questions.edges.map((e: any) => e.node.id);
    for (const [i, id] of listed.slice(0, 10).entries()) {
      const { question } = await mod.client.data(QUESTION, { id });
      await mod.client.data(ACCEPT, { input: { answerId: question.answers[i % 3].id } });
    }
    const experts = `query ($first: Int) { experts(tag: "volume", first: $first) { totalCount edges { node { member { displayName } expertise { score tag { label questionCount } } } } } }`;
    const few = await app.countStatements(() => app.client().data(experts, { first: 1 }));
    const all = await app.countStatements(() => app.client().data(experts, { first: 3 }));
    expect(all.result.experts.edges).toHaveLength(3);
    expect(all.statements).toBe(few.statements);
  });
});

describe('the journey: ask, answer, accept, find, know who knows', () => {
  it('A asks, B answers, A accepts, C finds it without accents, B is first in "Qui sait ?"', async () => {
    const a = await member('Amandine (A)');
    const b = await member('Bastien (B)');
    const c = await member('Chloé (C)');
    const question = await ask(a.client, {
      title: 'Réinstaller l’application Ameli sur un téléphone sans mémoire',
      body: 'Une bénéficiaire n’a plus de place : l’installation échoue.',
      tags: ['Téléphone Ameli'],
    });
    const reply = await answer(b.client, question.id, 'Videz le cache de WhatsApp et des photos, puis réessayez.');
    await a.client.data(ACCEPT, { input: { answerId: reply.id } });
    await c.client.data(VOTE, { input: { answerId: reply.id, value: 'UP' } });

    const found = (await c.client.data(QUESTIONS, { search: 'reinstaller telephone memoire' })).questions;
    expect(titles(found)).toEqual(['Réinstaller l’application Ameli sur un téléphone sans mémoire']);
    expect(found.edges[0].node.acceptedAnswerId).toBe(reply.id);

    const { question: page } = await c.client.data(QUESTION, { id: question.id });
    expect(page.answers[0]).toMatchObject({ id: reply.id, isAccepted: true, score: 1, myVote: 'UP' });

    const experts = (await c.client.data(EXPERTS, { tag: 'telephone-ameli' })).experts;
    expect(experts.edges[0].node.member.displayName).toBe('Bastien (B)');
    expect(experts.edges[0].node.expertise).toMatchObject({ acceptedAnswers: 1, upVotes: 1 });
  });
});

describe('keyset pages (docs/read-models.md)', () => {
  const run = (text: string, params: unknown[] = []): Promise<any[]> => app.orm.em.fork().getConnection().execute(text, params);

  /** Every node of a list, asked `first` at a time until there is no next page; the total stays the same on every page. */
  async function walk(client: GraphQLClient, query: string, field: string, variables: Record<string, unknown>, first = 2) {
    const nodes: any[] = [];
    let after: string | null = null;
    let total: number | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page: any = (await client.data(query, { ...variables, first, after }))[field];
      total ??= page.totalCount;
      expect(page.totalCount).toBe(total);
      nodes.push(...page.edges.map((edge: any) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(nodes).toHaveLength(total!);
    return nodes;
  }

  it('walks the questions in every sort, every row once and in order, rows that tie included', async () => {
    const author = await member('Autrice Paginée');
    // One statement: the three rows of age 0 share now(), and several rows tie on score, activity and relevance.
    await run(
      `insert into question (id, author_id, title, body, tags, score, up_votes, created_at, updated_at, last_activity_at)
       select gen_random_uuid(), ?, r.title, 'Le pilote ne répond plus depuis la mise à jour.', array['pages-cles'], r.score, r.score,
              now() - r.age * interval '1 second', now(), now() - r.idle * interval '1 second'
         from (values ('Imprimante en réseau bloquée', 0, 1, 5), ('Imprimante en réseau bloquée', 0, 1, 5),
                      ('Imprimante en réseau bloquée', 0, 3, 0), ('Imprimante partagée au guichet, imprimante lente', 10, 1, 0),
                      ('Scanner et imprimante', 20, 3, 5), ('Tablette sans réseau', 30, 0, 0),
                      ('Imprimante en réseau bloquée', 40, 1, 30)) as r(title, age, score, idle)`,
      [author.id],
    );
    const expected = async (order: string, search = false) =>
      (
        await run(
          `select id from question q, websearch_to_tsquery('fr_unaccent', 'imprimante') s
            where tags @> '{pages-cles}' and hidden_at is null ${search ? 'and search_vector @@ s' : ''} order by ${order}`,
        )
      ).map((row: { id: string }) => row.id);
    const rankTies = await run(
      `select count(*)::int - count(distinct ts_rank_cd(search_vector, s, 1))::int as ties
         from question, websearch_to_tsquery('fr_unaccent', 'imprimante') s where tags @> '{pages-cles}' and search_vector @@ s`,
    );
    expect(rankTies[0].ties).toBeGreaterThan(0);

    const visitor = app.client();
    const sorts: Array<[Record<string, unknown>, string[]]> = [
      [{ sort: 'RECENT' }, await expected('created_at desc, id')],
      [{ sort: 'ACTIVE' }, await expected('last_activity_at desc, id')],
      [{ sort: 'VOTES' }, await expected('score desc, created_at desc, id')],
      [
        { sort: 'RELEVANCE', search: 'imprimante' },
        await expected('ts_rank_cd(search_vector, s, 1) desc, score desc, created_at desc, id', true),
      ],
    ];
    for (const [variables, ids] of sorts) {
      const walked = (await walk(visitor, QUESTIONS, 'questions', { tag: 'pages-cles', ...variables })).map((node) => node.id);
      expect(walked).toEqual(ids);
      const single = (await visitor.data(QUESTIONS, { tag: 'pages-cles', first: 20, ...variables })).questions;
      expect(single.edges.map((edge: any) => edge.node.id)).toEqual(ids);
    }
    expect(new Set(sorts[0][1]).size).toBe(7);
    expect(sorts[3][1]).toHaveLength(6);

    // A cursor of one sort is not one of another.
    const recent = (await visitor.data(QUESTIONS, { tag: 'pages-cles', sort: 'RECENT', first: 2 })).questions;
    const error = await visitor.error(QUESTIONS, { tag: 'pages-cles', sort: 'VOTES', first: 2, after: recent.pageInfo.endCursor });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    // Past the end: no row, the right total.
    const last = (await visitor.data(QUESTIONS, { tag: 'pages-cles', sort: 'ACTIVE', first: 7 })).questions;
    const past = (await visitor.data(QUESTIONS, { tag: 'pages-cles', sort: 'ACTIVE', first: 2, after: last.pageInfo.endCursor })).questions;
    expect(past).toMatchObject({ totalCount: 7, edges: [], pageInfo: { hasNextPage: false } });
  });

  it('walks the tags, most used first, ties by label then slug', async () => {
    const author = await member('Étiqueteuse Paginée');
    await run(
      `insert into tag (slug, label) values ('pagine-1', 'Paginé'), ('pagine-2', 'Paginé'), ('pagine-3', 'Paginé B'),
                                            ('pagine-4', 'Paginé A'), ('pagine-5', 'Paginé')`,
    );
    await run(
      `insert into question (id, author_id, title, body, tags)
       select gen_random_uuid(), ?, 'Question étiquetée ' || i, 'Pour compter les usages.', array['pagine-3', 'pagine-4'] from generate_series(1, 2) i`,
      [author.id],
    );
    const TAGS = `query ($search: String, $first: Int, $after: String) { tags(search: $search, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { slug questionCount } } } }`;
    const walked = await walk(app.client(), TAGS, 'tags', { search: 'pagine' });
    expect(walked.map((node) => node.slug)).toEqual(['pagine-4', 'pagine-3', 'pagine-1', 'pagine-2', 'pagine-5']);
    expect(walked.map((node) => node.questionCount)).toEqual([2, 2, 0, 0, 0]);
  });

  it('walks the experts of a tag, best first, ties by name then id', async () => {
    const asker = await member('Demandeuse Paginée');
    const same = await Promise.all([1, 2, 3].map(() => member('Expert Paginé')));
    const other = await member('Autre Expert Paginé');
    const accepted = await member('Zoé Acceptée');
    const voted = await member('Bruno Voté');
    await run(`insert into tag (slug, label) values ('savoir-pages', 'Savoir en pages')`);
    const [question] = await run(
      `insert into question (id, author_id, title, body, tags) values (gen_random_uuid(), ?, 'Qui sait paginer ?', 'Pour classer les experts.', '{savoir-pages}') returning id`,
      [asker.id],
    );
    // Scores: accepted 5 (1 accepted answer), voted 5 (5 up votes), then four members at 2 up votes, three of them with the same name.
    const answers = await run(
      `insert into answer (id, question_id, author_id, body, up_votes, score)
       select gen_random_uuid(), ?, r.author::uuid, 'Voici comment je fais.', r.up, r.up
         from (values (?, 0), (?, 5), (?, 2), (?, 2), (?, 2), (?, 2)) as r(author, up) returning id, author_id`,
      [question.id, accepted.id, voted.id, other.id, ...same.map((person) => person.id)],
    );
    const acceptedAnswer = answers.find((row: { author_id: string }) => row.author_id === accepted.id);
    await run(`update question set accepted_answer_id = ? where id = ?`, [acceptedAnswer.id, question.id]);

    const EXPERTS_PAGE = `query ($tag: String!, $first: Int, $after: String) { experts(tag: $tag, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { member { id displayName } expertise { score } } } } }`;
    const walked = await walk(app.client(), EXPERTS_PAGE, 'experts', { tag: 'savoir-pages' });
    expect(walked.map((node) => node.member.id)).toEqual([accepted.id, voted.id, other.id, ...same.map((person) => person.id).sort()]);
    expect(walked.map((node) => node.expertise.score)).toEqual([5, 5, 2, 2, 2, 2]);
  });
});
