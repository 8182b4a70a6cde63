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
import { members, organizer } from '../helpers/agenda.js';
import { conversationsPrivacy } from '../../server/src/modules/conversations/conversations.commun.js';

const START = `mutation ($input: StartConversationInput!) { startConversation(input: $input) {
  id kind asTeam unreadCount organization { name } others { id displayName } canWrite } }`;
const SEND = `mutation ($input: SendConversationMessageInput!) { sendConversationMessage(input: $input) { id body mine authorName } }`;
const LIST = `query ($archived: Boolean) { conversations(archived: $archived) { totalCount edges { node {
  id kind asTeam unreadCount others { id displayName } organization { name } lastMessage { excerpt mine } blockedByMe canWrite } } } }`;
const ONE = `query ($id: ID!) { conversation(id: $id) { id unreadCount others { displayName } canWrite blockedByMe } }`;
const MESSAGES = `query ($id: ID!, $first: Int, $after: String) { conversationMessages(conversationId: $id, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id body mine authorName erased hidden } } } }`;
const READ = `mutation ($id: ID!) { markConversationRead(conversationId: $id) { unreadCount } }`;
const UNREAD = `{ unreadConversationCount }`;
const BLOCK = `mutation ($id: ID!) { blockMember(memberId: $id) }`;
const UNBLOCK = `mutation ($id: ID!) { unblockMember(memberId: $id) }`;
const BLOCKED = `{ blockedMembers { edges { node { id displayName } } } }`;
const REPORT = `mutation ($input: ReportContentInput!) { reportContent(input: $input) { alreadyReported } }`;
const QUEUE = `{ moderationQueue { edges { node { contentType contentId excerpt link author { id } } } } }`;
const NOTIFICATIONS = `{ notifications { edges { node { kind message link } } } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

type Member = { id: string; client: GraphQLClient; name: string };

async function established(count: number, prefix: string): Promise<Member[]> {
  const people = await members(app, count, prefix);
  for (const person of people) await establishAccountInDb(app, person.id);
  return people;
}

async function conversationNotices(client: GraphQLClient) {
  const { notifications } = await client.data(NOTIFICATIONS);
  return notifications.edges.map((edge: any) => edge.node).filter((node: any) => node.kind === 'conversations.message');
}

async function outboxTo(userId: string): Promise<Array<{ subject: string; payload: any }>> {
  return app.orm.em
    .fork()
    .getConnection()
    .execute(`select subject, payload from email_outbox where recipient_id = ? and kind = 'conversations.message' order by created_at`, [
      userId,
    ]);
}

describe('conversations between two members', () => {
  it('A writes to B, B is told (without the text), reads, replies; writing again continues the same conversation', async () => {
    const [alice, bruno] = await established(2, 'Conversation');
    const { startConversation: started } = await alice.client.data(START, {
      input: { memberId: bruno.id, body: 'Bonjour, pouvez-vous m’aider pour un atelier CAF ?' },
    });
    expect(started).toMatchObject({ kind: 'DIRECT', asTeam: false, others: [{ id: bruno.id, displayName: bruno.name }], canWrite: true });

    expect(await conversationNotices(bruno.client)).toEqual([
      { kind: 'conversations.message', message: `${alice.name} vous a écrit.`, link: `/conversations/${started.id}` },
    ]);
    // The e-mail says who wrote and where to read, never the private text.
    const mails = await outboxTo(bruno.id);
    expect(mails).toHaveLength(1);
    expect(JSON.stringify(mails[0])).not.toContain('atelier CAF');

    expect((await bruno.client.data(UNREAD)).unreadConversationCount).toBe(1);
    const listed = (await bruno.client.data(LIST)).conversations.edges.map((edge: any) => edge.node);
    expect(listed).toEqual([
      expect.objectContaining({
        id: started.id,
        unreadCount: 1,
        others: [{ id: alice.id, displayName: alice.name }],
        lastMessage: { excerpt: 'Bonjour, pouvez-vous m’aider pour un atelier CAF ?', mine: false },
      }),
    ]);
    await bruno.client.data(READ, { id: started.id });
    expect((await bruno.client.data(UNREAD)).unreadConversationCount).toBe(0);

    await bruno.client.data(SEND, { input: { conversationId: started.id, body: 'Oui, avec plaisir : mardi ?' } });
    expect(await conversationNotices(alice.client)).toHaveLength(1);

    // Two more messages before Bruno reads: one notice for the unread run, not one per message.
    const { startConversation: again } = await alice.client.data(START, { input: { memberId: bruno.id, body: 'Mardi me va.' } });
    expect(again.id).toBe(started.id);
    await alice.client.data(SEND, { input: { conversationId: started.id, body: 'À 14 h ?' } });
    expect(await conversationNotices(bruno.client)).toHaveLength(2);
    expect((await bruno.client.data(ONE, { id: started.id })).conversation.unreadCount).toBe(2);

    const messages = (await bruno.client.data(MESSAGES, { id: started.id })).conversationMessages;
    expect(messages.edges.map((edge: any) => [edge.node.body, edge.node.mine])).toEqual([
      ['À 14 h ?', false],
      ['Mardi me va.', false],
      ['Oui, avec plaisir : mardi ?', true],
      ['Bonjour, pouvez-vous m’aider pour un atelier CAF ?', false],
    ]);
    // Keyset pages: two then two, nothing twice.
    const first = (await bruno.client.data(MESSAGES, { id: started.id, first: 2 })).conversationMessages;
    const second = (await bruno.client.data(MESSAGES, { id: started.id, first: 2, after: first.pageInfo.endCursor })).conversationMessages;
    expect([...first.edges, ...second.edges].map((edge: any) => edge.node.body)).toEqual(messages.edges.map((edge: any) => edge.node.body));
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses strangers, visitors, empty and too long messages, and writing to oneself', async () => {
    const [alice, bruno, claire] = await established(3, 'Refus');
    const { startConversation: started } = await alice.client.data(START, { input: { memberId: bruno.id, body: 'Un secret entre nous.' } });

    expect((await claire.client.data(ONE, { id: started.id })).conversation).toBeNull();
    expect((await claire.client.error(MESSAGES, { id: started.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await claire.client.error(SEND, { input: { conversationId: started.id, body: 'Je m’invite.' } })).extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await claire.client.error(READ, { id: started.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await claire.client.data(LIST)).conversations.totalCount).toBe(0);

    const visitor = app.client();
    expect((await visitor.error(LIST)).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await visitor.error(START, { input: { memberId: bruno.id, body: 'Coucou' } })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await visitor.error(MESSAGES, { id: started.id })).extensions?.code).toBe('UNAUTHENTICATED');

    expect((await alice.client.error(SEND, { input: { conversationId: started.id, body: '   ' } })).message).toBe('Écrivez votre message.');
    expect((await alice.client.error(SEND, { input: { conversationId: started.id, body: 'x'.repeat(4001) } })).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await alice.client.error(START, { input: { memberId: alice.id, body: 'Moi ?' } })).message).toBe(
      'Vous ne pouvez pas vous écrire à vous-même.',
    );
  });
});

describe("writing to an organization's team", () => {
  it("reaches every admin of the organization; a team member's reply is seen by the whole team", async () => {
    const { client: camille, user: camilleUser, organization } = await organizer(app, 'Espace numérique des équipes');
    const [dominique, visitorMember] = await established(2, 'Équipe');
    await camille.data(`mutation ($input: MemberInput!) { addMember(input: $input) { id } }`, {
      input: { organizationId: organization.id, userId: dominique.id, role: 'ADMIN' },
    });
    await establishAccountInDb(app, camilleUser.id);

    const { startConversation: started } = await visitorMember.client.data(START, {
      input: { organizationId: organization.id, body: 'Bonjour, proposez-vous des ateliers smartphone ?' },
    });
    expect(started).toMatchObject({ kind: 'TEAM', asTeam: false, organization: { name: 'Espace numérique des équipes' } });
    expect(started.others.map((other: any) => other.id).sort()).toEqual([camilleUser.id, dominique.id].sort());

    for (const admin of [camille, dominique.client]) {
      expect(await conversationNotices(admin)).toEqual([
        {
          kind: 'conversations.message',
          message: `${visitorMember.name} a écrit dans une conversation avec l’équipe d’Espace numérique des équipes.`,
          link: `/conversations/${started.id}`,
        },
      ]);
      const [seen] = (await admin.data(LIST)).conversations.edges.map((edge: any) => edge.node);
      expect(seen).toMatchObject({ id: started.id, asTeam: true, others: [{ id: visitorMember.id }] });
    }

    await dominique.client.data(SEND, { input: { conversationId: started.id, body: 'Oui, le jeudi matin.' } });
    const camilleSees = (await camille.data(MESSAGES, { id: started.id })).conversationMessages.edges.map((edge: any) => edge.node);
    expect(camilleSees.map((message: any) => message.body)).toEqual([
      'Oui, le jeudi matin.',
      'Bonjour, proposez-vous des ateliers smartphone ?',
    ]);
    expect(await conversationNotices(visitorMember.client)).toHaveLength(1);

    expect((await camille.error(START, { input: { organizationId: organization.id, body: 'À nous-mêmes' } })).message).toBe(
      'Vous faites partie de l’équipe de cette organisation.',
    );
  });
});

describe('blocking', () => {
  it('a blocked member cannot write to the blocker; unblocking from the list lets them again', async () => {
    const [alice, bruno] = await established(2, 'Blocage');
    const { startConversation: started } = await alice.client.data(START, { input: { memberId: bruno.id, body: 'Premier message.' } });

    await bruno.client.data(BLOCK, { id: alice.id });
    expect((await bruno.client.data(BLOCKED)).blockedMembers.edges.map((edge: any) => edge.node)).toEqual([
      { id: alice.id, displayName: alice.name },
    ]);
    const refused = await alice.client.error(SEND, { input: { conversationId: started.id, body: 'Tu es là ?' } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toBe('Vous ne pouvez pas écrire à ce membre.');
    expect((await alice.client.error(START, { input: { memberId: bruno.id, body: 'Nouveau départ' } })).message).toBe(
      'Vous ne pouvez pas écrire à ce membre.',
    );
    expect((await bruno.client.error(SEND, { input: { conversationId: started.id, body: 'Moi non plus' } })).message).toMatch(
      /^Vous avez bloqué ce membre/,
    );
    expect((await bruno.client.data(ONE, { id: started.id })).conversation).toMatchObject({ blockedByMe: true, canWrite: false });
    expect((await alice.client.data(ONE, { id: started.id })).conversation).toMatchObject({ blockedByMe: false });

    await bruno.client.data(UNBLOCK, { id: alice.id });
    expect((await bruno.client.data(BLOCKED)).blockedMembers.edges).toEqual([]);
    await alice.client.data(SEND, { input: { conversationId: started.id, body: 'Merci de m’avoir débloquée.' } });
  });
});

describe('the first week', () => {
  it('a new account starts at most 3 conversations a day and sends at most 20 messages a day', async () => {
    const [newcomer] = await members(app, 1, 'Nouveau');
    const others = await established(4, 'Destinataire');
    const ids: string[] = [];
    for (const other of others.slice(0, 3)) {
      ids.push((await newcomer.client.data(START, { input: { memberId: other.id, body: 'Bonjour !' } })).startConversation.id);
    }
    const fourth = await newcomer.client.error(START, { input: { memberId: others[3].id, body: 'Bonjour !' } });
    expect(fourth.extensions?.code).toBe('RATE_LIMITED');
    expect(fourth.message).toMatch(
      /^Bienvenue\u202f! Pendant leur première semaine, les nouveaux comptes commencent au plus 3 conversations par jour/,
    );

    // 3 messages sent with the starts; 17 more reach 20.
    for (let i = 0; i < 17; i++) await newcomer.client.data(SEND, { input: { conversationId: ids[0], body: `Message ${i}` } });
    const over = await newcomer.client.error(SEND, { input: { conversationId: ids[0], body: 'Un de trop' } });
    expect(over.extensions?.code).toBe('RATE_LIMITED');
    expect(over.message).toMatch(/envoient au plus 20 messages par jour/);
  });
});

describe('reporting a message', () => {
  it('puts only that message in the moderation queue; moderators cannot open the conversation; strangers cannot report', async () => {
    const [alice, bruno, stranger, moderator] = await established(4, 'Signalement');
    await grantRoleInDb(app, moderator.id, 'moderator');
    const { startConversation: started } = await alice.client.data(START, { input: { memberId: bruno.id, body: 'Message ordinaire.' } });
    const { sendConversationMessage: bad } = await alice.client.data(SEND, {
      input: { conversationId: started.id, body: 'Achetez mes pilules miracles !' },
    });
    await alice.client.data(SEND, { input: { conversationId: started.id, body: 'Un autre message privé.' } });

    const input = { contentType: 'conversations.message', contentId: bad.id, reason: 'SPAM' };
    expect((await stranger.client.error(REPORT, { input })).extensions?.code).toBe('NOT_FOUND');
    expect((await alice.client.error(REPORT, { input })).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await bruno.client.data(REPORT, { input })).reportContent.alreadyReported).toBe(false);

    const queue = (await moderator.client.data(QUEUE)).moderationQueue.edges.map((edge: any) => edge.node);
    const reported = queue.filter((node: any) => node.contentType === 'conversations.message');
    expect(reported).toEqual([
      {
        contentType: 'conversations.message',
        contentId: bad.id,
        excerpt: 'Achetez mes pilules miracles !',
        link: null,
        author: { id: alice.id },
      },
    ]);
    expect(JSON.stringify(queue)).not.toContain('Message ordinaire');
    expect(JSON.stringify(queue)).not.toContain('Un autre message privé');
    expect((await moderator.client.data(ONE, { id: started.id })).conversation).toBeNull();
    expect((await moderator.client.error(MESSAGES, { id: started.id })).extensions?.code).toBe('NOT_FOUND');

    // Hidden by moderation: Bruno sees its place, not its text; Alice sees it with the reason.
    await moderator.client.data(`mutation ($input: ModerateContentInput!) { hideContent(input: $input) { contentId } }`, {
      input: { contentType: 'conversations.message', contentId: bad.id, reason: 'Publicité non sollicitée' },
    });
    const brunoSees = (await bruno.client.data(MESSAGES, { id: started.id })).conversationMessages.edges.map((edge: any) => edge.node);
    expect(brunoSees.find((message: any) => message.id === bad.id)).toMatchObject({ hidden: true, body: '' });
    const aliceSees = (await alice.client.data(MESSAGES, { id: started.id })).conversationMessages.edges.map((edge: any) => edge.node);
    expect(aliceSees.find((message: any) => message.id === bad.id)).toMatchObject({ hidden: true, body: 'Achetez mes pilules miracles !' });
  });
});

describe('mes données', () => {
  it('exports the person’s conversations and messages; deleting the account erases their texts and blocks', async () => {
    const leaving = app.client();
    const me = await signUp(leaving, 'Léa Départ');
    await establishAccountInDb(app, me.id);
    const [bruno] = await established(1, 'Reste');
    const { startConversation: started } = await leaving.data(START, { input: { memberId: bruno.id, body: 'Mon message personnel.' } });
    await bruno.client.data(SEND, { input: { conversationId: started.id, body: 'Ma réponse.' } });
    await leaving.data(BLOCK, { id: bruno.id });

    const exported: any = await conversationsPrivacy.exportData(app.orm.em.fork(), me.id, 'fr');
    expect(exported.conversations).toEqual([
      expect.objectContaining({
        id: started.id,
        kind: 'direct',
        with: [bruno.name],
        myMessages: [expect.objectContaining({ body: 'Mon message personnel.' })],
      }),
    ]);
    expect(exported.blockedMembers).toEqual([expect.objectContaining({ member: bruno.name })]);

    const { deleteMyAccount } = await leaving.data(
      `mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { kept { section explanation } } }`,
      { input: { password: STRONG_PASSWORD } },
    );
    expect(deleteMyAccount.kept).toContainEqual({
      section: 'Conversations',
      explanation: expect.stringMatching(/^Le texte de vos messages privés est effacé/),
    });

    const after = (await bruno.client.data(MESSAGES, { id: started.id })).conversationMessages.edges.map((edge: any) => edge.node);
    expect(after.map((message: any) => [message.authorName, message.body, message.erased])).toEqual([
      [bruno.name, 'Ma réponse.', false],
      ['Compte supprimé', '', true],
    ]);
    const rows = await app.orm.em
      .fork()
      .getConnection()
      .execute(`select body from conversation_message where conversation_id = ? and erased_at is not null`, [started.id]);
    expect(rows).toEqual([{ body: '' }]);
    expect((await bruno.client.data(ONE, { id: started.id })).conversation).toMatchObject({ canWrite: false, others: [] });
    expect((await bruno.client.error(SEND, { input: { conversationId: started.id, body: 'Tu es là ?' } })).extensions?.code).toBe(
      'CONFLICT',
    );
  });
});
