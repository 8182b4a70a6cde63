import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, sql as statement } from '../../server/src/db/sql.js';
import { say } from '../../server/src/i18n/lang.js';
import { checkContentType } from '../../server/src/modules/commun/moderation/moderated-content.js';
import { installSections } from '../../server/src/modules/commun/plugs.js';
import { defineSection } from '../../server/src/modules/commun/section.js';
import { sections } from '../../server/src/sections.js';
import { STRONG_PASSWORD, grantRoleInDb, signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

const DELETE = `mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { kept { section explanation } } }`;
const REPORT = `mutation ($input: ReportContentInput!) { reportContent(input: $input) { alreadyReported } }`;

let app: TestApp;
const sql = <T = any>(query: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(query, params);

/**
 * Two stand-ins for sections on other branches, plugged in the way they will be:
 * questions (public contributions, kept under "Compte supprimé") and a double-entry ledger
 * (kept as is, so every balance and the total stay the same).
 */
beforeAll(async () => {
  app = await startTestApp();
  await sql(`create table test_question (id uuid primary key default gen_random_uuid(), author_id uuid not null references app_user (id),
             title text not null, hidden_at timestamptz, hidden_reason text)`);
  await sql(`create table test_ledger_entry (id serial primary key, account_user_id uuid not null references app_user (id),
             counterparty_id uuid not null references app_user (id), minutes int not null, memo text)`);
  const moderatedContent = [
    checkContentType({
      type: 'test.question',
      label: say('une question', 'a question'),
      table: 'test_question',
      authorColumn: 'author_id',
      excerptSql: 't.title',
      linkSql: `'/entraide/questions/' || t.id`,
    }),
  ];
  const myData = [
    {
      section: 'test-questions',
      label: say('Questions (section de test)', 'Questions (test section)'),
      exportData: async (em: EntityManager, userId: string) => ({
        questions: await query(em, statement`select id, title from test_question where author_id = ${userId}`),
      }),
      erase: async () => [
        say('Vos questions restent en ligne, signées « Compte supprimé ».', 'Your questions stay online, signed "Compte supprimé".'),
      ],
    },
    {
      section: 'test-grand-livre',
      label: say('Grand livre (section de test)', 'Ledger (test section)'),
      exportData: async (em: EntityManager, userId: string) => ({
        entries: await query(em, statement`select counterparty_id, minutes, memo from test_ledger_entry where account_user_id = ${userId}`),
      }),
      erase: async (em: EntityManager, userId: string) => {
        await execute(em, statement`update test_ledger_entry set memo = null where account_user_id = ${userId}`);
        return [
          say(
            'Les écritures de votre compte de temps sont gardées telles quelles (montants et contreparties).',
            'Your time account entries are kept as they are.',
          ),
        ];
      },
    },
  ];
  installSections([
    defineSection({
      name: 'test',
      label: say('Test', 'Test'),
      tables: ['test_question', 'test_ledger_entry'],
      entities: [],
      resolvers: [],
      moderatedContent,
      myData,
    }),
    ...sections,
  ]);
});
afterAll(async () => {
  await app?.close();
});

async function person(name: string): Promise<{ client: GraphQLClient; id: string; email: string }> {
  const client = app.client();
  const { id, email } = await signUp(client, name);
  return { client, id, email };
}

async function download(client: GraphQLClient) {
  const cookie = client.cookies.get('maillage_session');
  return fetch(`${app.url}/api/mes-donnees.json`, { headers: cookie ? { cookie: `maillage_session=${cookie}` } : {} });
}

/** Someone with a bit of everything: profile, organization, notification preference, a report, a question, time exchanges. */
async function busyMember() {
  const me = await person('Martine Données');
  const neighbour = await person('Voisin Échange');
  await me.client.data(
    `mutation { updateProfile(input: { bio: "Médiatrice à **Savenay**", commune: "Savenay", departement: "44", expertiseTags: ["CAF"] }) { id } }`,
  );
  await me.client.data(`mutation { createOrganization(input: { name: "Amicale de test ${me.id.slice(0, 6)}", kind: LIEU }) { id } }`);
  await me.client.data(`mutation { setNotificationPreference(input: { kind: "moderation.report_handled", channel: DIGEST }) { kind } }`);
  await neighbour.client.data(`mutation { updateProfile(input: { bio: "Publicité" }) { id } }`);
  await me.client.data(REPORT, { input: { contentType: 'profile', contentId: neighbour.id, reason: 'SPAM' } });
  await sql(
    `insert into notification (id, recipient_id, kind, message) values (gen_random_uuid(), ?, 'entraide.answer', 'Nouvelle réponse à votre question')`,
    [me.id],
  );
  const [question] = await sql(`insert into test_question (author_id, title) values (?, ?) returning id`, [
    me.id,
    'Comment aider pour la déclaration CAF ?',
  ]);
  for (const [from, to, minutes] of [
    [me.id, neighbour.id, -90],
    [neighbour.id, me.id, 90],
    [me.id, neighbour.id, 60],
    [neighbour.id, me.id, -60],
  ] as const) {
    await sql(`insert into test_ledger_entry (account_user_id, counterparty_id, minutes, memo) values (?, ?, ?, 'atelier smartphone')`, [
      from,
      to,
      minutes,
    ]);
  }
  return { me, neighbour, questionId: question.id as string };
}

describe('download my data', () => {
  it('gives a JSON file with everything held about me, and nothing about others', async () => {
    const { me, neighbour } = await busyMember();
    const response = await download(me.client);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="maillage-mes-donnees-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const data = await response.json();
    expect(data.userId).toBe(me.id);
    expect(data.sections.compte.profile).toMatchObject({
      email: me.email,
      displayName: 'Martine Données',
      commune: 'Savenay',
      departement: '44',
      bio: 'Médiatrice à **Savenay**',
      expertiseTags: ['caf'],
    });
    expect(data.sections.compte.sessions.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(data)).not.toMatch(/password|token_hash|tokenHash/i);
    expect(data.sections.organisations.memberships[0]).toMatchObject({ role: 'admin' });
    expect(data.sections.notifications.notifications.map((n: any) => n.message)).toContain('Nouvelle réponse à votre question');
    expect(data.sections.notifications.preferences).toEqual([{ kind: 'moderation.report_handled', channel: 'digest' }]);
    expect(data.sections.moderation.reportsMade).toEqual([
      expect.objectContaining({ contentType: 'profile', contentId: neighbour.id, reason: 'spam' }),
    ]);
    expect(data.sections['test-questions'].questions[0].title).toMatch(/déclaration CAF/);
    expect(data.sections['test-grand-livre'].entries).toHaveLength(2);
    for (const section of ['entraide', 'agenda', 'banque-de-temps', 'projets', 'charte'])
      expect(data.sections[section], section).toBeTruthy();
    expect(JSON.stringify(data)).not.toContain(neighbour.email);
  });

  it('refuses a visitor', async () => {
    const response = await download(app.client());
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatch(/Connectez-vous/);
  });
});

describe('with the real sections', () => {
  it('keeps my question under "Compte supprimé" and every time-bank balance as it was', async () => {
    const me = await person('Hugo Sections');
    const neighbour = await person('Voisine Sections');
    const { askQuestion } = await me.client.data(
      `mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { id author { displayName hasProfile } } }`,
      {
        input: {
          title: 'Comment aider à créer une adresse e-mail ?',
          body: 'Une personne accueillie n’a pas d’adresse e-mail.',
          tags: ['courriel'],
          departement: '44',
        },
      },
    );
    expect(askQuestion.author).toEqual({ displayName: 'Hugo Sections', hasProfile: true });
    await me.client.data(`mutation ($input: TransferTimeInput!) { transferTime(input: $input) { __typename } }`, {
      input: { toUserId: neighbour.id, minutes: 90, memo: 'Atelier smartphone', idempotencyKey: `cle-${me.id}` },
    });
    const balances = () => sql(`select a.user_id, a.balance from timebank_account a order by a.id`);
    const before = await balances();
    const [{ total: totalBefore }] = await sql(`select coalesce(sum(amount), 0)::int as total from timebank_entry`);

    const exported = await (await download(me.client)).json();
    expect(exported.sections.entraide.questions[0].title).toBe('Comment aider à créer une adresse e-mail ?');
    expect(exported.sections['banque-de-temps'].ledger[0]).toMatchObject({ minutes: -90, counterparty: 'Voisine Sections' });

    const { deleteMyAccount } = await me.client.data(DELETE, { input: { password: STRONG_PASSWORD } });
    expect(deleteMyAccount.kept.map((k: any) => k.section)).toEqual(expect.arrayContaining(['Entraide', 'Banque de temps']));
    const { question } = await app
      .client()
      .data(`query ($id: ID!) { question(id: $id) { title author { displayName hasProfile } } }`, { id: askQuestion.id });
    // No link to a profile that would answer 404 (the `user` query answers active accounts only).
    expect(question).toEqual({
      title: 'Comment aider à créer une adresse e-mail ?',
      author: { displayName: 'Compte supprimé', hasProfile: false },
    });
    expect(await balances()).toEqual(before);
    const [{ total }] = await sql(`select coalesce(sum(amount), 0)::int as total from timebank_entry`);
    expect(total).toBe(totalBefore);
    expect(total).toBe(0);
  });
});

describe('agenda seats', () => {
  it('gives my seat at an upcoming event to the first person on the waitlist', async () => {
    const me = await person('Place Libérée');
    const waiting = await person('Personne en Attente');
    const { createOrganization } = await waiting.client.data(
      `mutation { createOrganization(input: { name: "Amicale organisatrice", kind: LIEU }) { id } }`,
    );
    const [event] = await sql(
      `insert into agenda_event (id, kind, title, starts_at, ends_at, organizer_id, capacity)
       values (gen_random_uuid(), 'atelier', 'Atelier smartphone', now() + interval '2 days', now() + interval '2 days 90 minutes', ?, 1) returning id`,
      [createOrganization.id],
    );
    await sql(
      `insert into event_registration (id, event_id, user_id, status, queue_number) values (gen_random_uuid(), ?, ?, 'confirmed', 1), (gen_random_uuid(), ?, ?, 'waitlisted', 2)`,
      [event.id, me.id, event.id, waiting.id],
    );
    const { deleteMyAccount } = await me.client.data(DELETE, { input: { password: STRONG_PASSWORD } });
    expect(deleteMyAccount.kept.find((k: any) => k.section === 'Agenda').explanation).toMatch(
      /Votre inscription à venir est annulée\u00a0: votre place revient à la première personne en liste d’attente/,
    );
    const rows = await sql(`select user_id, status from event_registration where event_id = ? order by queue_number`, [event.id]);
    expect(rows).toEqual([
      { user_id: me.id, status: 'cancelled' },
      { user_id: waiting.id, status: 'confirmed' },
    ]);
    const told = (await waiting.client.data(`{ notifications { edges { node { kind } } } }`)).notifications.edges.map(
      (e: any) => e.node.kind,
    );
    expect(told).toContain('agenda.promoted');
  });
});

describe('delete my account', () => {
  it('asks for the password, and keeps everything when it is wrong', async () => {
    const { me } = await busyMember();
    const error = await me.client.error(DELETE, { input: { password: 'pas le bon mot de passe' } });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields?.password).toMatch(/Mot de passe incorrect/);
    expect((await me.client.data(`{ me { displayName } }`)).me.displayName).toBe('Martine Données');
    expect((await app.client().error(DELETE, { input: { password: STRONG_PASSWORD } })).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('erases personal data and sessions, keeps public contributions under "Compte supprimé" and ledger totals unchanged, and says what was kept', async () => {
    const { me, neighbour, questionId } = await busyMember();
    const secondDevice = app.client();
    await secondDevice.data(`mutation ($input: LoginInput!) { login(input: $input) { id } }`, {
      input: { email: me.email, password: STRONG_PASSWORD },
    });
    const balances = async () =>
      sql(`select account_user_id, sum(minutes)::int as balance from test_ledger_entry group by account_user_id order by account_user_id`);
    const [{ total: totalBefore }] = await sql(`select sum(minutes)::int as total from test_ledger_entry`);
    const balancesBefore = await balances();

    const { deleteMyAccount } = await me.client.data(DELETE, { input: { password: STRONG_PASSWORD } });
    const sections = deleteMyAccount.kept.map((k: any) => k.section);
    expect(sections).toEqual(
      expect.arrayContaining([
        'Questions (section de test)',
        'Grand livre (section de test)',
        'Compte et profil',
        'Signalements et modération',
        'Organisations',
      ]),
    );
    expect(deleteMyAccount.kept.find((k: any) => k.section === 'Compte et profil').explanation).toMatch(
      /«\u00a0Compte supprimé\u00a0».*sans nom, e-mail, mot de passe/,
    );
    expect(deleteMyAccount.kept.find((k: any) => k.section === 'Organisations').explanation).toMatch(/n’a plus d’administrateur/);

    // Signed out everywhere, and the account cannot sign in again.
    expect(me.client.cookies.has('maillage_session')).toBe(false);
    expect((await secondDevice.data(`{ me { id } }`)).me).toBeNull();
    const login = await app
      .client()
      .error(`mutation ($input: LoginInput!) { login(input: $input) { id } }`, { input: { email: me.email, password: STRONG_PASSWORD } });
    expect(login.extensions?.code).toBe('UNAUTHENTICATED');

    const [user] = await sql(
      `select email, display_name, password_hash, bio, commune, departement, expertise_tags, status from app_user where id = ?`,
      [me.id],
    );
    expect(user).toEqual({
      email: `supprime-${me.id}@compte-supprime.invalid`,
      display_name: 'Compte supprimé',
      password_hash: null,
      bio: null,
      commune: null,
      departement: null,
      expertise_tags: [],
      status: 'deleted',
    });
    for (const [table, column] of [
      ['user_session', 'user_id'],
      ['membership', 'user_id'],
      ['notification', 'recipient_id'],
      ['notification_preference', 'user_id'],
      ['email_outbox', 'recipient_id'],
    ]) {
      const [{ n }] = await sql(`select count(*)::int as n from ${table} where ${column} = ?`, [me.id]);
      expect(n, table).toBe(0);
    }
    // The question stays, signed "Compte supprimé"; the profile page is gone.
    const [question] = await sql(
      `select q.title, u.display_name from test_question q join app_user u on u.id = q.author_id where q.id = ?`,
      [questionId],
    );
    expect(question).toEqual({ title: 'Comment aider pour la déclaration CAF ?', display_name: 'Compte supprimé' });
    expect((await app.client().data(`query ($id: ID!) { user(id: $id) { id } }`, { id: me.id })).user).toBeNull();
    // The ledger: same entries, same balances, same total (zero).
    expect(await balances()).toEqual(balancesBefore);
    const [{ total }] = await sql(`select sum(minutes)::int as total from test_ledger_entry`);
    expect(total).toBe(totalBefore);
    const [{ entries }] = await sql(
      `select count(*)::int as entries from test_ledger_entry where account_user_id = ? and counterparty_id = ?`,
      [me.id, neighbour.id],
    );
    expect(entries).toBe(2);
    // Reports made stay for the moderators' record, and the deletion is in the audit log.
    const [{ reports }] = await sql(`select count(*)::int as reports from report where reporter_id = ?`, [me.id]);
    expect(reports).toBe(1);
    const [{ logged }] = await sql(`select count(*)::int as logged from audit_log where action = 'account.delete' and target_user_id = ?`, [
      me.id,
    ]);
    expect(logged).toBe(1);
    // The e-mail address is free again for a new account.
    await signUp(app.client(), 'Martine Revenue', me.email);
  });

  it('does not let the last admin leave the platform without an admin', async () => {
    const lonely = await startTestApp();
    try {
      const only = lonely.client();
      const { id } = await signUp(only, 'Seule Admin');
      await grantRoleInDb(lonely, id, 'admin');
      const error = await only.error(DELETE, { input: { password: STRONG_PASSWORD } });
      expect(error.extensions?.code).toBe('CONFLICT');
      expect(error.message).toMatch(/dernier administrateur/);
    } finally {
      await lonely.close();
    }
  });

  it('deletes once when asked twice at the same moment', async () => {
    const me = await person('Double Clic');
    const results = await Promise.all([0, 1].map(() => me.client.request(DELETE, { input: { password: STRONG_PASSWORD } })));
    const succeeded = results.filter((r) => !r.errors?.length);
    expect(succeeded).toHaveLength(1);
    const [{ logged }] = await sql(`select count(*)::int as logged from audit_log where action = 'account.delete' and target_user_id = ?`, [
      me.id,
    ]);
    expect(logged).toBe(1);
  });
});
