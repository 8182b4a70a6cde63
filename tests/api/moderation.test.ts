import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say } from '../../server/src/i18n/lang.js';
import { grantRole } from '../../server/src/modules/comptes/comptes.service.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { checkContentType } from '../../server/src/modules/commun/moderation/moderated-content.js';
import { assertCanPost } from '../../server/src/modules/commun/moderation/posting-limits.js';
import { installSections } from '../../server/src/modules/commun/plugs.js';
import { defineSection } from '../../server/src/modules/commun/section.js';
import { sections } from '../../server/src/sections.js';
import { STRONG_PASSWORD, grantRoleInDb, signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

import { french } from '../helpers/french.js';
const REPORT = `mutation ($input: ReportContentInput!) { reportContent(input: $input) { contentType contentId alreadyReported } }`;
const QUEUE = `query ($status: ModerationQueueStatus, $first: Int) { moderationQueue(status: $status, first: $first) {
  totalCount edges { node { contentType contentId contentLabel excerpt link hiddenAt hiddenReason reportCount decision
    reports { reason details reporterName } author { id displayName status warnings suspendedUntil } } } } }`;
const HIDE = `mutation ($input: ModerateContentInput!) { hideContent(input: $input) { contentId hiddenAt hiddenReason } }`;
const RESTORE = `mutation ($input: ModerateContentInput!) { restoreContent(input: $input) { contentId hiddenAt } }`;
const DISMISS = `mutation ($input: ModerateContentInput!) { dismissReports(input: $input) { contentId hiddenAt } }`;
const WARN = `mutation ($input: WarnMemberInput!) { warnMember(input: $input) { id status } }`;
const SUSPEND = `mutation ($input: SuspendMemberInput!) { suspendMember(input: $input) { id status suspendedUntil } }`;
const LIFT = `mutation ($input: LiftSuspensionInput!) { liftSuspension(input: $input) { id status } }`;
const SET_ROLE = `mutation ($input: SetUserRoleInput!) { setUserRole(input: $input) { id role } }`;
const AUDIT = `query ($action: String, $userId: ID, $first: Int) { auditLog(action: $action, userId: $userId, first: $first) {
  totalCount edges { node { action summary actorName targetName contentType reason } } } }`;
const PROFILE = `query ($id: ID!) { user(id: $id) { displayName bio bioHtml bioHidden bioHiddenReason } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { id } }`;
const NOTIFICATIONS = `{ notifications { edges { node { kind message link } } } }`;

let app: TestApp;
const sql = <T = any>(query: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(query, params);

interface Person {
  client: GraphQLClient;
  id: string;
  email: string;
}

async function person(name: string, role?: 'moderator' | 'admin', bio?: string): Promise<Person> {
  const client = app.client();
  const { id, email } = await signUp(client, name);
  if (bio) await client.data(`mutation ($bio: String) { updateProfile(input: { bio: $bio }) { id } }`, { bio });
  if (role) await grantRoleInDb(app, id, role);
  return { client, id, email };
}

/** A stand-in for another section's content (e.g. entraide's answers), plugged in the way sections do. */
async function addAnswer(authorId: string, body: string): Promise<string> {
  const [row] = await sql(`insert into test_answer (id, author_id, body) values (gen_random_uuid(), ?, ?) returning id`, [authorId, body]);
  return row.id;
}

let moderator: Person;
let admin: Person;

beforeAll(async () => {
  app = await startTestApp();
  await sql(`create table test_answer (id uuid primary key, author_id uuid not null references app_user (id), body text not null,
             hidden_at timestamptz, hidden_reason text)`);
  const testAnswer = checkContentType({
    type: 'test.answer',
    label: say('une réponse', 'an answer'),
    table: 'test_answer',
    authorColumn: 'author_id',
    excerptSql: 'left(t.body, 200)',
    linkSql: `'/entraide/reponses/' || t.id`,
  });
  installSections([
    ...sections,
    defineSection({
      name: 'test',
      label: say('Test', 'Test'),
      tables: ['test_answer'],
      entities: [],
      resolvers: [],
      moderatedContent: [testAnswer],
      myData: [],
    }),
  ]);
  moderator = await person('Hélène Modératrice', 'moderator');
  admin = await person('Alain Administrateur', 'admin');
});
afterAll(async () => {
  await app?.close();
});

describe('reporting', () => {
  it('lets any member report a content once, with a reason, and tells the moderators of the new case', async () => {
    const author = await person('Auteur Profil', undefined, 'Achetez des **crédits** sur mon site !');
    const reporter = await person('Rita Signale');
    const input = { contentType: 'profile', contentId: author.id, reason: 'SPAM', details: 'Publicité' };
    expect((await reporter.client.data(REPORT, { input })).reportContent).toEqual({
      contentType: 'profile',
      contentId: author.id,
      alreadyReported: false,
    });
    expect((await reporter.client.data(REPORT, { input })).reportContent.alreadyReported).toBe(true);
    const [{ n }] = await sql(`select count(*)::int as n from report where content_id = ?`, [author.id]);
    expect(n).toBe(1);
    const { notifications } = await moderator.client.data(NOTIFICATIONS);
    expect(notifications.edges.some((e: any) => e.node.kind === 'moderation.report' && e.node.link === '/moderation')).toBe(true);
  });

  it('refuses a visitor, an unknown type, a missing content, one’s own content and an unexplained "other"', async () => {
    const author = await person('Auteur Refus', undefined, 'Bonjour');
    const reporter = await person('Rita Refus');
    const base = { contentType: 'profile', contentId: author.id, reason: 'ABUSE' };
    expect((await app.client().error(REPORT, { input: base })).extensions?.code).toBe('UNAUTHENTICATED');
    const unknownType = await reporter.client.error(REPORT, { input: { ...base, contentType: 'nimporte.quoi' } });
    expect(unknownType.extensions?.fields?.contentType).toMatch(/ne peut pas être signalé/);
    const missing = await reporter.client.error(REPORT, { input: { ...base, contentId: '00000000-0000-4000-8000-000000000000' } });
    expect(missing.extensions?.code).toBe('NOT_FOUND');
    const garbage = await reporter.client.error(REPORT, { input: { ...base, contentId: 'pas-un-id' } });
    expect(garbage.extensions?.code).toBe('NOT_FOUND');
    const own = await author.client.error(REPORT, { input: base });
    expect(own.extensions?.fields?.contentId).toMatch(/propre contenu/);
    const other = await reporter.client.error(REPORT, { input: { ...base, reason: 'OTHER', details: '' } });
    expect(other.extensions?.code).toBe('BAD_USER_INPUT');
    expect(other.extensions?.fields?.details).toMatch(/Expliquez/);
  });

  it('limits new accounts to 5 reports an hour', async () => {
    const author = await person('Auteur Prolifique');
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => addAnswer(author.id, `Réponse ${i}`)));
    const newcomer = await person('Nouveau Venu');
    for (const id of answers.slice(0, 5))
      await newcomer.client.data(REPORT, { input: { contentType: 'test.answer', contentId: id, reason: 'SPAM' } });
    const limited = await newcomer.client.error(REPORT, { input: { contentType: 'test.answer', contentId: answers[5], reason: 'SPAM' } });
    expect(limited.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.message).toMatch(/première semaine.*5 fois par heure/);
  });
});

