import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import nodemailer, { type Transporter } from 'nodemailer';
import { execute, query, queryOne, sql } from '../../../db/sql.js';
import type { AppConfig } from '../../../config.js';
import { count } from '../../../i18n/count.js';
import { frenchSpaces } from '../../../i18n/french.js';
import { say } from '../../../i18n/lang.js';
import { logger } from '../../../logger.js';
import { spokenDay } from '../../../shared/local-time.js';
import { PARIS_TIME_ZONE } from '../../../shared/territory.js';
import type { OutboxItem, OutboxPayload } from './email-outbox.entity.js';

/** Failed sends are retried with growing delays, then given up. */
export const MAX_ATTEMPTS = 6;
const RETRY_MINUTES = [1, 5, 15, 60, 240];
/** A claim older than this means a worker stopped mid-send: the e-mail is not resent (it may have left). */
const STALE_CLAIM_MINUTES = 15;

export interface MailSettings {
  publicUrl?: string;
  from: string;
}

interface ClaimedRow {
  id: string;
  to_address: string;
  subject: string;
  payload: OutboxPayload;
  attempts: number;
}

interface DigestRow {
  id: string;
  recipient_id: string;
  message: string;
  link: string | null;
  created_at: Date;
  email: string;
  display_name: string;
  locale: string;
}

