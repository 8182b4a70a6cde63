import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say } from '../../server/src/i18n/lang.js';
import { createTransport, drainEmailOutbox, queueDueDigests } from '../../server/src/modules/commun/notifications/email-worker.js';
import { notify } from '../../server/src/modules/commun/notifications/notifications.service.js';
import { signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';
import { startSmtpServer } from '../helpers/smtp.js';

import { french } from '../helpers/french.js';
const PREFERENCES = `{ notificationPreferences { kind label channel mandatory customized } }`;
const SET_PREFERENCE = `mutation ($input: SetNotificationPreferenceInput!) { setNotificationPreference(input: $input) { kind channel customized } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { totalCount edges { node { kind message link readAt } } } unreadNotificationCount }`;

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const REFUSED_ADDRESS = 'refuse@exemple.fr';

beforeAll(async () => {
  [app, smtp] = await Promise.all([
    startTestApp({ config: { publicUrl: 'https://maillage.exemple.fr' } }),
    startSmtpServer({ rejectRecipients: [REFUSED_ADDRESS] }),
  ]);
});
afterAll(async () => {
  await Promise.all([app?.close(), smtp?.close()]);
});

const sql = <T = any>(query: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(query, params);
const settings = { publicUrl: 'https://maillage.exemple.fr', from: 'Maillage <ne-pas-repondre@maillage.exemple.fr>' };

async function member(name = 'Dominique Test'): Promise<{ client: GraphQLClient; id: string; email: string }> {
  const client = app.client();
  const { id, email } = await signUp(client, name);
  // The sign-up confirmation left long ago: the outbox holds only what each test sends.
  await sql(`delete from email_outbox where recipient_id = ? and kind = 'account'`, [id]);
  return { client, id, email };
}

async function tell(ids: string[], kind: string, fr: string, link: string | null = '/entraide/questions/1') {
  const em = app.orm.em.fork();
  return em.transactional((tx) => notify(tx, ids, { kind, text: say(fr, `${fr} (en)`), link }));
}

describe('notification preferences', () => {
  it('lists every registered kind with its default, and keeps the member’s choice', async () => {
    const { client } = await member();
    const { notificationPreferences } = await client.data(PREFERENCES);
    const handled = notificationPreferences.find((p: any) => p.kind === 'moderation.report_handled');
    expect(handled).toMatchObject({ channel: 'IN_APP', mandatory: false, customized: false });
    expect(handled.label).toMatch(/signalement/);
    expect(notificationPreferences.find((p: any) => p.kind === 'moderation.hidden')).toMatchObject({ channel: 'EMAIL', mandatory: true });

    await client.data(SET_PREFERENCE, { input: { kind: 'moderation.report_handled', channel: 'EMAIL' } });
    // Two quick clicks: the last choice wins, no duplicate row.
    await Promise.all([
      client.data(SET_PREFERENCE, { input: { kind: 'moderation.report_handled', channel: 'DIGEST' } }),
      client.data(SET_PREFERENCE, { input: { kind: 'moderation.report_handled', channel: 'DIGEST' } }),
    ]);
    const after = (await client.data(PREFERENCES)).notificationPreferences.find((p: any) => p.kind === 'moderation.report_handled');
    expect(after).toMatchObject({ channel: 'DIGEST', customized: true });
  });

  it('refuses to turn off a decision the person must hear about, an unknown kind, and a visitor', async () => {
    const { client } = await member();
    const mandatory = await client.error(SET_PREFERENCE, { input: { kind: 'moderation.hidden', channel: 'OFF' } });
    expect(mandatory.extensions?.code).toBe('BAD_USER_INPUT');
    expect(mandatory.extensions?.fields?.channel).toMatch(/ne peuvent pas être désactivés/);
    const unknown = await client.error(SET_PREFERENCE, { input: { kind: 'inconnu.truc', channel: 'EMAIL' } });
    expect(unknown.extensions?.fields?.kind).toMatch(/inconnu/);
    expect(
      (await app.client().error(SET_PREFERENCE, { input: { kind: 'moderation.report_handled', channel: 'OFF' } })).extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect((await app.client().error(PREFERENCES)).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('delivers by the chosen channel: in the site only, also by e-mail, or not at all', async () => {
    const inApp = await member('Irène Site');
    const byEmail = await member('Émile Courriel');
    const off = await member('Odile Silence');
    await byEmail.client.data(SET_PREFERENCE, { input: { kind: 'moderation.report_handled', channel: 'EMAIL' } });
    await off.client.data(SET_PREFERENCE, { input: { kind: 'moderation.report_handled', channel: 'OFF' } });
    await tell([inApp.id, byEmail.id, off.id], 'moderation.report_handled', 'Votre signalement a été traité.');

    expect((await inApp.client.data(NOTIFICATIONS)).unreadNotificationCount).toBe(1);
    expect((await byEmail.client.data(NOTIFICATIONS)).notifications.edges[0].node.message).toBe('Votre signalement a été traité.');
    expect((await off.client.data(NOTIFICATIONS)).notifications.totalCount).toBe(0);
    const outbox = await sql(`select to_address from email_outbox where recipient_id in (?, ?, ?)`, [inApp.id, byEmail.id, off.id]);
    expect(outbox.map((row) => row.to_address)).toEqual([byEmail.email]);
  });

  it('keeps notify() as it was for kinds no section registered: in the site only, never the actor', async () => {
    const a = await member();
    const b = await member();
    const count = await tell([a.id, b.id, a.id], 'ailleurs.evenement', 'Quelque chose vous concerne.');
    expect(count).toBe(2);
    const em = app.orm.em.fork();
    expect(await notify(em, [a.id], { kind: 'ailleurs.evenement', text: say('x', 'x') }, a.id)).toBe(0);
    expect((await sql(`select count(*)::int as n from email_outbox where recipient_id in (?, ?)`, [a.id, b.id]))[0].n).toBe(0);
  });
});

describe('e-mail outbox drained to a real SMTP server', () => {
  it('sends each e-mail once, in the recipient’s words, with the link on the public site', async () => {
    const { id, email } = await member('Jeanne Lien');
    await tell([id], 'moderation.hidden', 'La modération a masqué votre réponse. Motif : propos injurieux', '/entraide/questions/42');
    const result = await drainEmailOutbox(app.orm.em.fork(), createTransport(smtp.url), settings);
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const mail = smtp.messages.find((m) => m.to.includes(email))!;
    expect(mail.from).toBe('ne-pas-repondre@maillage.exemple.fr');
    expect(mail.subject).toBe('Maillage — La modération a masqué votre réponse. Motif : propos injurieux');
    expect(mail.text).toContain('Bonjour Jeanne Lien,');
    expect(mail.text).toContain(french('Voir : https://maillage.exemple.fr/entraide/questions/42'));
    expect(mail.text).toContain('https://maillage.exemple.fr/notifications/preferences');
    const [row] = await sql(`select status, sent_at from email_outbox where recipient_id = ?`, [id]);
    expect(row.status).toBe('sent');
    expect(row.sent_at).toBeTruthy();

    // A second run finds nothing to send.
    const before = smtp.messages.length;
    await drainEmailOutbox(app.orm.em.fork(), createTransport(smtp.url), settings);
    expect(smtp.messages.length).toBe(before);
  });

  it('never sends an e-mail twice when three workers drain at the same time', async () => {
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => member(`Personne ${i}`)));
    for (let round = 0; round < 5; round++) {
      await tell(
        people.map((p) => p.id),
        'moderation.warning',
        `Avertissement numéro ${round}`,
      );
    }
    const before = smtp.messages.length;
    const transports = [0, 1, 2].map(() => createTransport(smtp.url));
    const results = await Promise.all(transports.map((transport) => drainEmailOutbox(app.orm.em.fork(), transport, settings, 4)));
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(30);
    const received = smtp.messages.slice(before);
    expect(received).toHaveLength(30);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(30);
    const [{ pending }] = await sql(`select count(*)::int as pending from email_outbox where status <> 'sent'`);
    expect(pending).toBe(0);
  });

  it('keeps a refused e-mail for a later attempt and gives up after several, without touching the others', async () => {
    const { id } = await member('Adresse Refusée');
    await sql(`update app_user set email = ? where id = ?`, [REFUSED_ADDRESS, id]);
    await tell([id], 'moderation.warning', 'Un avertissement');
    const first = await drainEmailOutbox(app.orm.em.fork(), createTransport(smtp.url), settings);
    expect(first.failed).toBe(1);
    const [row] = await sql(
      `select status, attempts, last_error, next_attempt_at > now() as later from email_outbox where recipient_id = ?`,
      [id],
    );
    expect(row).toMatchObject({ status: 'pending', attempts: 1, later: true });
    expect(row.last_error).toMatch(/550|mailbox/);
    // Not retried before its time.
    expect((await drainEmailOutbox(app.orm.em.fork(), createTransport(smtp.url), settings)).failed).toBe(0);
    await sql(`update email_outbox set attempts = 5, next_attempt_at = now() where recipient_id = ?`, [id]);
    await drainEmailOutbox(app.orm.em.fork(), createTransport(smtp.url), settings);
    const [given] = await sql(`select status, attempts from email_outbox where recipient_id = ?`, [id]);
    expect(given).toMatchObject({ status: 'failed', attempts: 6 });
  });

  it('marks as failed, without resending, an e-mail a worker stopped in the middle of sending', async () => {
    const { id, email } = await member('Envoi Interrompu');
    await tell([id], 'moderation.warning', 'Un message interrompu');
    await sql(`update email_outbox set status = 'sending', claimed_at = now() - interval '1 hour' where recipient_id = ?`, [id]);
    await drainEmailOutbox(app.orm.em.fork(), createTransport(smtp.url), settings);
    const [row] = await sql(`select status, last_error from email_outbox where recipient_id = ?`, [id]);
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/interrompu/);
    expect(smtp.messages.some((m) => m.to.includes(email))).toBe(false);
  });
});

describe('weekly digest', () => {
  it('gathers the week’s notifications into one e-mail on Monday morning, once', async () => {
    const { client, id, email } = await member('Dalila Résumé');
    await client.data(SET_PREFERENCE, { input: { kind: 'moderation.report_handled', channel: 'DIGEST' } });
    await tell([id], 'moderation.report_handled', 'Premier signalement traité.', '/moderation/1');
    await tell([id], 'moderation.report_handled', 'Second signalement traité.', null);
    // Still visible in the site at once, but no e-mail of its own.
    expect((await client.data(NOTIFICATIONS)).unreadNotificationCount).toBe(2);
    expect((await sql(`select count(*)::int as n from email_outbox where recipient_id = ?`, [id]))[0].n).toBe(0);

    // Sunday 22 November 2026, 20:00 in Paris: last Monday's digest time is before these notifications.
    await sql(`update notification set created_at = '2026-11-19T10:00:00Z' where recipient_id = ?`, [id]);
    expect(await queueDueDigests(app.orm.em.fork(), new Date('2026-11-22T19:00:00Z'))).toBe(0);
    // Monday 23 November 2026, 8:30 in Paris (7:30 UTC): the digest is due.
    const monday = new Date('2026-11-23T07:30:00Z');
    const [first, second] = await Promise.all([queueDueDigests(app.orm.em.fork(), monday), queueDueDigests(app.orm.em.fork(), monday)]);
    expect(first + second).toBeGreaterThanOrEqual(1);
    expect(await queueDueDigests(app.orm.em.fork(), monday)).toBe(0);
    const digests = await sql(`select subject, kind from email_outbox where recipient_id = ?`, [id]);
    expect(digests).toEqual([{ subject: french('Maillage — votre semaine : 2 notifications'), kind: 'digest' }]);

    await drainEmailOutbox(app.orm.em.fork(), createTransport(smtp.url), settings);
    const mails = smtp.messages.filter((m) => m.to.includes(email));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('Voici ce qui vous concerne sur Maillage cette semaine');
    expect(mails[0].text).toContain('jeudi 19 novembre — Premier signalement traité.');
    expect(mails[0].text).toContain('https://maillage.exemple.fr/moderation/1');
    expect(mails[0].text).toContain('Second signalement traité.');
  });
});

describe('notifications list', () => {
  it('costs the same number of statements for 2 and for 20 notifications', async () => {
    const { client, id } = await member();
    for (let i = 0; i < 20; i++) await tell([id], 'ailleurs.evenement', `Message ${i}`);
    const list = (first: number) =>
      client.data(`query ($first: Int) { notifications(first: $first) { totalCount edges { node { message } } } }`, { first });
    const small = await app.countStatements(() => list(2));
    const large = await app.countStatements(() => list(20));
    expect(large.result.notifications.edges).toHaveLength(20);
    expect(large.statements).toBe(small.statements);
  });
});