describe('assertCanPost (the publishing limit every section calls)', () => {
  it('lets an established account publish more, stops a flood, and never limits moderators', async () => {
    const em = app.orm.em.fork();
    const veteran = await person('Ancienne Membre');
    await sql(`update app_user set created_at = now() - interval '30 days' where id = ?`, [veteran.id]);
    const user = await em.findOneOrFail(User, { id: veteran.id });
    const limits = { newAccountDays: 7, newPerHour: 1, newPerDay: 2, perHour: 3 };
    for (let i = 0; i < 3; i++) await assertCanPost(em, user, 'test.post', limits);
    await expect(assertCanPost(em, user, 'test.post', limits)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // Another kind of post has its own counter.
    await assertCanPost(em, user, 'test.other', limits);
    const mod = await em.findOneOrFail(User, { id: moderator.id });
    for (let i = 0; i < 5; i++) await assertCanPost(em, mod, 'test.post', limits);
  });
});

describe('the moderators’ queue and decisions', () => {
  it('hides a reported profile presentation for everyone but its author and moderators, tells the author why, and can restore it', async () => {
    const author = await person('Paul Spammeur', undefined, 'Crédit rapide sans justificatif, appelez le 06 00 00 00 00');
    const reporters = [await person('Rita Un'), await person('Rita Deux')];
    for (const [i, r] of reporters.entries()) {
      await r.client.data(REPORT, {
        input: { contentType: 'profile', contentId: author.id, reason: i ? 'MISLEADING' : 'SPAM', details: i ? 'Arnaque' : null },
      });
    }
    const queue = (await moderator.client.data(QUEUE)).moderationQueue;
    const item = queue.edges.find((e: any) => e.node.contentId === author.id).node;
    expect(item).toMatchObject({
      contentType: 'profile',
      contentLabel: 'la présentation d’un profil',
      reportCount: 2,
      decision: 'OPEN',
      hiddenAt: null,
      link: `/membres/${author.id}`,
      author: { id: author.id, displayName: 'Paul Spammeur', status: 'ACTIVE', warnings: 0 },
    });
    expect(item.excerpt).toMatch(/^Paul Spammeur — Crédit rapide/);
    expect(item.reports.map((r: any) => [r.reason, r.reporterName])).toEqual([
      ['SPAM', 'Rita Un'],
      ['MISLEADING', 'Rita Deux'],
    ]);

    const missingReason = await moderator.client.error(HIDE, { input: { contentType: 'profile', contentId: author.id, reason: '' } });
    expect(missingReason.extensions?.fields?.reason).toMatch(/Expliquez/);
    const { hideContent } = await moderator.client.data(HIDE, {
      input: { contentType: 'profile', contentId: author.id, reason: 'Publicité pour un crédit douteux' },
    });
    expect(hideContent.hiddenReason).toBe('Publicité pour un crédit douteux');
    expect(
      (await moderator.client.error(HIDE, { input: { contentType: 'profile', contentId: author.id, reason: 'encore une fois' } }))
        .extensions?.code,
    ).toBe('CONFLICT');

    // Others no longer see it; the author and moderators do, with the reason.
    expect((await app.client().data(PROFILE, { id: author.id })).user).toMatchObject({
      bio: null,
      bioHtml: '',
      bioHidden: true,
      bioHiddenReason: null,
    });
    expect((await reporters[0].client.data(PROFILE, { id: author.id })).user.bio).toBeNull();
    expect((await author.client.data(PROFILE, { id: author.id })).user).toMatchObject({
      bioHidden: true,
      bioHiddenReason: 'Publicité pour un crédit douteux',
    });
    expect((await author.client.data(PROFILE, { id: author.id })).user.bio).toMatch(/Crédit rapide/);
    expect((await moderator.client.data(PROFILE, { id: author.id })).user.bio).toMatch(/Crédit rapide/);

    const told = (await author.client.data(NOTIFICATIONS)).notifications.edges.map((e: any) => e.node);
    expect(told[0]).toMatchObject({ kind: 'moderation.hidden', link: `/membres/${author.id}` });
    expect(told[0].message).toBe(
      french('La modération a masqué la présentation d’un profil que vous avez publiée. Motif : Publicité pour un crédit douteux'),
    );
    expect((await reporters[1].client.data(NOTIFICATIONS)).notifications.edges[0].node.message).toMatch(/a été masqué/);
    // The case left the open queue and shows in the decided ones.
    expect((await moderator.client.data(QUEUE)).moderationQueue.edges.some((e: any) => e.node.contentId === author.id)).toBe(false);
    const closed = (await moderator.client.data(QUEUE, { status: 'CLOSED' })).moderationQueue.edges.find(
      (e: any) => e.node.contentId === author.id,
    ).node;
    expect(closed.decision).toBe('UPHELD');

    await moderator.client.data(RESTORE, { input: { contentType: 'profile', contentId: author.id, reason: 'Le membre a corrigé' } });
    expect((await app.client().data(PROFILE, { id: author.id })).user.bio).toMatch(/Crédit rapide/);
    expect((await author.client.data(NOTIFICATIONS)).notifications.edges[0].node.kind).toBe('moderation.restored');
    expect((await moderator.client.error(RESTORE, { input: { contentType: 'profile', contentId: author.id } })).extensions?.code).toBe(
      'CONFLICT',
    );
  });

  it('hides another section’s content through its registry entry, and dismisses reports that break no rule', async () => {
    const author = await person('Autrice Réponse');
    const rude = await addAnswer(author.id, 'Tu es vraiment nul, apprends à lire.');
    const fine = await addAnswer(author.id, 'Il faut passer par FranceConnect.');
    const reporter = await person('Rita Trois');
    await reporter.client.data(REPORT, { input: { contentType: 'test.answer', contentId: rude, reason: 'ABUSE' } });
    await reporter.client.data(REPORT, { input: { contentType: 'test.answer', contentId: fine, reason: 'MISLEADING' } });
    await moderator.client.data(HIDE, { input: { contentType: 'test.answer', contentId: rude, reason: 'Propos injurieux' } });
    const [row] = await sql(`select hidden_at is not null as hidden, hidden_reason from test_answer where id = ?`, [rude]);
    expect(row).toEqual({ hidden: true, hidden_reason: 'Propos injurieux' });
    const told = (await author.client.data(NOTIFICATIONS)).notifications.edges[0].node;
    expect(told).toMatchObject({ kind: 'moderation.hidden', link: `/entraide/reponses/${rude}` });
    expect(told.message).toMatch(/une réponse.*Motif\u00a0: Propos injurieux/);

    await moderator.client.data(DISMISS, { input: { contentType: 'test.answer', contentId: fine, reason: 'Information exacte' } });
    const [kept] = await sql(`select hidden_at from test_answer where id = ?`, [fine]);
    expect(kept.hidden_at).toBeNull();
    expect((await reporter.client.data(NOTIFICATIONS)).notifications.edges[0].node.message).toMatch(/laissé le contenu en ligne/);
    expect((await moderator.client.error(DISMISS, { input: { contentType: 'test.answer', contentId: fine } })).extensions?.code).toBe(
      'CONFLICT',
    );
  });

  it('walks the open and the decided queues page by page: every case once, in order, ties included', async () => {
    const PAGED = `query ($status: ModerationQueueStatus, $first: Int, $after: String) {
      moderationQueue(status: $status, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { contentType contentId } } } }`;
    const walk = async (status: 'OPEN' | 'CLOSED') => {
      const seen: string[] = [];
      let after: string | null = null;
      let total = -1;
      for (let pages = 0; pages < 100; pages++) {
        const page: any = (await moderator.client.data(PAGED, { status, first: 2, after })).moderationQueue;
        if (total < 0) total = page.totalCount;
        expect(page.totalCount).toBe(total);
        expect(page.edges.length).toBeLessThanOrEqual(2);
        seen.push(...page.edges.map((e: any) => `${e.node.contentType}/${e.node.contentId}`));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength(total);
      const whole = (await moderator.client.data(PAGED, { status, first: 100 })).moderationQueue;
      expect(whole.edges.map((e: any) => `${e.node.contentType}/${e.node.contentId}`)).toEqual(seen);
      return seen;
    };
    const author = await person('Auteur Paginé');
    const reporter = await person('Rita Pagine');
    const ids: string[] = (
      await sql(
        `insert into test_answer (id, author_id, body) select gen_random_uuid(), ?, 'Paginée ' || i from generate_series(1, 6) i
                 returning id`,
        [author.id],
      )
    ).map((row: any) => row.id);
    const [tiedA, tiedB, tiedC, older1, older2, undated] = ids;
    // Three cases reported at one instant (one statement, one now()), two earlier ones a second apart, all before every other case.
    await sql(
      `insert into report (id, reporter_id, content_type, content_id, reason, created_at)
       select gen_random_uuid(), ?, 'test.answer', c.id, 'spam', now() - interval '10 days' + c.shift * interval '1 second'
         from (values (?::uuid, 0), (?::uuid, 0), (?::uuid, 0), (?::uuid, -2), (?::uuid, -1), (?::uuid, 0)) c (id, shift)`,
      [reporter.id, tiedA, tiedB, tiedC, older1, older2, undated],
    );
    const mine = (seen: string[]) => seen.filter((key) => ids.some((id) => key === `test.answer/${id}`)).map((key) => key.slice(12));
    const byId = (list: string[]) => [...list].sort();
    const open = await walk('OPEN');
    expect(mine(open)).toEqual([older1, older2, ...byId([tiedA, tiedB, tiedC, undated])]);
    expect(mine(open.slice(0, 6))).toEqual(mine(open));

    // Decided: latest decision first; three decided at one instant, one earlier, one without a date (last).
    await sql(
      `update report set status = 'dismissed', resolved_at = case when content_id = ? then now() - interval '1 hour' else now() end
        where content_id in (?, ?, ?, ?)`,
      [older1, tiedA, tiedB, tiedC, older1],
    );
    await sql(`update report set status = 'dismissed', resolved_at = null where content_id = ?`, [undated]);
    const closed = await walk('CLOSED');
    expect(mine(closed)).toEqual([...byId([tiedA, tiedB, tiedC]), older1, undated]);
    expect(closed[closed.length - 1]).toBe(`test.answer/${undated}`);

    // A page past the end is empty and still knows the total.
    const last = (await moderator.client.data(PAGED, { status: 'CLOSED', first: 100 })).moderationQueue;
    const beyond = (await moderator.client.data(PAGED, { status: 'CLOSED', first: 2, after: last.pageInfo.endCursor })).moderationQueue;
    expect(beyond).toMatchObject({ edges: [], totalCount: closed.length, pageInfo: { hasNextPage: false } });
    const foreign = await moderator.client.error(PAGED, { first: 2, after: Buffer.from('o:3').toString('base64url') });
    expect(foreign.extensions?.code).toBe('BAD_USER_INPUT');
    await sql(`update report set status = 'dismissed', resolved_at = now() where content_id = ?`, [older2]);
  });

  it('refuses the queue and every decision to plain members and visitors', async () => {
    const member = await person('Membre Ordinaire');
    const target = await person('Cible', undefined, 'Bio');
    const content = { contentType: 'profile', contentId: target.id, reason: 'Parce que' };
    for (const client of [member.client, app.client()]) {
      const expected = client === member.client ? 'FORBIDDEN' : 'UNAUTHENTICATED';
      expect((await client.error(QUEUE)).extensions?.code).toBe(expected);
      expect((await client.error(HIDE, { input: content })).extensions?.code).toBe(expected);
      expect((await client.error(RESTORE, { input: content })).extensions?.code).toBe(expected);
      expect((await client.error(DISMISS, { input: content })).extensions?.code).toBe(expected);
      expect((await client.error(WARN, { input: { userId: target.id, reason: 'Attention' } })).extensions?.code).toBe(expected);
      expect((await client.error(SUSPEND, { input: { userId: target.id, reason: 'Attention', days: 3 } })).extensions?.code).toBe(expected);
      expect((await client.error(LIFT, { input: { userId: target.id } })).extensions?.code).toBe(expected);
      expect((await client.error(SET_ROLE, { input: { userId: target.id, role: 'ADMIN' } })).extensions?.code).toBe(expected);
      expect((await client.error(AUDIT)).extensions?.code).toBe(expected);
    }
    expect((await moderator.client.error(AUDIT)).extensions?.code).toBe('FORBIDDEN');
    expect((await moderator.client.error(SET_ROLE, { input: { userId: target.id, role: 'MODERATOR' } })).extensions?.code).toBe(
      'FORBIDDEN',
    );
    const [row] = await sql(`select bio_hidden_at, role, status from app_user where id = ?`, [target.id]);
    expect(row).toEqual({ bio_hidden_at: null, role: 'member', status: 'active' });
  });
});

describe('warnings and suspensions', () => {
  it('warns, then suspends: every session ends, sign-in says until when; lifting lets the person back', async () => {
    const troll = await person('Thierry Troll');
    const otherDevice = app.client();
    await otherDevice.data(LOGIN, { input: { email: troll.email, password: STRONG_PASSWORD } });

    await moderator.client.data(WARN, { input: { userId: troll.id, reason: 'Messages agressifs envers les débutants' } });
    expect((await troll.client.data(NOTIFICATIONS)).notifications.edges[0].node.message).toMatch(
      /^Avertissement de la modération\u00a0: Messages agressifs/,
    );
    const tooLong = await moderator.client.error(SUSPEND, { input: { userId: troll.id, reason: 'Récidive', days: 400 } });
    expect(tooLong.extensions?.fields?.days).toMatch(/de 1 à 365 jours/);

    const { suspendMember } = await moderator.client.data(SUSPEND, {
      input: { userId: troll.id, reason: 'Récidive après avertissement', days: 7 },
    });
    expect(suspendMember.status).toBe('SUSPENDED');
    expect((await troll.client.data(`{ me { id } }`)).me).toBeNull();
    expect((await otherDevice.data(`{ me { id } }`)).me).toBeNull();
    const [{ sessions }] = await sql(`select count(*)::int as sessions from user_session where user_id = ?`, [troll.id]);
    expect(sessions).toBe(0);

    const refused = await app.client().error(LOGIN, { input: { email: troll.email, password: STRONG_PASSWORD } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    // "à 19 h" on the hour, "à 19 h 05" otherwise: the suspension ends seven days from now, to the minute.
    expect(refused.message).toMatch(
      /Votre compte est suspendu par la modération jusqu’au \p{L}+ \d+ \p{L}+ \d{4} à \d+\u202fh(\u202f\d{2})?\./u,
    );
    // A wrong password does not reveal the suspension.
    const wrong = await app.client().error(LOGIN, { input: { email: troll.email, password: 'pas le bon mot de passe' } });
    expect(wrong.message).toBe('Adresse e-mail ou mot de passe incorrect.');
    const [{ email_queued }] = await sql(
      `select count(*)::int as email_queued from email_outbox where recipient_id = ? and kind = 'moderation.suspended'`,
      [troll.id],
    );
    expect(email_queued).toBe(1);

    await moderator.client.data(LIFT, { input: { userId: troll.id, reason: 'Excuses présentées' } });
    expect((await troll.client.data(LOGIN, { input: { email: troll.email, password: STRONG_PASSWORD } })).login.id).toBe(troll.id);
    expect((await moderator.client.error(LIFT, { input: { userId: troll.id } })).extensions?.code).toBe('CONFLICT');
  });

  it('ends a suspension by itself when its time is over', async () => {
    const member = await person('Suspendu Court');
    await moderator.client.data(SUSPEND, { input: { userId: member.id, reason: 'Une journée de pause', days: 1 } });
    await sql(`update app_user set suspended_until = now() - interval '1 minute' where id = ?`, [member.id]);
    expect((await app.client().data(LOGIN, { input: { email: member.email, password: STRONG_PASSWORD } })).login.id).toBe(member.id);
    const [row] = await sql(`select status, suspended_until from app_user where id = ?`, [member.id]);
    expect(row).toEqual({ status: 'active', suspended_until: null });
  });

  it('never lets a moderator sanction themselves, an admin, or another moderator', async () => {
    const otherModerator = await person('Autre Modérateur', 'moderator');
    const self = await moderator.client.error(SUSPEND, { input: { userId: moderator.id, reason: 'Moi-même', days: 1 } });
    expect(self.message).toMatch(/vous-même/);
    expect((await moderator.client.error(SUSPEND, { input: { userId: admin.id, reason: 'Un admin', days: 1 } })).message).toMatch(
      /administrateur ne peut pas/,
    );
    expect((await moderator.client.error(WARN, { input: { userId: otherModerator.id, reason: 'Collègue' } })).message).toMatch(
      /Seul un administrateur/,
    );
    // An admin may.
    expect((await admin.client.data(WARN, { input: { userId: otherModerator.id, reason: 'Rappel des règles' } })).warnMember.id).toBe(
      otherModerator.id,
    );
  });
});

describe('audit log', () => {
  it('records every moderation action and every role change, from the site and from the command line, for admins', async () => {
    const member = await person('Future Modératrice');
    await admin.client.data(SET_ROLE, { input: { userId: member.id, role: 'MODERATOR' } });
    await grantRole(app.orm.em.fork(), member.email, 'admin' as any);
    const log = (await admin.client.data(AUDIT, { action: 'role.change', userId: member.id })).auditLog;
    expect(log.edges.map((e: any) => e.node.summary)).toEqual([
      french('la console d’administration a changé le rôle de Future Modératrice : modérateur·rice → administrateur·rice'),
      french('Alain Administrateur a changé le rôle de Future Modératrice : membre → modérateur·rice'),
    ]);

    const all = (await admin.client.data(AUDIT, { action: 'moderation', first: 100 })).auditLog;
    const actions = new Set(all.edges.map((e: any) => e.node.action));
    for (const action of [
      'moderation.hide',
      'moderation.restore',
      'moderation.dismiss',
      'moderation.warn',
      'moderation.suspend',
      'moderation.lift',
    ]) {
      expect(actions).toContain(action);
    }
    const hide = all.edges.find((e: any) => e.node.action === 'moderation.hide' && e.node.reason === 'Propos injurieux').node;
    expect(hide).toMatchObject({ actorName: 'Hélène Modératrice', targetName: 'Autrice Réponse', contentType: 'test.answer' });
    const english = await app.client({ 'accept-language': 'en' });
    english.cookies.set('maillage_session', admin.client.cookies.get('maillage_session')!);
    expect((await english.data(AUDIT, { action: 'moderation.suspend', first: 1 })).auditLog.edges[0].node.summary).toMatch(
      /^Hélène Modératrice suspended /,
    );
  });

  it('walks the log page by page, newest first, lines of one instant in one order', async () => {
    const PAGED = `query ($userId: ID, $first: Int, $after: String) { auditLog(userId: $userId, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id reason } } } }`;
    const target = await person('Cible Paginée');
    await sql(
      `insert into audit_log (id, actor_id, action, target_user_id, reason)
       select gen_random_uuid(), ?, 'moderation.warn', ?, 'même instant ' || i from generate_series(1, 3) i`,
      [moderator.id, target.id],
    );
    await sql(
      `insert into audit_log (id, actor_id, action, target_user_id, reason, created_at)
       select gen_random_uuid(), ?, 'moderation.warn', ?, 'plus ancienne ' || i, now() - i * interval '1 second' from generate_series(1, 4) i`,
      [moderator.id, target.id],
    );
    const tied: string[] = (await sql(`select id from audit_log where target_user_id = ? and reason like 'même%'`, [target.id]))
      .map((row: any) => row.id)
      .sort()
      .reverse();
    const seen: Array<{ id: string; reason: string }> = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: any = (await admin.client.data(PAGED, { userId: target.id, first: 2, after })).auditLog;
      expect(page.totalCount).toBe(7);
      seen.push(...page.edges.map((e: any) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 10);
    expect(pages).toBe(4);
    expect(new Set(seen.map((line) => line.id)).size).toBe(7);
    expect(seen.slice(0, 3).map((line) => line.id)).toEqual(tied);
    expect(seen.slice(3).map((line) => line.reason)).toEqual(['plus ancienne 1', 'plus ancienne 2', 'plus ancienne 3', 'plus ancienne 4']);
    const whole = (await admin.client.data(PAGED, { userId: target.id, first: 7 })).auditLog;
    expect(whole.edges.map((e: any) => e.node.id)).toEqual(seen.map((line) => line.id));
    const beyond = (await admin.client.data(PAGED, { userId: target.id, first: 2, after: whole.pageInfo.endCursor })).auditLog;
    expect(beyond).toMatchObject({ edges: [], totalCount: 7, pageInfo: { hasNextPage: false } });
  });

  it('cannot be rewritten, even from SQL', async () => {
    await expect(sql(`update audit_log set reason = 'effacé'`)).rejects.toThrow(/append-only/);
    await expect(sql(`delete from audit_log`)).rejects.toThrow(/append-only/);
  });

  it('refuses to take away the last admin’s role', async () => {
    const lonely = await startTestApp();
    try {
      const only = lonely.client();
      const { id } = await signUp(only, 'Seule Admin');
      await grantRoleInDb(lonely, id, 'admin');
      const error = await only.error(SET_ROLE, { input: { userId: id, role: 'MEMBER' } });
      expect(error.extensions?.code).toBe('CONFLICT');
      expect(error.message).toMatch(/dernier administrateur/);
    } finally {
      await lonely.close();
    }
  });
});

describe('with the real sections', () => {
  it('hides a reported question: it vanishes from the questions list for others, its author is told why', async () => {
    const asker = await person('Question Douteuse');
    const { askQuestion } = await asker.client.data(`mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`, {
      input: {
        title: 'Gagnez de l’argent facilement avec votre compte CAF',
        body: 'Contactez-moi en privé pour la combine.',
        tags: ['caf'],
      },
    });
    const reporter = await person('Rita Questions');
    await reporter.client.data(REPORT, { input: { contentType: 'entraide.question', contentId: askQuestion.id, reason: 'MISLEADING' } });
    const list = async () =>
      (await app.client().data(`{ questions(first: 100) { edges { node { id } } } }`)).questions.edges.map((e: any) => e.node.id);
    expect(await list()).toContain(askQuestion.id);
    const queue = (await moderator.client.data(QUEUE)).moderationQueue.edges.map((e: any) => e.node);
    expect(queue.find((c: any) => c.contentId === askQuestion.id)).toMatchObject({
      contentLabel: 'une question',
      link: `/entraide/questions/${askQuestion.id}`,
    });
    await moderator.client.data(HIDE, {
      input: { contentType: 'entraide.question', contentId: askQuestion.id, reason: 'Arnaque présumée' },
    });
    expect(await list()).not.toContain(askQuestion.id);
    const told = (await asker.client.data(NOTIFICATIONS)).notifications.edges[0].node;
    expect(told).toMatchObject({ kind: 'moderation.hidden', link: `/entraide/questions/${askQuestion.id}` });
    expect(told.message).toMatch(/une question.*Motif\u00a0: Arnaque présumée/);
  });
});

describe('at the same moment', () => {
  it('records one report when a member clicks twice, and one decision when two moderators hide together', async () => {
    const author = await person('Autrice Concurrente');
    const answer = await addAnswer(author.id, 'Une réponse discutée');
    const reporter = await person('Rita Pressée');
    const input = { contentType: 'test.answer', contentId: answer, reason: 'ABUSE' };
    const receipts = await Promise.all([0, 1, 2].map(() => reporter.client.data(REPORT, { input })));
    expect(receipts.filter((r) => !r.reportContent.alreadyReported)).toHaveLength(1);
    const [{ reports }] = await sql(`select count(*)::int as reports from report where content_id = ?`, [answer]);
    expect(reports).toBe(1);

    const secondModerator = await person('Second Modérateur', 'moderator');
    const results = await Promise.all(
      [moderator, secondModerator].map((m) =>
        m.client.request(HIDE, { input: { contentType: 'test.answer', contentId: answer, reason: 'Propos blessants' } }),
      ),
    );
    expect(results.filter((r) => !r.errors?.length)).toHaveLength(1);
    expect(results.find((r) => r.errors?.length)!.errors![0].extensions?.code).toBe('CONFLICT');
    const told = (await author.client.data(NOTIFICATIONS)).notifications.edges.filter((e: any) => e.node.kind === 'moderation.hidden');
    expect(told).toHaveLength(1);
    const [{ logged }] = await sql(`select count(*)::int as logged from audit_log where action = 'moderation.hide' and content_id = ?`, [
      answer,
    ]);
    expect(logged).toBe(1);
  });
});

describe('statement counts', () => {
  it('the queue and the audit log cost the same for 2 and for 20 items', async () => {
    const reporter = await person('Rita Compteuse');
    await sql(`update app_user set created_at = now() - interval '30 days' where id = ?`, [reporter.id]);
    const author = await person('Auteur Compté');
    for (let i = 0; i < 22; i++) {
      const id = await addAnswer(author.id, `Réponse comptée ${i}`);
      await reporter.client.data(REPORT, { input: { contentType: 'test.answer', contentId: id, reason: 'SPAM' } });
      await sql(
        `insert into audit_log (id, actor_id, action, target_user_id, reason) values (gen_random_uuid(), ?, 'moderation.warn', ?, 'compte')`,
        [moderator.id, author.id],
      );
    }
    const queue = (first: number) => moderator.client.data(QUEUE, { first });
    const queueSmall = await app.countStatements(() => queue(2));
    const queueLarge = await app.countStatements(() => queue(20));
    expect(queueLarge.result.moderationQueue.edges).toHaveLength(20);
    expect(queueLarge.statements).toBe(queueSmall.statements);
    const audit = (first: number) => admin.client.data(AUDIT, { first });
    const auditSmall = await app.countStatements(() => audit(2));
    const auditLarge = await app.countStatements(() => audit(20));
    expect(auditLarge.result.auditLog.edges).toHaveLength(20);
    expect(auditLarge.statements).toBe(auditSmall.statements);
  });
});