function absolute(link: string | null | undefined, publicUrl?: string): string | null {
  if (!link) return null;
  if (/^https?:\/\//.test(link)) return link;
  return publicUrl ? `${publicUrl.replace(/\/$/, '')}${link}` : link;
}

/** A non-member's address (a fiche d'orientation) is kept only until its e-mail is sent or given up. */
const FORGET_ADDRESS = sql`to_address = case when payload->>'forgetAddress' = 'true' then '' else to_address end`;

/** The plain-text body of an outbox e-mail (plain text reads well everywhere, screen readers included). */
export function renderEmailText(payload: OutboxPayload, settings: MailSettings): string {
  const text = emailText(payload, settings);
  // French keeps « : », « ? »… with the word before them, in the frame around the messages as in the messages.
  return payload.lang !== 'en' ? frenchSpaces(text) : text;
}

function emailText(payload: OutboxPayload, settings: MailSettings): string {
  const fr = payload.lang !== 'en';
  if (payload.plain) {
    const url = absolute(payload.plain.link, settings.publicUrl);
    return [payload.plain.greeting, '', payload.plain.body, ...(url ? ['', url] : []), '', '—', payload.plain.footer].join('\n');
  }
  const lines: string[] = [fr ? `Bonjour ${payload.name},` : `Hello ${payload.name},`, ''];
  const itemLines = (item: OutboxItem) => {
    const url = absolute(item.link, settings.publicUrl);
    return url ? [item.message, `${fr ? 'Voir :' : 'See:'} ${url}`] : [item.message];
  };
  if (payload.digest) {
    lines.push(fr ? 'Voici ce qui vous concerne sur Maillage cette semaine :' : 'Here is what concerned you on Maillage this week:', '');
    for (const item of payload.items) {
      const day = spokenDay(new Date(item.at), PARIS_TIME_ZONE, fr ? 'fr' : 'en', false);
      lines.push(`• ${day} — ${itemLines(item).join('\n  ')}`, '');
    }
  } else {
    for (const item of payload.items) lines.push(...itemLines(item), '');
  }
  if (payload.account) {
    lines.push(
      '—',
      fr
        ? 'Ce message concerne votre compte Maillage : il vous est envoyé quels que soient vos choix de notifications.'
        : 'This message is about your Maillage account: it is sent whatever your notification choices.',
    );
    return lines.join('\n');
  }
  const preferences = absolute('/notifications/preferences', settings.publicUrl);
  lines.push(
    '—',
    fr
      ? `Vous recevez ce message parce que vous êtes membre de Maillage. Pour choisir ce que vous recevez par e-mail : ${preferences}`
      : `You receive this message because you are a member of Maillage. To choose what you receive by e-mail: ${preferences}`,
  );
  return lines.join('\n');
}

/**
 * Sends what waits in the outbox. Rows are claimed with `for update skip locked`, so several
 * workers (or app processes) never take the same e-mail; each e-mail is sent at most once.
 */
export async function drainEmailOutbox(
  em: EntityManager,
  transport: Transporter,
  settings: MailSettings,
  batchSize = 20,
  /** Once true, the e-mail being sent finishes and nothing else is sent (the worker is stopping). */
  stopping: () => boolean = () => false,
): Promise<{ sent: number; failed: number }> {
  await execute(
    em,
    sql`update email_outbox set status = 'failed', last_error = 'interrompu pendant l''envoi : non renvoyé pour ne pas l''envoyer deux fois', updated_at = now()
         where status = 'sending' and claimed_at < now() - (${STALE_CLAIM_MINUTES} * interval '1 minute')`,
  );
  let sent = 0;
  let failed = 0;
  while (!stopping()) {
    const claimed = await query<ClaimedRow>(
      em,
      sql`update email_outbox set status = 'sending', claimed_at = now(), attempts = attempts + 1, updated_at = now()
           where id in (select id from email_outbox where status = 'pending' and next_attempt_at <= now()
                         order by created_at, id limit ${batchSize} for update skip locked)
           returning id, to_address, subject, payload, attempts`,
    );
    if (claimed.length === 0) break;
    for (const [index, row] of claimed.entries()) {
      if (stopping()) {
        await releaseClaims(em, claimed.slice(index));
        return { sent, failed };
      }
      try {
        await transport.sendMail({
          from: settings.from,
          to: row.to_address,
          subject: row.subject,
          text: renderEmailText(row.payload, settings),
          messageId: `<${row.id}@maillage>`,
        });
        await execute(
          em,
          sql`update email_outbox set status = 'sent', sent_at = now(), last_error = null, updated_at = now(), ${FORGET_ADDRESS} where id = ${row.id}`,
        );
        sent += 1;
      } catch (error) {
        const giveUp = row.attempts >= MAX_ATTEMPTS;
        const delay = RETRY_MINUTES[Math.min(row.attempts - 1, RETRY_MINUTES.length - 1)];
        const lastError = String(error instanceof Error ? error.message : error).slice(0, 1000);
        await execute(
          em,
          sql`update email_outbox set status = ${giveUp ? 'failed' : 'pending'}, next_attempt_at = now() + (${delay} * interval '1 minute'),
                     last_error = ${lastError}, updated_at = now()${giveUp ? sql`, ${FORGET_ADDRESS}` : sql.empty}
               where id = ${row.id}`,
        );
        failed += 1;
        logger.warn({ outboxId: row.id, attempts: row.attempts, err: error }, giveUp ? 'e-mail given up' : 'e-mail will be retried');
      }
    }
    if (claimed.length < batchSize) break;
  }
  return { sent, failed };
}

/** Claimed e-mails not sent because the worker stops go back to waiting, as if never claimed (the next process sends them). */
async function releaseClaims(em: EntityManager, rows: ClaimedRow[]): Promise<void> {
  await execute(
    em,
    sql`update email_outbox set status = 'pending', attempts = attempts - 1, claimed_at = null, updated_at = now()
         where status = 'sending' and id in (${sql.join(rows.map((row) => sql`${row.id}`))})`,
  );
}

/**
 * The weekly digests: every notification a member chose to receive "in the weekly digest",
 * created before the last Monday 8:00 (Paris time), goes into one e-mail per member, once.
 * One run at a time (an advisory lock), so one person never gets two digests for one week.
 */
export async function queueDueDigests(em: EntityManager, now: Date = new Date()): Promise<number> {
  return em.transactional(async (tx) => {
    const lock = await queryOne<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(hashtext('maillage.weekly-digest')) as locked`,
    );
    if (!lock?.locked) return 0;
    const rows = await query<DigestRow>(
      tx,
      sql`with boundary as (
            select case when monday <= ${now}::timestamptz then monday else monday - interval '7 days' end as at
              from (select (date_trunc('week', ${now}::timestamptz at time zone 'Europe/Paris') + interval '8 hours') at time zone 'Europe/Paris' as monday) m
          )
          select n.id, n.recipient_id, n.message, n.link, n.created_at, u.email, u.display_name, u.locale
            from notification n join member_card u on u.id = n.recipient_id, boundary b
           where n.in_digest and n.digested_at is null and n.created_at < b.at and u.status <> 'deleted'
           order by n.recipient_id, n.created_at
           for update of n skip locked`,
    );
    if (rows.length === 0) return 0;
    const byRecipient = new Map<string, DigestRow[]>();
    for (const row of rows) byRecipient.set(row.recipient_id, [...(byRecipient.get(row.recipient_id) ?? []), row]);
    for (const [recipientId, items] of byRecipient) {
      const lang = items[0].locale === 'en' ? 'en' : 'fr';
      const payload: OutboxPayload = {
        name: items[0].display_name,
        lang,
        digest: true,
        items: items.map((item) => ({ message: item.message, link: item.link, at: new Date(item.created_at).toISOString() })),
      };
      const notifications = count(lang, items.length, 'notification', 'notifications');
      const subject = say(`Maillage — votre semaine : ${notifications}`, `Maillage — your week: ${notifications}`)[lang];
      await execute(
        tx,
        sql`insert into email_outbox (id, recipient_id, to_address, kind, subject, payload)
            values (gen_random_uuid(), ${recipientId}, ${items[0].email}, 'digest', ${subject}, ${JSON.stringify(payload)}::jsonb)`,
      );
    }
    await execute(tx, sql`update notification set digested_at = now() where id in (${sql.join(rows.map((row) => sql`${row.id}`))})`);
    return byRecipient.size;
  });
}

/** Above this many pending e-mails the backlog is reported as this number (the count stays cheap). */
export const BACKLOG_CAP = 10_000;

/**
 * The e-mails waiting to be sent (read by /metrics): how many (at most BACKLOG_CAP + 1) and how long the
 * oldest of them has waited, in seconds (0 when none). Both read at most BACKLOG_CAP + 1 rows of the
 * (status, next_attempt_at) index.
 */
export async function outboxBacklog(em: EntityManager): Promise<{ pending: number; oldestAgeSeconds: number }> {
  const row = await queryOne<{ pending: string; oldest_age: number | null }>(
    em,
    sql`select count(*) as pending, extract(epoch from now() - min(created_at))::float8 as oldest_age
          from (select created_at from email_outbox where status = 'pending' order by next_attempt_at limit ${BACKLOG_CAP + 1}) x`,
  );
  return { pending: Number(row?.pending ?? 0), oldestAgeSeconds: Math.max(0, row?.oldest_age ?? 0) };
}

/** Told of each run of a background job (the metrics count them). */
export type JobRunHook = (job: 'email-drain' | 'weekly-digest', outcome: 'ok' | 'error') => void;

export function createTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}

export interface EmailWorker {
  /**
   * No new run and no new e-mail after this; resolves once the e-mail (or digest run) under way is
   * finished and recorded, or after `timeoutMs` (then the claim stays, and the e-mail is never resent).
   */
  stop(timeoutMs: number): Promise<void>;
}

/**
 * Started by `npm start`: drains the outbox every 15 s and queues the weekly digests every
 * 10 minutes, when SMTP_URL is set. Without it, e-mails wait in the outbox.
 */
export function startEmailWorker(orm: MikroORM, config: AppConfig, onJobRun: JobRunHook = () => undefined): EmailWorker {
  if (!config.smtpUrl) {
    logger.info('SMTP_URL is not set: e-mails wait in the outbox (table email_outbox)');
    return { stop: async () => undefined };
  }
  const transport = createTransport(config.smtpUrl);
  const settings: MailSettings = { publicUrl: config.publicUrl, from: config.mailFrom };
  let stopping = false;
  let current: Promise<void> | undefined;
  const run = async (withDigests: boolean) => {
    try {
      if (withDigests) {
        try {
          await queueDueDigests(orm.em.fork());
          onJobRun('weekly-digest', 'ok');
        } catch (error) {
          onJobRun('weekly-digest', 'error');
          logger.error({ err: error }, 'weekly digest run failed');
        }
      }
      if (stopping) return;
      await drainEmailOutbox(orm.em.fork(), transport, settings, 20, () => stopping);
      onJobRun('email-drain', 'ok');
    } catch (error) {
      onJobRun('email-drain', 'error');
      logger.error({ err: error }, 'e-mail worker run failed');
    }
  };
  const tick = (withDigests: boolean) => {
    if (current || stopping) return;
    current = run(withDigests).finally(() => (current = undefined));
  };
  let runs = 0;
  const timer = setInterval(() => tick(runs++ % 40 === 0), 15_000);
  timer.unref();
  tick(true);
  return {
    stop: async (timeoutMs) => {
      stopping = true;
      clearInterval(timer);
      if (current) {
        let timeout: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => (timeout = setTimeout(() => resolve('late'), timeoutMs)));
        if ((await Promise.race([current, late])) === 'late')
          logger.warn({ timeoutMs }, 'the e-mail worker was still sending: stopping anyway');
        clearTimeout(timeout);
      }
      transport.close();
    },
  };
}
